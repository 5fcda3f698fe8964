"""The public read-only API exposes published content with the fields editors fill in."""

import pytest
from django.conf import settings

from tests.content import post, report

pytestmark = pytest.mark.django_db


def test_api_lists_published_posts_with_their_fields(client, school_a):
    published = post(school_a, "已发布", author="党支部")
    published.tags.add("读书会")
    published.save_revision().publish()
    post(school_a, "草稿", live=False)
    response = client.get(
        "/api/v2/pages/",
        {"type": "pages.ColumnPostPage", "fields": "date,summary,author,tag_names"},
        HTTP_HOST=f"{school_a.slug}.{settings.BASE_DOMAIN}",
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["已发布"]
    assert items[0]["date"] == "2026-05-04"
    assert items[0]["author"] == "党支部"
    assert items[0]["tag_names"] == ["读书会"]


def test_api_detail_of_an_activity_report(client, school_a):
    page = report(school_a, participant_count=45)
    response = client.get(
        f"/api/v2/pages/{page.pk}/", HTTP_HOST=f"{school_a.slug}.{settings.BASE_DOMAIN}"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["participant_count"] == 45 and data["place"] == "党员活动室"


def test_api_rejects_bad_parameters_with_400(client, school_a):
    response = client.get(
        "/api/v2/pages/", {"type": "pages.NoSuchPage"}, HTTP_HOST=settings.BASE_DOMAIN
    )
    assert response.status_code == 400
