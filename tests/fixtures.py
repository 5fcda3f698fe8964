"""Fixtures and hooks of every test, the core's and the plugins' (loaded by the root conftest.py):
a small province built once through the real provisioning service.

With REQUIRE_SERVICES=1 (as in CI) the run fails unless PostgreSQL and Redis are in use, so a
green CI always means the service-backed tests ran.
"""

import json
import os
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import override_settings

from schools import provisioning
from tests.services import REQUIRE_SERVICES


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
                # The cluster's health, which every node serves: the runner's Elasticsearch 8
                # has no root endpoint (search/es8-runner: its module is not published).
                engine.client.cluster.health()
            except engine.errors as error:
                pytest.exit(f"REQUIRE_SERVICES=1 but {settings.SEARCH_URL} is down: {error}", 3)


def pytest_configure(config):
    """Under pytest-xdist (bin/test runs a worker per core) each worker has its own Redis
    database (or shared-cache folder) and search index, as it has its own test database: one
    worker's cache.clear(), token or counter, or index reset must not reach the other's tests."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    changes = {"SEARCH_INDEX": f"{settings.SEARCH_INDEX}-{worker}"}
    if settings.REDIS_URL:
        number = int(worker.removeprefix("gw")) + 1
        location = urlsplit(settings.REDIS_URL)._replace(path=f"/{number}").geturl()
        changes["REDIS_URL"] = location
        redis = {**settings.CACHES["default"], "LOCATION": location}
        changes["CACHES"] = {"default": redis, "shared": redis}
    else:
        shared = settings.CACHES["shared"]
        location = f"{shared['LOCATION']}-{worker}"
        changes["CACHES"] = {**settings.CACHES, "shared": {**shared, "LOCATION": location}}
    override_settings(**changes).enable()


def _deselect(config, items, marker):
    deselected = [item for item in items if item.get_closest_marker(marker)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker(marker)]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Without a search cluster, tests marked ``cluster`` are deselected (not skipped: CI runs
    them in its cluster stage), and without CI's two-node cluster those marked ``node_loss``.
    With a cluster, search tests commit for real: the cluster is written only after a commit,
    which a test's rolled-back transaction never makes. Marked before pytest-django orders the
    run, so they run after the tests that share the province in a transaction."""
    if not os.environ.get("SEARCH_CLUSTER_BASE"):
        _deselect(config, items, "node_loss")
    if not settings.SEARCH_URL:
        _deselect(config, items, "cluster")
        return
    for item in items:
        if item.get_closest_marker("django_db") and "tests/search/" in item.nodeid:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # A deliberately slow password hash is a third of some tests' time; tests need a hash,
    # not its cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import caches

    from overrides import locales

    for cache in caches.all():
        cache.clear()
    locales.forget()  # Locale rows of an earlier test may have been rolled back


@pytest.fixture(autouse=True)
def _unattended_publishing():
    """What a test publishes itself, outside any request, is published the way the operator's
    own loading does (pages.publishing.PLATFORM); requests are still judged by their user.
    tests/schools/test_publishing_gate.py sets no one there to test the gate's own rule."""
    from pages import publishing

    with publishing.when_unattended(publishing.PLATFORM):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the platform's language: LocaleMiddleware leaves the language of the
    test client's last request active in the thread, so a test after an English request made
    its data in English (a page's history then read differently in another test order)."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# The small province every test starts from, built once per session through the real
# provisioning service: (name, title, slug, division code, level, parent's name).
PROVINCE = (
    ("province", "江苏省", "jiangsu", "320000", "province", None),
    ("city", "南京市", "nanjing", "320100", "city", "province"),
    ("county", "玄武区", "xuanwu", "320102", "county", "city"),
    ("other_county", "鼓楼区", "gulou", "320106", "county", "city"),
)
SCHOOLS = (
    ("school_a", "梅岭小学", "meiling", "county"),
    ("school_b", "清凉山小学", "qingliangshan", "other_county"),
)


def build_province():
    built = {}
    for name, title, slug, code, level, parent in PROVINCE:
        parent_page = built[parent] if parent else None
        built[name] = provisioning.provision_region(
            title, slug, code, level, parent=parent_page
        ).page
    for name, title, slug, county in SCHOOLS:
        built[name] = provisioning.provision_school(built[county], title, slug).page
    return built


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test's transaction rolls back to this province. Transactional tests empty the
    database afterwards, so they restore it with ``serialized_rollback`` (see
    pytest_collection_modifyitems), from the copy serialized here."""
    from django.db import connections

    with django_db_blocker.unblock():
        build_province()
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = _serialized(connection)


def _serialized(connection):
    """The database as Django's serialized rollback keeps it, content types first: Django
    writes app by app, and loading pages before their content types made Wagtail's signal
    handlers create the content types again under other ids."""
    objects = json.loads(connection.creation.serialize_db_to_string())
    objects.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


def _built(slug):
    from wagtail.models import Page

    return Page.objects.get(slug=slug).specific


@pytest.fixture
def province(db):
    return _built("jiangsu")


@pytest.fixture
def city(db):
    return _built("nanjing")


@pytest.fixture
def county(db):
    return _built("xuanwu")


@pytest.fixture
def other_county(db):
    return _built("gulou")


@pytest.fixture
def school_a(db):
    return _built("meiling")


@pytest.fixture
def school_b(db):
    return _built("qingliangshan")


@pytest.fixture
def make_user(django_user_model):
    """A user, with a role in a school's or a region's team when one is given."""

    def make(username, school=None, role=None, region=None, **extra):
        user = django_user_model.objects.create_user(username, password="pw-for-tests", **extra)
        if school is not None:
            provisioning.add_school_user(school, user, role)
        if region is not None:
            provisioning.add_region_user(region, user, role)
        return user

    return make


@pytest.fixture
def make_school(db):
    """Another school, provisioned like the province's."""

    def make(county, title, slug):
        return provisioning.provision_school(county, title, slug).page

    return make
