"""Bad input gets a clear 4xx and changes nothing (issue 33, bad input 2).

Each was a 500 before: a query the admin's search backend could not parse (SQLite's FTS5
syntax), an admin API offset past a 64-bit integer, and ids too large for the database in a
listing's filter and in a URL's path."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.content import post

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
PORTAL = settings.BASE_DOMAIN


@pytest.mark.parametrize("q", ["(", "\xff", "*", "-", "'\"<x>", "NOT", "a AND", '"', "红梅 OR"])
def test_any_admin_page_search_is_read_as_plain_text(admin_client, school_a, q):
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": q})
    assert response.status_code == 200


def test_admin_page_search_of_a_bad_byte_is_not_a_500(admin_client, school_a):
    response = admin_client.get("/admin/pages/search/?q=%ff")
    assert response.status_code < 500


def test_an_admin_api_offset_past_any_page_is_a_400(admin_client, school_a):
    response = admin_client.get("/admin/api/main/pages/", {"offset": HUGE})
    assert response.status_code == 400 and "offset" in response.json()["message"]


@pytest.mark.parametrize("role", ["moderator", None])
def test_a_listing_filter_id_too_large_is_refused_as_unknown(client, make_user, school_a, role):
    """The user filters of the site history and a page's history (django-filter through
    Django's ModelMultipleChoiceField): the id matches no one, as any unknown id."""
    moderator = make_user("ml_moderator", school=school_a, role="moderator")
    page = post(school_a, "有历史的文章")
    page.save_revision(user=moderator).publish(user=moderator)
    client.force_login(moderator if role else make_user("platform_root", is_superuser=True))
    for url in (
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
    ):
        response = client.get(url, {"user": HUGE})
        assert response.status_code == 200, url
        assert response.context["filters"].errors["user"], url  # refused, not applied
        assert client.get(url, {"user": moderator.pk}).status_code == 200


def test_a_campaign_id_too_large_is_a_404(client):
    response = client.post(f"/evaluation/{HUGE}/rate/1/", {"stars": "3"}, HTTP_HOST=PORTAL)
    assert response.status_code == 404


def test_a_path_id_too_large_is_a_404_on_any_route(admin_client, school_a):
    for url in (
        f"/admin/pages/{HUGE}/edit/",
        f"/admin/pages/{HUGE}/history/",
        f"/admin/api/main/pages/{HUGE}/",
    ):
        assert admin_client.get(url).status_code == 404, url
    assert admin_client.get(f"/admin/pages/{school_a.pk}/edit/").status_code == 200
