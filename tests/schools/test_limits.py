"""Per-address limits of sign-in, page passwords and password resets count an IPv6 /64 as one
network (issue 33, item 6): one /64 guessed a page password without limit by taking a new
address for every guess."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from schools.sessions import GUARDED
from tests.content import post, school_host
from tests.schools.test_sign_in import GOOD, sign_in, teacher  # noqa: F401

pytestmark = pytest.mark.django_db

ONE_64 = "2001:db8:a:b:{:x}::1"
ANOTHER_64 = "2001:db8:a:c::1"


def addresses():
    return (ONE_64.format(n) for n in range(1, 1000))


def test_page_password_guesses_from_one_ipv6_64_share_one_allowance(school_a):
    page = post(school_a, "内部资料")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="s3cret-pw"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    host = school_host(school_a)
    limit = GUARDED["wagtailcore_authenticate_with_password"][0]
    statuses = [
        Client()
        .post(url, {"password": f"guess-{n}", "return_url": "/"}, HTTP_HOST=host, REMOTE_ADDR=a)
        .status_code
        for n, a in zip(range(limit + 1), addresses(), strict=False)
    ]
    assert statuses == [200] * limit + [429]
    right = {"password": "s3cret-pw", "return_url": "/"}
    assert Client().post(url, right, HTTP_HOST=host, REMOTE_ADDR=ANOTHER_64).status_code == 302


def test_password_resets_from_one_ipv6_64_share_one_allowance(teacher):  # noqa: F811
    url = reverse("wagtailadmin_password_reset")
    limit = GUARDED["wagtailadmin_password_reset"][0]
    statuses = [
        Client().post(url, {"email": "a@example.cn"}, REMOTE_ADDR=a).status_code
        for _n, a in zip(range(limit + 1), addresses(), strict=False)
    ]
    assert statuses == [302] * limit + [429]
    assert Client().post(url, {"email": "a@example.cn"}, REMOTE_ADDR=ANOTHER_64).status_code == 302


def test_sign_in_failures_from_one_ipv6_64_lock_it_out(teacher):  # noqa: F811
    for attempt, address in zip(range(settings.AXES_FAILURE_LIMIT), addresses(), strict=False):
        sign_in(Client(), f"guess-{attempt}", "wrong", address)
    assert sign_in(Client(), "teacher", GOOD, ONE_64.format(999)).status_code == 429
    assert sign_in(Client(), "teacher", GOOD, ANOTHER_64).status_code == 302


def test_an_ipv4_address_written_as_ipv6_shares_the_ipv4_allowance(teacher):  # noqa: F811
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), f"guess-{attempt}", "wrong", "192.0.2.70")
    assert sign_in(Client(), "teacher", GOOD, "::ffff:192.0.2.70").status_code == 429
