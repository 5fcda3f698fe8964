"""Side by side: the platform's uncached pages against bakerydemo's, or Wagtail's serve floor.

    python bench/side_by_side.py [--bakerydemo PATH] [--schools 2000] [--rounds 9] [--seconds 3]

PATH is a bakerydemo snapshot: a checkout, or a git directory without a work tree (such as the
library's `fetch` gives). The script never downloads the reference: with no PATH it compares
against Wagtail's own serve floor (bench/serve_floor: plain Pages, a one-line template, the
database search backend). bakerydemo is set up once in var/bench/bakerydemo/ on this checkout's
Django and Wagtail (its own pins need Python 3.12; Django is the same either way): its code and
fixtures from PATH, the five small packages its settings import beyond ours installed from PyPI
into a folder of their own, its production settings with local-memory caches (as ours run
without Redis) and no redirect to HTTPS, its SQLite database, its demo data. Both sides run
under gunicorn with 2 workers and persistent database connections; the platform's page cache
is off, and bakerydemo has none.

Each round measures every pair once, ours then theirs, so drift on this noisy machine falls on
both; a pair's ratio is the median of its rounds' ratios. For each scale (10 schools and
``--schools``, the provinces bench/pages.py keeps in var/bench/) it prints requests/s, p50 and
p99, the SQL queries each page costs, every worker's resident memory after the rounds, and the
ratios against the target of 3x.
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
from pathlib import Path

from query_counts import TARGETS
from serving import ROOT, load, province, serve, worker_memory

OURS_PORT, THEIRS_PORT = 8791, 8792
PYTHON = str(ROOT / ".venv/bin/python")
BAKERYDEMO = ROOT / "var" / "bench" / "bakerydemo"
# Packages bakerydemo's settings, URLs and WSGI module import that this checkout does not have;
# installed without their dependencies, which are Django's own or already here.
BAKERYDEMO_EXTRAS = [
    "python-dotenv",
    "wagtail-font-awesome-svg",
    "django-extensions",
    "django-debug-toolbar<6",
    "whitenoise",
]
BAKERYDEMO_SETTINGS = """from bakerydemo.settings.production import *  # noqa: F403

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
SECURE_SSL_REDIRECT = False  # served over loopback HTTP, as the platform is here
"""
# Our page -> the reference's equivalent, as the issue pairs them.
PAIRS = {
    "bakerydemo": {
        "column post": ("localhost", "/blog/wild-yeast/"),
        "school home": ("localhost", "/"),
        "region portal": ("localhost", "/"),
        "search": ("localhost", "/search/?q=bread"),
    },
    "serve floor": {
        "column post": ("localhost", "/column/p1/"),
        "school home": ("localhost", "/"),
        "region portal": ("localhost", "/"),
        "search": ("localhost", "/search/?q=party"),
    },
}
TARGET = 3.0


def run(command, env, cwd):
    subprocess.run(command, env=env, cwd=cwd, check=True)


def bakerydemo(snapshot):
    """(env, cwd, WSGI module) serving bakerydemo, set up from ``snapshot`` the first time."""
    folder = BAKERYDEMO
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(str(folder / part) for part in ("", "extra", "src")),
        DJANGO_SETTINGS_MODULE="bench_settings",
        DJANGO_SECRET_KEY="bakerydemo-benchmark-only",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
    )
    env.pop("REDIS_URL", None)
    if not (folder / "ready").exists():
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "src").mkdir(parents=True)
        snapshot = Path(snapshot).resolve()
        print(f"setting bakerydemo up in {folder} from {snapshot} ...", flush=True)
        if (snapshot / "manage.py").exists():
            shutil.copytree(
                snapshot, folder / "src", dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git")
            )
        else:
            archive = subprocess.run(
                ["git", "--git-dir", str(snapshot), "archive", "HEAD"],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(folder / "src")], input=archive, check=True)
        if not (folder / "src" / "bakerydemo" / "settings" / "production.py").exists():
            raise SystemExit(f"{snapshot} holds no bakerydemo: give its checkout or git directory")
        (folder / "bench_settings.py").write_text(BAKERYDEMO_SETTINGS)
        pip = [PYTHON, "-m", "pip", "install", "-q", "--no-deps", "--target", str(folder / "extra")]
        run([*pip, *BAKERYDEMO_EXTRAS], env, ROOT)
        for command in ("migrate -v0", "load_initial_data", "collectstatic --noinput -v0"):
            run([PYTHON, "manage.py", *command.split()], env, folder / "src")
        (folder / "ready").write_text("set up\n")
    return env, folder / "src", "bakerydemo.wsgi"


def serve_floor():
    """(env, cwd, WSGI module) serving Wagtail's serve floor, built the first time."""
    folder = ROOT / "var" / "bench" / "serve-floor"
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT / "bench"),
        DJANGO_SETTINGS_MODULE="serve_floor.settings",
        SERVE_FLOOR_DATABASE=str(folder / "db.sqlite3"),
    )
    run([PYTHON, "-m", "serve_floor.build"], env, ROOT / "bench")
    return env, ROOT / "bench", "django.core.wsgi:get_wsgi_application()"


