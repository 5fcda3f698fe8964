"""Issue 18, item 2: what a visitor finds around an article: source, author and date, the
previous and next item of its column, related items, a short link with its QR code, photos that
open large, pictures in lists, and feeds of columns, schools and regions."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from pages.models import ActivityReportPage, ColumnIndexPage, ColumnPostPage
from tests.content import case, image, post, report, school_host, tagged_post

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def html_of(client, page, host):
    response = client.get(page.url, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_source_author_and_date_are_shown_with_the_school_as_default_source(client, school_a):
    host = school_host(school_a)
    own = post(school_a, "读书会", author="王老师")
    quoted = post(school_a, "转载的通知", source="玄武区教育局")
    html = html_of(client, own, host)
    assert "王老师" in html and school_a.display_name in html
    assert '<time datetime="2026-05-04">' in html
    assert "玄武区教育局" in html_of(client, quoted, host)


def test_previous_and_next_follow_the_columns_dates_and_skip_drafts_and_private_items(
    client, school_a
):
    host = school_host(school_a)
    first = post(school_a, "第一篇", date=datetime.date(2026, 3, 1))
    hidden = post(school_a, "内部通知", date=datetime.date(2026, 3, 2))
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    post(school_a, "草稿", date=datetime.date(2026, 3, 3), live=False)
    middle = post(school_a, "第二篇", date=datetime.date(2026, 3, 4))
    last = post(school_a, "第三篇", date=datetime.date(2026, 3, 5))

    html = html_of(client, middle, host)
    assert re.search(r'href="[^"]*" rel="prev">第一篇<', html)
    assert re.search(r'href="[^"]*" rel="next">第三篇<', html)
    assert "内部通知" not in html and "草稿" not in html
    assert 'rel="prev"' not in html_of(client, first, host)
    assert 'rel="next"' not in html_of(client, last, host)


def test_related_items_share_a_tag_or_an_activity_type_and_are_public(client, school_a, school_b):
    page = tagged_post(school_a, "红色走读进校园", "红色教育")
    tagged_post(school_b, "清凉山红色故事会", "红色教育")
    private = tagged_post(school_b, "内部学习材料", "红色教育")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    post(school_b, "无关的文章")

    html = html_of(client, page, school_host(school_a))
    related = html[html.index('id="related-heading"') :]
    assert "清凉山红色故事会" in related and "清凉山小学" in related
    assert "内部学习材料" not in related and "无关的文章" not in related

    first = report(school_a, "主题党日：参观纪念馆")
    report(school_b, "主题党日：重温誓词")
    assert "主题党日：重温誓词" in html_of(client, first, school_host(school_a))


def test_the_short_link_and_its_qr_code_exist_for_public_live_pages_only(client, school_a):
    page = post(school_a, "可以分享的文章")
    html = html_of(client, page, school_host(school_a))
    assert f"http://localhost:8000/s/{page.pk}/" in html and f"/s/{page.pk}/qr.svg" in html

    redirect = client.get(f"/s/{page.pk}/", HTTP_HOST="localhost")
    assert redirect.status_code == 302 and redirect["Location"] == page.full_url
    qr = client.get(f"/s/{page.pk}/qr.svg", HTTP_HOST="localhost")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    svg = ET.fromstring(qr.content)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"

    draft = post(school_a, "未发布的草稿", live=False)
    private = post(school_a, "内部文章")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for hidden in (draft, private):
        assert client.get(f"/s/{hidden.pk}/", HTTP_HOST="localhost").status_code == 404
        assert client.get(f"/s/{hidden.pk}/qr.svg", HTTP_HOST="localhost").status_code == 404
    assert client.get("/s/999999/", HTTP_HOST="localhost").status_code == 404


def test_gallery_photos_link_to_their_large_version_and_lists_show_covers(client, school_a):
    photo = image("读书会合影", "group.png", (1600, 1000), school_a.collection)
    page = report(school_a, "读书会", gallery=[("image", {"image": photo, "caption": "合影"})])
    assert page.cover_id == photo.pk  # the first photo, as no cover was chosen
    html = html_of(client, page, school_host(school_a))
    large = re.search(r'<a href="([^"]+max-1920x1440[^"]*)" data-lightbox', html)
    assert large and client.get(large.group(1)).status_code == 200
    assert "js/article.js" in html

    index = ActivityReportPage.objects.get(pk=page.pk).get_parent()
    listing = client.get(index.url, HTTP_HOST=school_host(school_a)).content.decode()
    assert 'class="item item--pictured"' in listing and 'class="item__thumb"' in listing
    home = client.get("/", HTTP_HOST=school_host(school_a)).content.decode()
    assert 'class="item__thumb"' in home


def _feed_titles(client, page_id, kind=""):
    response = client.get(f"/feeds/{page_id}/{kind}", HTTP_HOST="localhost")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    if kind:
        return [item.findtext("title") for item in tree.iter("item")]
    return [entry.findtext(f"{ATOM}title") for entry in tree.iter(f"{ATOM}entry")]


def test_feeds_of_a_column_a_school_and_a_region_list_public_items_only(
    client, school_a, school_b, county
):
    post(school_a, "梅岭专栏文章")
    report(school_a, "梅岭活动报道")
    case(school_a, "梅岭典型案例")
    post(school_a, "梅岭草稿", live=False)
    hidden = post(school_a, "梅岭内部文章")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    post(school_b, "清凉山专栏文章")

    column = ColumnIndexPage.objects.child_of(school_a).get()
    assert _feed_titles(client, column.pk) == ["梅岭专栏文章"]
    assert _feed_titles(client, column.pk, "rss/") == ["梅岭专栏文章"]
    assert set(_feed_titles(client, school_a.pk)) == {
        "梅岭专栏文章",
        "梅岭活动报道",
        "梅岭典型案例",
    }
    assert set(_feed_titles(client, county.pk)) == {"梅岭专栏文章", "梅岭活动报道", "梅岭典型案例"}
    city = county.get_parent()
    assert "清凉山专栏文章" in _feed_titles(client, city.pk)

    html = client.get(column.url, HTTP_HOST=school_host(school_a)).content.decode()
    assert f'type="application/atom+xml" title="{column.title}" href="/feeds/{column.pk}/"' in html


def test_feeds_exist_only_for_public_columns_schools_and_regions(client, school_a):
    page = post(school_a, "一篇文章")
    column = ColumnPostPage.objects.get(pk=page.pk).get_parent()
    PageViewRestriction.objects.create(page=column, restriction_type="login")
    for page_id in (page.pk, column.pk, 999999):
        assert client.get(f"/feeds/{page_id}/", HTTP_HOST="localhost").status_code == 404
