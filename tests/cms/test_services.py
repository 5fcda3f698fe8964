"""The production services, when configured (always in CI, where REQUIRE_SERVICES=1)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from tests.services import REQUIRE_SERVICES


@pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set")
def test_the_cache_is_redis_and_answers():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("probe", {"学校": 1}, 30)
    assert cache.get("probe") == {"学校": 1}
    client = cache._cache.get_client()
    assert client.ping()


@pytest.mark.django_db
def test_the_database_is_postgresql_when_services_are_required():
    if not REQUIRE_SERVICES and connection.vendor != "postgresql":
        pytest.skip("PostgreSQL is not configured (set DATABASE_URL)")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"
