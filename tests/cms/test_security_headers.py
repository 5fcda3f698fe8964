"""Security headers on every response, cached or not, and production settings that pass
``check --deploy`` (issue 16, finding 11)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.content import post, school_host

ROOT = Path(__file__).resolve().parents[2]


def production_environment(folder):
    """deploy/production.env, the documented production environment, with its placeholders
    filled in, its folders in ``folder`` and this run's services."""
    env = {}
    for line in (ROOT / "deploy/production.env").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    env["SECRET_KEY"] = "x" * 30 + "production-secret-key-from-the-environment-0123456789"
    env.update(VAR_DIR=str(folder / "var"), MEDIA_ROOT=str(folder / "media"))
    # The services this run has (all of them in CI), else the embedded ones: checks connect.
    for name in ("DATABASE_URL", "REDIS_URL", "SEARCH_URL", "SEARCH_ENGINE"):
        if os.environ.get(name):
            env[name] = os.environ[name]
        else:
            env.pop(name)
    assert not any("<" in value for value in env.values()), env
    return env


def directives(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split("; ")
    )


@pytest.mark.django_db
def test_public_pages_cached_or_not_carry_the_strict_policy(client, school_a, settings):
    settings.PAGE_CACHE_SECONDS = 600
    post(school_a, "安全头")
    responses = [client.get("/", HTTP_HOST=school_host(school_a)) for _ in range(2)]
    assert [r["X-Page-Cache"] for r in responses] == ["miss", "hit"]
    for response in responses:
        policy = directives(response)
        assert policy["script-src"] == policy["style-src"] == "'self'"
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'self'"
        assert "unsafe" not in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_admin_gets_a_workable_policy(client):
    response = client.get("/admin/login/")
    policy = directives(response)
    assert "'unsafe-inline'" in policy["style-src"] and policy["object-src"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]


def _manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "SEARCH_URL")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=300,
    )


HTTPS_CHECK = """
from django.test import Client
plain = Client().get("/healthz/", HTTP_HOST="dangjian.example.edu.cn")
assert plain.status_code == 200, plain.status_code  # the load balancer's probe stays on HTTP
redirected = Client().get("/search/", HTTP_HOST="dangjian.example.edu.cn")
assert redirected.status_code == 301 and redirected["Location"].startswith("https://")
secure = Client().get("/healthz/", HTTP_HOST="dangjian.example.edu.cn",
                      HTTP_X_FORWARDED_PROTO="https")
hsts = secure["Strict-Transport-Security"]
assert "max-age=31536000" in hsts and "includeSubDomains" in hsts, hsts
print("https ok")
"""


@pytest.mark.slow
def test_production_settings_pass_check_deploy_and_serve_https_only(tmp_path):
    env = production_environment(tmp_path)
    deploy = _manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert deploy.returncode == 0, deploy.stderr[-2000:]
    https = _manage("shell", "-c", HTTPS_CHECK, **env)  # secure cookies: check --deploy
    assert https.returncode == 0 and "https ok" in https.stdout, https.stderr[-2000:]
    assert not settings.HTTPS  # the tests themselves run on the embedded defaults
