"""One truth for the page cache across worker processes, without Redis (issue 20, item 2).

gunicorn with two workers on the embedded defaults (SQLite, each worker's memory as the page
cache) serves a school's home page until both workers hold it; then a third process publishes a
post. Every later answer, from either worker, must show the post: the generation tokens live in
the shared cache (files in VAR_DIR) that every process reads. With the tokens in each worker's
memory, both workers went on serving their old copy for up to PAGE_CACHE_SECONDS.
"""

import os
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import fetch, gunicorn, manage

SETUP = """
from pages import publishing
publishing.unattended_from_now(publishing.PLATFORM)  # the operator's own loading
from schools import provisioning
from tests.content import post, school_host
region = provisioning.provision_region("江苏省", "jiangsu", "320000", "province")
school = provisioning.provision_school(region.page, "梅岭小学", "meiling").page
post(school, "读书会启动")
print(school_host(school))
"""
PUBLISH = """
from pages import publishing
publishing.unattended_from_now(publishing.PLATFORM)  # the operator's own loading
from pages.models import SchoolHomePage
from tests.content import post
post(SchoolHomePage.objects.get(slug="meiling"), "新发布的主题党日")
"""


def run(env, *arguments):
    done = manage(env, *arguments)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def served(log, since):
    """(worker pid, X-Page-Cache) of each request logged after line ``since``."""
    lines = log.read_text().splitlines()[since:]
    return [tuple(re.fullmatch(r"<(\d+)> (\S+)", line).groups()) for line in lines]


def fetch_until_both_workers_answered(port, host, log, state):
    """Concurrent requests until each of the two workers has answered one with ``state``;
    returns the bodies served meanwhile."""
    since, bodies = len(log.read_text().splitlines()), []
    with ThreadPoolExecutor(4) as pool:
        for _ in range(50):
            answers = list(pool.map(lambda _: fetch(port, host), range(8)))
            assert all(status == 200 for status, _state, _body in answers)
            bodies += [body for _status, _state, body in answers]
            time.sleep(0.1)  # gunicorn writes the access log after the response
            if len({pid for pid, seen in served(log, since) if seen == state}) == 2:
                return bodies
    pytest.fail(f"both workers did not serve a {state}: {served(log, since)}")


@pytest.mark.slow
def test_a_publish_in_any_process_reaches_every_workers_cached_pages(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "SEARCH_URL", "PYTEST_XDIST_WORKER")
    }
    env.update(VAR_DIR=str(tmp_path), BASE_DOMAIN="localhost", PAGE_CACHE_SECONDS="600")
    env["ALLOWED_HOSTS"] = "*"
    run(env, "migrate", "-v0")
    host = run(env, "shell", "-v0", "-c", SETUP).strip().splitlines()[-1]
    log = tmp_path / "access.log"
    server, port = gunicorn(env, log)
    try:
        bodies = fetch_until_both_workers_answered(port, host, log, "hit")
        assert all("读书会启动" in body and "新发布的主题党日" not in body for body in bodies)

        run(env, "shell", "-v0", "-c", PUBLISH)

        bodies = fetch_until_both_workers_answered(port, host, log, "hit")
        assert all("新发布的主题党日" in body for body in bodies)
    finally:
        server.terminate()
        server.wait(30)
