"""The admin's own search (page search, page chooser, image search) finds Chinese words inside
titles, through the same analysis as the public search (search/wagtail_backend.py and
overrides/admin_search.py)."""

import re

import pytest
from django.urls import reverse

from pages.models import BrandPage
from tests.content import image, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def titled(school_a, school_b):
    brand = BrandPage.objects.child_of(school_a).get()
    brand.title = brand.brand_name = "红梅先锋"
    brand.save_revision().publish()
    return {
        "brand": brand,
        "corridor": post(school_a, "“红梅先锋”党建文化长廊正式启用"),
        "reading": post(school_a, "红梅读书会开讲"),
        "other": post(school_b, "清凉山党员示范课"),
    }


def shown_pages(html, pages):
    """Which of ``pages`` the listing shows, by the title the admin gives each as the whole
    text of an element (a brand as 红梅先锋（梅岭小学）, issue 17 item 8)."""
    shown = {text.strip() for text in re.findall(r">([^<>]+)<", html)}
    return {
        name
        for name, page in pages.items()
        if {page.title, page.specific.get_admin_display_title()} & shown
    }


@pytest.mark.parametrize("view", ["wagtailadmin_pages:search", "wagtailadmin_choose_page_search"])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("红梅", {"brand", "corridor", "reading"}),  # two characters inside longer titles
        ("红梅先锋", {"brand", "corridor"}),  # the brand's name
        ("長廊", {"corridor"}),  # traditional characters, folded
        ("党员", {"other"}),
        ("读书", {"reading"}),
        # a school's name finds its brand (and cases), not its posts (issue 17 item 8)
        ("梅岭", {"brand"}),
    ],
)
def test_admin_page_search_and_chooser_find_words_inside_titles(
    admin_client, titled, view, query, expected
):
    response = admin_client.get(reverse(view), {"q": query})
    assert response.status_code == 200
    assert shown_pages(response.content.decode(), titled) == expected


def test_admin_image_search_finds_words_inside_titles(admin_client, db):
    image("红梅先锋文化墙", "wall.png")
    image("清凉山操场", "field.png")
    html = admin_client.get(reverse("wagtailimages:index"), {"q": "红梅"}).content.decode()
    assert "红梅先锋文化墙" in html and "清凉山操场" not in html


def test_queries_are_segmented_like_the_public_search():
    from analysis import query_words

    assert query_words("红梅先锋") == ["红梅", "先锋"]
    assert query_words("梅岭小学") == ["梅", "岭", "小学"]  # an unknown name: its characters
    assert re.fullmatch(r"[a-z]+", " ".join(query_words("Hongmei")))
