"""Mixed traffic against gunicorn on loopback with PostgreSQL and Redis: errors and latency.

    DATABASE_URL=postgres://… REDIS_URL=redis://… python bench/load.py [--clients 50] [--seconds 60]

Fills an empty database with a province of 10 schools x 50 pages (bench/generate.py), makes a
school moderator and a county curator, starts gunicorn (page cache on, as in production) and
runs ``--clients`` concurrent keep-alive clients for ``--seconds``: one is the moderator, who
opens a post's edit form and saves it as a draft, publishing every fifth save; one is the
curator, who opens the featuring form, features a school's brand on the county portal and takes
it off again (a region features a few works at a time); the rest are visitors, three requests
in four for public pages (school homes, posts, reports, cases, region portals) and one in four
a province-wide search of a common word. Prints, for
each kind, the requests, errors, rate and p50/p95/p99 latency; exits 1 if any request failed.
"""

import argparse
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from django_setup import setup_django

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Load-test-password-2026"
WORDS = ["党建", "红色", "读书", "志愿服务", "主题党日", "先锋", "劳动教育", "家校共育"]


class Session:
    """One keep-alive connection with its cookies, as a browser tab."""

    def __init__(self, port):
        self.port, self.cookies, self.connection = port, {}, None

    def request(self, method, host, path, form=None):
        headers = {"Host": host}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{host}{path}"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection = None  # the server closed an idle keep-alive connection
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, content.decode("utf-8", "replace")

    def sign_in(self, host, username):
        self.request("GET", host, "/admin/login/")
        status, _ = self.request(
            "POST",
            host,
            "/admin/login/",
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        if status != 302:
            raise SystemExit(f"{username} could not sign in ({status})")


def prepare(schools):
    """Content, accounts and the addresses the clients use."""
    import generate
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from curation.models import Feature
    from pages.models import (
        BrandPage,
        ColumnIndexPage,
        ColumnPostPage,
        RegionPage,
        SchoolHomePage,
    )
    from schools import provisioning

    if not SchoolHomePage.objects.exists():
        print(f"generating {schools} schools x 50 pages ...", flush=True)
        generate.generate(schools, 50)
    school = SchoolHomePage.objects.order_by("path").first()
    county = RegionPage.objects.filter(depth=school.depth - 1).ancestor_of(school).get()
    users = get_user_model().objects
    for username, add in (
        ("load-moderator", lambda u: provisioning.add_school_user(school, u, "moderator")),
        ("load-curator", lambda u: provisioning.add_region_user(county, u, "curator")),
    ):
        user = users.filter(username=username).first() or users.create_user(username)
        user.set_password(PASSWORD)
        user.save()
        add(user)
    draft = ColumnPostPage.objects.descendant_of(school).filter(slug="load-draft").first()
    if draft is None:
        index = ColumnIndexPage.objects.child_of(school).get()
        draft = ColumnPostPage(title="压力测试稿件", slug="load-draft", date="2026-05-04")
        index.add_child(instance=draft)
        draft.save_revision().publish()
    public = Page.objects.live().public().filter(depth__gte=school.depth - 2)
    addresses = []
    for page in public.order_by("?")[:400]:
        _site, root, path = page.get_url_parts()
        addresses.append((root.split("//", 1)[1], path))
    for brand in BrandPage.objects.descendant_of(county).not_live():
        brand.save_revision().publish()  # generated brands are drafts; only live ones are featured
    brands = list(BrandPage.objects.live().descendant_of(county).values_list("pk", flat=True))
    Feature.objects.filter(region=county).delete()  # the curator features and unfeatures them
    return {
        "school_host": school.get_url_parts()[1].split("//", 1)[1],
        "draft": draft.pk,
        "county": county.pk,
        "brands": brands,
        "pages": addresses,
    }


def serve(port, workers, threads):
    env = dict(os.environ, ALLOWED_HOSTS="*", PAGE_CACHE_SECONDS="600")
    process = subprocess.Popen(
        [
            *(str(ROOT / ".venv/bin/gunicorn"), "cms.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(workers), "--threads", str(threads), "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(150):
        try:
            Session(port).request("GET", "localhost", "/healthz/")
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def hidden_token(html):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else ""


def run(port, plan, seconds, clients):
    results = defaultdict(list)  # kind -> [(ms, ok)]
    failures = defaultdict(list)
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def record(kind, started, ok, detail=""):
        with lock:
            results[kind].append(((time.perf_counter() - started) * 1000, ok))
            if not ok and len(failures[kind]) < 3:
                failures[kind].append(detail)

    def visitor(number):
        rng, session = random.Random(number), Session(port)
        while time.monotonic() < stop:
            started = time.perf_counter()
            if rng.random() < 0.75:
                host, path = rng.choice(plan["pages"])
                status, _ = session.request("GET", host, path)
                record("public page", started, status == 200, f"{status} {host}{path}")
            else:
                query = urlencode({"q": rng.choice(WORDS)})
                status, _ = session.request("GET", "localhost", f"/search/?{query}")
                record("search", started, status == 200, f"{status} search")

    def edit(session, host, url, fields, kind):
        """Opens the form at ``url`` and sends it with ``fields``, as a browser would: two
        requests, the second expected to redirect (a form error answers 200)."""
        started = time.perf_counter()
        status, html = session.request("GET", host, url)
        record(f"{kind.split(':')[0]}: open form", started, status == 200, f"{status} {url}")
        started = time.perf_counter()
        form = {"csrfmiddlewaretoken": hidden_token(html), **fields}
        status, html = session.request("POST", host, url, form)
        record(kind, started, status == 302, f"{status} {html[:200]!r}")

    def moderator():
        session, host, saves = Session(port), plan["school_host"], 0
        session.sign_in(host, "load-moderator")
        while time.monotonic() < stop:
            saves += 1
            fields = {
                "title": f"压力测试稿件 第{saves}稿",
                "slug": "load-draft",
                "date": "2026-05-04",
                "body-count": "0",
                "tags": "",
                "summary": "",
                "author": "",
                "culture_dimension": "",
            }
            kind = "editor: save draft"
            if saves % 5 == 0:
                fields["action-publish"] = "1"
                kind = "editor: publish"
            edit(session, host, f"/admin/pages/{plan['draft']}/edit/", fields, kind)

    def curator():
        from curation.models import Feature

        session, host, number = Session(port), plan["school_host"], 0
        session.sign_in(host, "load-curator")
        while time.monotonic() < stop:
            number += 1
            fields = {
                "region": plan["county"],
                "page": plan["brands"][number % len(plan["brands"])],
                "reason": f"压力测试推荐 {number}",
                "sort_order": "0",
                "starts_on": "2026-01-01",
                "ends_on": "",
            }
            edit(session, host, "/admin/features/new/", fields, "curator: feature")
            featured = Feature.objects.filter(region_id=fields["region"], page_id=fields["page"])
            remove = f"/admin/features/delete/{featured.values_list('pk', flat=True).first()}/"
            started = time.perf_counter()
            status, _html = session.request(
                "POST", host, remove, {"csrfmiddlewaretoken": session.cookies["csrftoken"]}
            )
            record("curator: unfeature", started, status == 302, f"{status} {remove}")

    threads = [threading.Thread(target=moderator), threading.Thread(target=curator)]
    threads += [threading.Thread(target=visitor, args=(n,)) for n in range(clients - 2)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, failures, time.monotonic() - began


def report(results, failures, elapsed):
    print(
        f"\n{'kind':<20} {'requests':>8} {'errors':>6} {'req/s':>7} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    errors = 0
    for kind in sorted(results):
        timings = sorted(ms for ms, _ok in results[kind])
        failed = sum(1 for _ms, ok in results[kind] if not ok)
        errors += failed

        def at(share, timings=timings):
            return timings[min(len(timings) - 1, int(len(timings) * share))]

        print(
            f"{kind:<20} {len(timings):>8} {failed:>6} {len(timings) / elapsed:>7.1f} "
            f"{statistics.median(timings):>8.1f} {at(0.95):>8.1f} {at(0.99):>8.1f}"
        )
    total = sum(len(r) for r in results.values())
    print(f"\n{total} requests in {elapsed:.0f} s ({total / elapsed:.0f}/s), {errors} errors")
    for kind, details in failures.items():
        for detail in details:
            print(f"  failed {kind}: {detail}")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--schools", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8792)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get(
        "REDIS_URL"
    ):
        raise SystemExit(
            "Set DATABASE_URL to a PostgreSQL database and REDIS_URL to a Redis database: the "
            "load test measures the production layout."
        )
    os.environ.setdefault("BASE_DOMAIN", "localhost")
    setup_django("yxyp-load-")
    plan = prepare(options.schools)
    print(
        f"{options.clients} clients for {options.seconds:.0f} s against gunicorn "
        f"({options.workers} workers x {options.threads} threads), PostgreSQL and Redis",
        flush=True,
    )
    server = serve(options.port, options.workers, options.threads)
    try:
        results, failures, elapsed = run(options.port, plan, options.seconds, options.clients)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    sys.exit(1 if report(results, failures, elapsed) else 0)


if __name__ == "__main__":
    main()
