"""Faults of the parts around the site (issue 20, item 7): a real Redis stopped and started
again under the page cache, the database's connections cut under a running server, a disk that
fills during an upload, and a background task that fails."""

import logging
import shutil
import signal
import socket
import subprocess
import time

import pytest

from cms import cache as resilient
from tests.content import post, school_host
from tests.services import REQUIRE_SERVICES


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A redis-server of the test's own, so stopping it touches nothing else."""

    def __init__(self, folder):
        self.port, self.folder, self.process = free_port(), folder, None

    def start(self):
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def own_redis(settings, tmp_path, monkeypatch):
    if shutil.which("redis-server") is None:
        if REQUIRE_SERVICES:
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = OwnRedis(tmp_path)
    server.start()
    redis = {
        "BACKEND": "cms.cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{server.port}/0",
    }
    settings.CACHES = {"default": redis, "shared": redis}
    settings.PAGE_CACHE_SECONDS = 600
    monkeypatch.setattr(resilient, "RETRY_AFTER", 0.2)
    yield server
    if server.process.poll() is None:
        server.stop()


def test_pages_are_served_while_redis_hangs_and_never_stale_once_it_is_back(
    own_redis, school_a, client, caplog
):
    host = school_host(school_a)
    post(school_a, "读书会启动")
    assert client.get("/", HTTP_HOST=host)["X-Page-Cache"] == "miss"
    assert client.get("/", HTTP_HOST=host)["X-Page-Cache"] == "hit"

    own_redis.process.send_signal(signal.SIGSTOP)  # frozen: connections hang, data is kept
    try:
        with caplog.at_level(logging.WARNING, logger="yxyp.cache"):
            post(school_a, "停机期间发布的文章")  # its new generation cannot reach Redis
            for _ in range(3):
                response = client.get("/", HTTP_HOST=host)
                assert response.status_code == 200 and "X-Page-Cache" not in response
                assert "停机期间发布的文章" in response.content.decode()
    finally:
        own_redis.process.send_signal(signal.SIGCONT)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "Redis cache unreachable" in errors[0].getMessage()

    time.sleep(0.3)  # past RETRY_AFTER
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="yxyp.cache"):
        first = client.get("/", HTTP_HOST=host)
    # Redis still held the old page and the old generation: served, it would hide the post.
    assert first["X-Page-Cache"] == "miss" and "停机期间发布的文章" in first.content.decode()
    assert client.get("/", HTTP_HOST=host)["X-Page-Cache"] == "hit"
    assert any("emptied" in r.getMessage() for r in caplog.records)


def test_pages_are_served_when_redis_was_never_there(settings, school_a, client, caplog):
    nowhere = {
        "BACKEND": "cms.cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
    }
    settings.CACHES = {"default": nowhere, "shared": nowhere}
    settings.PAGE_CACHE_SECONDS = 600
    with caplog.at_level(logging.WARNING, logger="yxyp.cache"):
        post(school_a, "读书会启动")
        for _ in range(2):
            response = client.get("/", HTTP_HOST=school_host(school_a))
            assert response.status_code == 200 and "X-Page-Cache" not in response
            assert "读书会启动" in response.content.decode()
    assert any("Redis cache unreachable" in r.getMessage() for r in caplog.records)
