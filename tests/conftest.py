"""Shared fixtures: a small province built through the real provisioning service.

With REQUIRE_SERVICES=1 (as in CI) the run fails unless PostgreSQL and Redis are in use, so a
green CI always means the service-backed tests ran.
"""

import os

import pytest
from django.conf import settings

from schools import provisioning

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def pytest_report_header(config):
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    search = (
        f"{settings.SEARCH_ENGINE} at {settings.SEARCH_URL}" if settings.SEARCH_URL else "database"
    )
    return (
        f"database: {database}; cache: {cache}; search: {search}; "
        f"services required: {REQUIRE_SERVICES}"
    )


def pytest_sessionstart(session):
    if REQUIRE_SERVICES:
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            pytest.exit(f"REQUIRE_SERVICES=1 but the database is {engine}; set DATABASE_URL.", 3)
        if not settings.REDIS_URL:
            pytest.exit("REQUIRE_SERVICES=1 but REDIS_URL is not set.", 3)
        if settings.SEARCH_URL:
            from search.engines import remote_engine

            engine = remote_engine()
            try:
                engine.client.info()
            except engine.errors as error:
                pytest.exit(f"REQUIRE_SERVICES=1 but {settings.SEARCH_URL} is down: {error}", 3)


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # A deliberately slow password hash is a third of some tests' time; tests need a hash,
    # not its cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import cache

    from overrides import locales

    cache.clear()
    locales.forget()  # Locale rows of an earlier test may have been rolled back


@pytest.fixture
def province(db):
    return provisioning.provision_region("江苏省", "jiangsu", "320000", "province").page


@pytest.fixture
def city(province):
    return provisioning.provision_region(
        "南京市", "nanjing", "320100", "city", parent=province
    ).page


@pytest.fixture
def county(city):
    return provisioning.provision_region("玄武区", "xuanwu", "320102", "county", parent=city).page


@pytest.fixture
def other_county(city):
    return provisioning.provision_region("鼓楼区", "gulou", "320106", "county", parent=city).page


@pytest.fixture
def school_a(county):
    return provisioning.provision_school(county, "梅岭小学", "meiling").page


@pytest.fixture
def school_b(other_county):
    return provisioning.provision_school(other_county, "清凉山小学", "qingliangshan").page


def school_host(school):
    return f"{school.slug}.{settings.SITE_HOSTNAME}"


@pytest.fixture
def make_user(django_user_model):
    def make(username, school=None, role=None, **extra):
        user = django_user_model.objects.create_user(username, password="pw-for-tests", **extra)
        if school is not None:
            provisioning.add_school_user(school, user, role)
        return user

    return make
