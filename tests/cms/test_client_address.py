"""The client's address behind reverse proxies (issue 16, finding 9): X-Forwarded-For is
believed only as far as TRUSTED_PROXIES vouch for it."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from cms.security import ClientAddressMiddleware


def echo(request):
    return HttpResponse(request.META["REMOTE_ADDR"])


@pytest.mark.parametrize(
    ("trusted", "peer", "forwarded", "client"),
    [
        ([], "10.0.0.5", "203.0.113.9", "10.0.0.5"),  # no proxies configured: header ignored
        (["10.0.0.0/8"], "198.51.100.4", "203.0.113.9", "198.51.100.4"),  # not from a proxy
        (["10.0.0.0/8"], "10.0.0.5", "203.0.113.9", "203.0.113.9"),
        (["10.0.0.0/8"], "10.0.0.5", "203.0.113.9, 10.0.0.7", "203.0.113.9"),  # two proxies
        (["10.0.0.0/8"], "10.0.0.5", "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # client's lie
        (["10.0.0.0/8"], "10.0.0.5", "not-an-address", "10.0.0.5"),
        (["10.0.0.0/8", "::1"], "::1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_comes_only_from_trusted_proxies(
    settings, trusted, peer, forwarded, client
):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert ClientAddressMiddleware(echo)(request).content.decode() == client
