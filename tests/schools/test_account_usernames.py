"""The account manager's create form names accounts as Django's own forms do (issue 34): a
hostile tester created ``<b>x</b> y/../z``, ``Admin`` beside ``admin`` and names longer than the
user model holds. Each is refused with the username's error and no account made; an existing
account, named exactly, still gets its new role."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from schools import roles
from tests.content import new_account

pytestmark = pytest.mark.django_db
User = get_user_model()
GOOD = "Initial-password-2026"


@pytest.fixture
def manager(make_user, county):
    client = Client()
    client.force_login(make_user("xuanwu-manager", region=county, role="manager"))
    return client


@pytest.mark.parametrize(
    ("username", "code"),
    [
        ("<b>x</b> y/../z", "invalid"),  # Django's UnicodeUsernameValidator
        ("Admin", "case_alike"),
        ("ＡＤＭＩＮ", "case_alike"),  # full width: NFKC makes it ADMIN, alike in case
        ("a" * 151, "max_length"),
    ],
)
def test_a_bad_or_look_alike_username_is_refused(manager, make_user, school_a, username, code):
    make_user("admin")
    before = User.objects.count()
    response = manager.post(
        reverse("school_accounts"), new_account(school_a, username=username, password=GOOD)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [(field, error.code) for field, (error,) in errors.items()] == [("username", code)]
    assert User.objects.count() == before


def test_a_good_name_is_created_and_an_existing_one_named_exactly_gets_the_role(
    manager, make_user, school_a
):
    url = reverse("school_accounts")
    response = manager.post(url, new_account(school_a, username="wang.laoshi", password=GOOD))
    assert response.status_code == 302
    assert User.objects.filter(username="wang.laoshi").exists()
    response = manager.post(url, new_account(school_a, username="wang.laoshi", role="moderator"))
    assert response.status_code == 302
    person = User.objects.get(username="wang.laoshi")
    assert list(roles.schools_of(person, ["editor"])) == [school_a]
    assert list(roles.schools_of(person, ["moderator"])) == [school_a]
