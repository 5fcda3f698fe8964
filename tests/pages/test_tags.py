"""Issue 18, item 9: the full-width comma and the enumeration comma separate tags."""

import pytest
from django.urls import reverse

from pages.tags import tags_from_string
from tests.content import post
from tests.pages.test_permissions import post_form

pytestmark = pytest.mark.django_db


def test_chinese_commas_separate_tags():
    assert tags_from_string("党员示范，红梅讲堂、读书会,志愿服务") == [
        "党员示范",
        "志愿服务",
        "红梅讲堂",
        "读书会",
    ]
    assert tags_from_string('"红色，教育"、读书会') == [
        "红色，教育",
        "读书会",
    ]  # quoted: as written


def test_the_admins_tag_field_splits_at_chinese_commas(client, people, school_a):
    page = post(school_a, "读书分享会")
    client.force_login(people["editor_a"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        post_form(page, tags="党员示范，红梅讲堂、读书会"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    page.refresh_from_db()
    saved = page.get_latest_revision_as_object()
    assert sorted(tag.name for tag in saved.tags.all()) == ["党员示范", "红梅讲堂", "读书会"]
