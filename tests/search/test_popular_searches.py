"""The popular searches every visitor sees on a page of no results are never raw input
(issue 16, finding 8): an address typed over and over, a banned word, a query that finds
nothing stay out; queries searched often that find published pages, and curated ones, show."""

import pytest
from django.conf import settings
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from pages.content_checks import banned_words
from tests.content import post

pytestmark = pytest.mark.django_db
PORTAL = settings.BASE_DOMAIN


def search(client, text, times=1, prefix=""):
    for _ in range(times):
        response = client.get(f"{prefix}/search/", {"q": text}, HTTP_HOST=PORTAL)
        assert response.status_code == 200
    return response


def popular(client, prefix=""):
    from django.core.cache import cache

    cache.clear()  # worked out afresh, not the list kept for ten minutes
    html = search(client, "找不到的内容xyz", prefix=prefix).content.decode()
    return html.split('id="popular-heading"', 1)[1] if 'id="popular-heading"' in html else ""


def test_what_visitors_type_is_not_shown_raw(client, school_a):
    post(school_a, "党建品牌建设")
    banned = sorted(banned_words())[0]
    search(client, "www.bet-888.com 充值", times=10)
    search(client, banned, times=10)
    search(client, "没有结果的词语组合", times=10)
    search(client, "<b>党建</b>", times=10)
    shown = popular(client)
    for raw in ("bet-888", banned, "没有结果的词语组合", "<b>"):
        assert raw not in shown, raw


def test_frequent_queries_that_find_pages_and_curated_ones_show(client, school_a):
    post(school_a, "党建品牌建设")
    search(client, "党建", times=5)
    search(client, "品牌", times=2)  # too rare to show
    assert ">党建</a>" in popular(client) and ">品牌</a>" not in popular(client)
    SearchPromotion.objects.create(
        query=Query.get("品牌"), page=school_a, sort_order=0, description="推荐"
    )
    shown = popular(client)
    assert shown.index(">品牌</a>") < shown.index(">党建</a>")  # curated first


def test_a_visitor_is_offered_what_finds_pages_in_their_language(client, school_a):
    """Chinese queries that find only Chinese pages are not offered on the English page, where
    they would find nothing."""
    post(school_a, "党建品牌建设")
    search(client, "党建", times=5)
    assert ">党建</a>" in popular(client)
    assert ">党建</a>" not in popular(client, prefix="/en")
