"""Public rating's per-address limits count an IPv6 /64 as one network (issue 33, item 6): one
/64 cast 100 ratings in 10 s by moving to a new address for each, and was issued a rater key
for every address it took."""

import pytest
from django.test import Client

from plugins.evaluation import procedure
from plugins.evaluation.tests.test_rating import rate, rating, stars_given  # noqa: F401

pytestmark = pytest.mark.django_db

ONE_64 = "2001:db8:1:2::{:x}"
ANOTHER_64 = "2001:db8:1:3::7"


def test_ratings_from_one_ipv6_64_share_one_allowance(rating, monkeypatch):  # noqa: F811
    _campaign, first, second = rating
    monkeypatch.setattr(procedure, "RATING_THROTTLE", 3)
    addresses = iter(ONE_64.format(n) for n in range(1, 100))
    for browser in (Client(), Client()):  # two browsers, a new address for every request
        rate(browser, first, 5, next(addresses))
        rate(browser, second, 5, next(addresses))
    assert stars_given() == [5, 5, 5]  # the fourth was over the /64's allowance
    assert rate(Client(), first, 2, ANOTHER_64).status_code == 302
    assert stars_given() == [2, 5, 5, 5]  # another /64 has its own


def test_rater_keys_for_one_ipv6_64_share_one_allowance(rating, monkeypatch):  # noqa: F811
    _campaign, first, _second = rating
    monkeypatch.setattr(procedure, "NEW_RATERS_PER_ADDRESS", 2)
    for n in range(1, 4):
        rate(Client(), first, 4, ONE_64.format(n))
    assert stars_given() == [4, 4]  # no key for a third browser of the same /64
    rate(Client(), first, 3, ANOTHER_64)
    assert stars_given() == [3, 4, 4]


def test_an_ipv4_address_written_as_ipv6_is_that_ipv4_address(rating, monkeypatch):  # noqa: F811
    _campaign, first, _second = rating
    monkeypatch.setattr(procedure, "NEW_RATERS_PER_ADDRESS", 1)
    rate(Client(), first, 4, "192.0.2.60")
    rate(Client(), first, 2, "::ffff:192.0.2.60")
    assert stars_given() == [4]
