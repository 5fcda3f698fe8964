"""The network a per-address limit counts a visitor by (issue 33, item 6)."""

import pytest
from django.test import RequestFactory

from pages.networks import client_network, network_of


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::"),
        ("2001:db8:1:3::1", "2001:db8:1:3::"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("fe80::1%eth0", "fe80::"),
        ("::1", "::"),
        ("", ""),
        ("not-an-address", "not-an-address"),
    ],
)
def test_ipv4_counts_as_itself_and_ipv6_as_its_64(address, network):
    assert network_of(address) == network


def test_the_client_network_is_read_from_the_client_address():
    request = RequestFactory().get("/", REMOTE_ADDR="2001:db8::5")
    assert client_network(request) == "2001:db8::"
