"""Bad input gets a clear 4xx and changes nothing; a 500 is a bug (issue 16, finding 10).

Each case was a 500 before: an integer too large for the database, a non-numeric id where the
admin expects numbers, an offset past any page, a page whose tags were indexed."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from tests.content import post

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
PORTAL = settings.BASE_DOMAIN


@pytest.mark.parametrize("path", ["/search/", "/api/search/"])
def test_an_activity_type_too_large_for_the_database_is_a_400(client, path):
    response = client.get(path, {"q": "党建", "activity_type": HUGE}, HTTP_HOST=PORTAL)
    assert response.status_code == 400


@pytest.mark.parametrize("offset", [HUGE, "-1", "abc"])
def test_a_page_api_offset_past_any_page_is_a_400(client, school_a, offset):
    response = client.get("/api/v2/pages/", {"offset": offset}, HTTP_HOST=PORTAL)
    assert response.status_code == 400 and "offset" in response.json()["message"]


@pytest.mark.parametrize("value", ["abc", HUGE, ""])
def test_malformed_ids_in_admin_query_strings_are_a_400(admin_client, school_a, value):
    for url in (
        reverse("wagtailadmin_choose_page_chosen_multiple"),
        "/admin/bulk/wagtailcore/page/delete/",
        "/admin/bulk/wagtailimages/image/delete/",
        "/admin/bulk/wagtaildocs/document/delete/",
    ):
        response = admin_client.get(url, {"id": [str(school_a.pk), value]})
        assert response.status_code == 400, url


def test_a_malformed_chooser_id_is_a_400(admin_client):
    response = admin_client.get(reverse("wagtailadmin_choose_page_child", args=[HUGE]))
    assert response.status_code in (400, 404)


def test_an_application_id_too_large_is_a_404(client):
    assert client.get(f"/evaluation/{HUGE}/", HTTP_HOST=PORTAL).status_code == 404
    response = client.post(f"/evaluation/1/rate/{HUGE}/", {"stars": "5"}, HTTP_HOST=PORTAL)
    assert response.status_code == 404


def test_a_published_page_with_tags_can_be_deleted(admin_client, school_a):
    page = post(school_a, "有标签的文章")
    page.tags.add("读书会")
    page.save_revision().publish()
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()
