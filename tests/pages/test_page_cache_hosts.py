"""The page cache keys by the Site that answers a host, not by the Host header (issue 33,
item 6): every made-up subdomain under the wildcard ALLOWED_HOSTS got an entry of its own."""

import pytest
from django.conf import settings

from tests.content import school_host

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def cache_state(client, host):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200
    return response.get("X-Page-Cache")


@pytest.mark.parametrize(
    "host", [f"made-up-{n}.{settings.SITE_HOSTNAME}" for n in (1, 2)] + ["127.0.0.1"]
)
def test_a_host_that_names_no_site_leaves_no_page_cache_entry(client, school_a, host):
    assert cache_state(client, host) is None  # served (the default Site), not stored
    assert cache_state(client, host) is None  # nor found the second time


def test_a_known_site_is_one_entry_however_its_host_is_written(client, school_a):
    host = school_host(school_a)
    assert cache_state(client, host) == "miss"
    assert cache_state(client, host.upper()) == "hit"
    assert cache_state(client, f"{host}:{settings.SITE_PORT}") == "hit"
    assert cache_state(client, settings.BASE_DOMAIN) == "miss"  # another Site, its own entry