def queries(env, cwd, targets):
    counted = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "query_counts.py"), json.dumps(targets)],
        env=env,
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(counted.stdout.strip().splitlines()[-1])


def compare(ours_env, reference, options):
    """Paired rounds at one scale: {page: (our figures, their figures, ratios)}, and memory."""
    name, (their_env, their_cwd, their_app), pairs = reference
    ours = {page: TARGETS[page] for page in pairs}
    our_queries = queries(ours_env, ROOT, ours)
    their_queries = queries(their_env, their_cwd, pairs)
    ours_env = dict(ours_env, ALLOWED_HOSTS="*", PAGE_CACHE_SECONDS="0")
    our_server = serve(ours_env, OURS_PORT)
    their_server = serve(their_env, THEIRS_PORT, their_cwd, their_app, probe="/")
    figures = {page: ([], [], []) for page in pairs}
    try:
        for page in pairs:  # warm both workers of both servers
            load(*ours[page], 1, options.concurrency, OURS_PORT)
            load(*pairs[page], 1, options.concurrency, THEIRS_PORT)
        for number in range(1, options.rounds + 1):
            for page in pairs:
                mine = load(*ours[page], options.seconds, options.concurrency, OURS_PORT)
                theirs = load(*pairs[page], options.seconds, options.concurrency, THEIRS_PORT)
                figures[page][0].append(mine)
                figures[page][1].append(theirs)
                figures[page][2].append(mine[0] / theirs[0])
            print(f"  round {number}/{options.rounds} done", flush=True)
        memory = (worker_memory(our_server.pid), worker_memory(their_server.pid))
    finally:
        for server in (our_server, their_server):
            server.send_signal(signal.SIGTERM)
            server.wait()
    return {
        page: (
            [statistics.median(f[i] for f in figures[page][0]) for i in range(3)],
            [statistics.median(f[i] for f in figures[page][1]) for i in range(3)],
            statistics.median(figures[page][2]),
            our_queries[page],
            their_queries[page],
        )
        for page in pairs
    }, memory


def report(schools, name, results, memory):
    print(f"\n{schools} schools against {name} (medians of the rounds; page cache off):")
    print(
        f"{'page':<14} {'req/s':>7} {'p50':>6} {'p99':>6} {'SQL':>4}   {'theirs':>7}"
        f" {'p50':>6} {'p99':>6} {'SQL':>4}   {'ratio':>5}"
    )
    for page, (mine, theirs, ratio, our_sql, their_sql) in results.items():
        print(
            f"{page:<14} {mine[0]:>7.0f} {mine[1]:>6.1f} {mine[2]:>6.1f} {our_sql:>4}"
            f"   {theirs[0]:>7.0f} {theirs[1]:>6.1f} {theirs[2]:>6.1f} {their_sql:>4}"
            f"   {ratio:>5.2f}{'' if ratio >= TARGET else '  (target 3)'}"
        )
    for side, sizes in zip(("ours", name), memory, strict=True):
        shown = ", ".join(f"{rss:.0f} MB" for rss, _pss in sizes)
        print(f"  worker RSS, {side}: {shown}")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bakerydemo", metavar="PATH", help="a bakerydemo snapshot")
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=50, help="pages per school")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    if options.bakerydemo:
        reference = ("bakerydemo", bakerydemo(options.bakerydemo), PAIRS["bakerydemo"])
    else:
        print("no bakerydemo snapshot given: comparing against Wagtail's serve floor", flush=True)
        reference = ("serve floor", serve_floor(), PAIRS["serve floor"])
    for schools in dict.fromkeys((10, options.schools)):
        print(f"{schools} schools ...", flush=True)
        results, memory = compare(province(schools, options.pages), reference, options)
        report(schools, reference[0], results, memory)


if __name__ == "__main__":
    main()
