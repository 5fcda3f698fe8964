"""Faults of the parts around the site (issue 20, item 7): a real Redis stopped and started
again under the page cache, the database's connections cut under a running server, a disk that
fills during an upload, and a background task that fails."""

import errno
import io
import logging
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import filesystem
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms import cache as resilient
from tests.content import post, school_host
from tests.servers import fetch, free_port, gunicorn
from tests.services import REQUIRE_SERVICES


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


def cut_the_database():
    """What a restart does to the site: every connection it holds is gone. With
    YXYP_DB_RESTART (CI's own stage, where no other test shares the server) PostgreSQL is
    really restarted; otherwise the connections to this test's database are terminated, which
    leaves the other test workers' databases alone."""
    if command := os.environ.get("YXYP_DB_RESTART"):
        # No pipes: the restarted server would hold them open and the run would never end.
        subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL, timeout=120)
        connection.close()
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_requests_recover_when_the_database_restarts_under_load(school_a, tmp_path):
    if connection.vendor != "postgresql":
        if REQUIRE_SERVICES:
            pytest.fail("the database restart needs PostgreSQL")
        pytest.skip("PostgreSQL is not configured (set DATABASE_URL)")
    post(school_a, "读书会启动")
    database = connection.settings_dict
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        DATABASE_URL=(
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        ),
        VAR_DIR=str(tmp_path),
        PAGE_CACHE_SECONDS="0",
        ALLOWED_HOSTS="*",
        BASE_DOMAIN=django_settings.BASE_DOMAIN,
    )
    log = tmp_path / "access.log"
    server, port = gunicorn(env, log)
    answers, stop = [], threading.Event()

    def visitor():
        while not stop.is_set():
            status, _state, body = fetch(port, school_host(school_a))
            answers.append((time.monotonic(), status, "读书会启动" in body))

    visitors = [threading.Thread(target=visitor) for _ in range(4)]
    try:
        for thread in visitors:
            thread.start()
        time.sleep(2)
        cut = time.monotonic()
        cut_the_database()
        back = time.monotonic()
        time.sleep(4)
    finally:
        stop.set()
        for thread in visitors:
            thread.join(60)
        server.terminate()
        server.wait(30)
    assert {status for _at, status, _shown in answers} <= {200, 503}
    before = [answer for answer in answers if answer[0] < cut]
    after = [answer for answer in answers if answer[0] > back + 1]
    assert before and all(status == 200 and shown for _at, status, shown in before)
    assert len(after) > 20 and all(status == 200 and shown for _at, status, shown in after)
    workers = {line.split()[0] for line in log.read_text().splitlines()}
    assert len(workers) == 2  # recovered by the same two workers: none restarted


class DiskThatFills:
    """The storage module's ``os``, except that files it opens run out of space half-way
    through their first write, as on a full disk: part of the bytes land, then ENOSPC."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def fdopen(fd, mode, *args, **kwargs):
        opened = os.fdopen(fd, mode, *args, **kwargs)

        class Filling:
            def write(self, data):
                opened.write(data[: len(data) // 2])
                opened.flush()
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            def __getattr__(self, name):
                return getattr(opened, name)

        return Filling()


def test_a_full_disk_refuses_an_upload_with_a_clear_page_and_keeps_nothing(
    school_a, make_user, monkeypatch, settings
):
    editor = make_user("meiling-editor", school=school_a, role="editor")
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    picture = io.BytesIO()
    PILImage.new("RGB", (640, 480), (166, 27, 27)).save(picture, "PNG")
    upload = SimpleUploadedFile("corridor.png", picture.getvalue(), content_type="image/png")
    monkeypatch.setattr(filesystem, "os", DiskThatFills())

    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "校园红色长廊", "file": upload, "collection": school_a.collection_id},
    )

    assert response.status_code == 507
    assert "存储空间已满" in response.content.decode() and "没有保存" in response.content.decode()
    assert not get_image_model().objects.filter(title="校园红色长廊").exists()
    left = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert left == []  # the half-written file is gone
