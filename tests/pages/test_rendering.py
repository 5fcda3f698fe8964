"""Every page type renders on its own Site, with dates, breadcrumbs and share metadata."""

import re

import pytest
from django.conf import settings
from django.utils.encoding import iri_to_uri
from wagtail.models import Page

from pages.models import BrandPage
from tests.content import case, post, report, school_host

pytestmark = pytest.mark.django_db

PORTAL = settings.BASE_DOMAIN


def path_on_site(page, school):
    return page.url_path[len(school.url_path) - 1 :]


def get(client, host, path):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (host, path, response.status_code)
    return response.content.decode()


@pytest.fixture
def brand(school_a):
    page = BrandPage.objects.child_of(school_a).get()
    page.brand_name = "红梅先锋"
    page.slogan = "一枝红梅映初心"
    page.connotation = "<p>红梅不畏严寒。</p>"
    page.material_culture = "<p>文化长廊。</p>"
    page.save_revision().publish()
    return page


def test_every_school_page_type_renders(client, school_a, brand):
    host = f"{school_a.slug}.{PORTAL}"
    column_post = post(
        school_a, "党员示范课展示周", author="党支部", culture_dimension="behavioural"
    )
    column_post.tags.add("示范课")
    column_post.save_revision().publish()
    activity = report(school_a)
    exemplar = case(school_a)

    home = get(client, host, "/")
    assert "梅岭小学" in home and "红梅先锋" in home and "党员示范课展示周" in home

    brand_html = get(client, host, "/brand/")
    assert "红梅不畏严寒" in brand_html and "物质文化" in brand_html

    for index_path, title in (
        ("/column/", column_post.title),
        ("/activities/", activity.title),
        ("/cases/", exemplar.title),
    ):
        html = get(client, host, index_path)
        assert title in html

    html = get(client, host, path_on_site(column_post, school_a))
    assert '<time datetime="2026-05-04">2026年5月4日</time>' in html
    assert "行为文化" in html and "示范课" in html
    assert "主题党日" in get(client, host, path_on_site(activity, school_a))
    case_html = get(client, host, path_on_site(exemplar, school_a))
    assert "市级文明校园" in case_html and "2026 年度案例" in case_html


def test_tag_filter_on_an_index(client, school_a):
    tagged = post(school_a, "有标签的文章")
    tagged.tags.add("读书会")
    tagged.save_revision().publish()
    post(school_a, "没有标签的文章")
    html = get(client, f"{school_a.slug}.{PORTAL}", "/column/?tag=读书会")
    assert "有标签的文章" in html and "没有标签的文章" not in html


def test_public_page_metadata_and_breadcrumbs(client, school_a, county):
    page = post(school_a, "分享测试")
    html = get(
        client, school_host(school_a) + f":{settings.SITE_PORT}", path_on_site(page, school_a)
    )
    canonical = iri_to_uri(f"http://{school_a.slug}.{PORTAL}{path_on_site(page, school_a)}")
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<html lang="zh-hans">' in html
    breadcrumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert breadcrumbs.index("江苏省") < breadcrumbs.index("玄武区") < breadcrumbs.index("梅岭小学")
    assert f'href="http://{PORTAL}/nanjing/xuanwu/"' in breadcrumbs


def test_templates_are_csp_ready(client, school_a):
    page = post(school_a, "CSP")
    html = get(client, f"{school_a.slug}.{PORTAL}", path_on_site(page, school_a))
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r'(src|href)="https?://(?!([a-z0-9-]+\.)?localhost)', html)


def test_unpublished_and_archived_content_is_not_served(client, school_a):
    draft = post(school_a, "草稿", live=False)
    response = client.get(path_on_site(draft, school_a), HTTP_HOST=f"{school_a.slug}.{PORTAL}")
    assert response.status_code == 404
    brand = BrandPage.objects.child_of(school_a).get()
    assert not brand.live
    assert client.get("/brand/", HTTP_HOST=f"{school_a.slug}.{PORTAL}").status_code == 404


def test_region_portal_renders_with_schools_and_latest_content(client, school_a, school_b):
    post(school_a, "梅岭的新文章")
    report(school_b, "清凉山的活动")
    html = get(client, PORTAL, "/")
    assert "梅岭的新文章" in html and "清凉山的活动" in html
    assert f'href="http://{school_a.slug}.{PORTAL}/"' in html
    county_html = get(client, PORTAL, "/nanjing/xuanwu/")
    assert "梅岭的新文章" in county_html and "清凉山的活动" not in county_html
    city_html = get(client, PORTAL, "/nanjing/")
    assert re.search(r"玄武区</a>\s*<span class=\"count\">1 所学校", city_html)


def test_school_content_has_one_canonical_address_on_the_school_site(client, school_a):
    page = post(school_a, "只在学校站点")
    canonical = f"http://{school_a.slug}.{PORTAL}/column/"
    assert page.get_url(None).startswith(canonical)
    portal_path = page.url_path[len(Page.objects.get(depth=2).url_path) - 1 :]
    response = client.get(portal_path, HTTP_HOST=PORTAL)
    assert response.status_code == 301
    assert response["Location"] == page.get_full_url(None)
