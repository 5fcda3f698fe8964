"""Issue 18, items 1 and 3: what every Site has around its pages: robots.txt, icons, the
footer's identity, the site map, descriptions and the government <meta> set, mourning days and
care mode."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pages.models import BrandPage, CaseIndexPage, ColumnIndexPage, MourningPeriod, RegionPage
from tests.content import case, post, report, school_host

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sites_own_map(client, school_a):
    host = school_host(school_a)
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    assert f"Sitemap: http://{host}/sitemap.xml" in lines
    assert client.get("/sitemap.xml", HTTP_HOST=host).status_code == 200


def test_pages_name_their_icons_and_the_root_favicon_is_served(client, school_a):
    home = client.get("/", HTTP_HOST=school_host(school_a)).content.decode()
    icons = {
        "/static/img/favicon.ico": "image/",
        "/static/img/favicon.svg": "image/svg+xml",
        "/static/img/apple-touch-icon.png": "image/png",
    }
    for url, kind in icons.items():
        assert f'href="{url}"' in home
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith(kind), url
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301 and redirect["Location"] == "/static/img/favicon.ico"


# The footer: who runs the site, filing numbers, inherited from the regions above


def test_footer_shows_the_schools_own_organiser_and_inherits_the_regions_filings(
    client, school_a, school_b, province, county
):
    province.icp_number = "苏ICP备12345678号-1"
    province.police_number = "苏公网安备32010202000001号"
    province.operator = "江苏省教育信息化中心"
    province.save_revision().publish()
    county.site_code = "3201020001"
    county.save_revision().publish()
    school_b.icp_number = "苏ICP备87654321号"
    school_b.save_revision().publish()

    footer = _footer(client.get("/", HTTP_HOST=school_host(school_a)))
    assert "南京市玄武区梅岭小学" in footer or school_a.display_name in footer  # organiser
    assert "江苏省教育信息化中心" in footer  # the province's operator, inherited
    assert "苏ICP备12345678号-1" in footer and 'href="https://beian.miit.gov.cn/"' in footer
    assert "code=32010202000001" in footer  # the public-security lookup takes the digits
    assert "3201020001" in footer  # the county's site identification code

    other = _footer(client.get("/", HTTP_HOST=school_host(school_b)))
    assert "苏ICP备87654321号" in other and "苏ICP备12345678号" not in other  # its own wins
    assert "3201020001" not in other  # another county's code is not inherited

    portal = _footer(client.get("/nanjing/xuanwu/", HTTP_HOST="localhost"))
    assert county.bureau_name in portal and "3201020001" in portal


def test_identity_numbers_are_validated(county):
    county.site_code = "12<script>"
    county.police_number = "没有数字"
    with pytest.raises(ValidationError) as raised:
        county.full_clean()
    assert {"site_code", "police_number"} <= raised.value.message_dict.keys()


def _footer(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<footer class="site-footer">') :]


# Site map, descriptions and the government <meta> set


def test_site_maps_list_a_sites_sections_and_a_portals_regions(client, school_a, county):
    school_map = client.get("/sitemap/", HTTP_HOST=school_host(school_a)).content.decode()
    for section in ColumnIndexPage, CaseIndexPage:
        index = section.objects.child_of(school_a).get()
        assert f'href="{index.url}"' in school_map or f'href="/{index.slug}/"' in school_map
    assert "/nanjing/xuanwu/" not in school_map

    PageViewRestriction.objects.create(
        page=RegionPage.objects.get(slug="gulou"), restriction_type="login"
    )
    portal_map = client.get("/sitemap/", HTTP_HOST="localhost").content.decode()
    assert 'href="/nanjing/xuanwu/"' in portal_map and 'href="/nanjing/"' in portal_map
    assert "/nanjing/gulou/" not in portal_map  # a private region is not mapped
    assert "/sitemap/" in client.get("/", HTTP_HOST="localhost").content.decode()


def test_every_page_type_has_a_description(client, school_a, county):
    made = [post(school_a, "党员示范课"), report(school_a), case(school_a)]
    brand = BrandPage.objects.child_of(school_a).get()
    brand.brand_name = "红梅先锋"
    brand.save_revision().publish()
    pages = [
        ("localhost", "/"),
        ("localhost", "/nanjing/xuanwu/"),
        (school_host(school_a), "/"),
        (school_host(school_a), "/sitemap/"),
        (school_host(school_a), brand.url),
        (school_host(school_a), ColumnIndexPage.objects.child_of(school_a).get().url),
        *[(school_host(school_a), page.url) for page in made],
    ]
    for host, path in pages:
        html = client.get(path, HTTP_HOST=host).content.decode()
        description = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert description and description.group(1).strip(), (host, path)


def test_content_pages_carry_the_government_meta_set(client, school_a, county):
    county.site_code = "3201020001"
    county.save_revision().publish()
    page = post(school_a, "红色走读", author="王老师", source="玄武区教育局")
    page.tags.add("红色教育")
    page.save_revision().publish()
    html = client.get(page.url, HTTP_HOST=school_host(school_a)).content.decode()
    meta = dict(re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)">', html))
    assert meta["SiteName"] and meta["SiteDomain"] == school_host(school_a)
    assert meta["SiteIDCode"] == "3201020001"
    assert meta["ColumnName"] == ColumnIndexPage.objects.child_of(school_a).get().title
    assert meta["ArticleTitle"] == "红色走读" and meta["PubDate"] == "2026-05-04"
    assert meta["ContentSource"] == "玄武区教育局" and meta["Author"] == "王老师"
    assert meta["Keywords"] == "红色教育" and meta["Url"].endswith(page.url)


# Mourning days and care mode


def test_mourning_greys_the_pages_of_its_region_on_its_days_only(client, school_a, school_b):
    today = timezone.localdate()
    xuanwu = RegionPage.objects.get(slug="xuanwu")
    MourningPeriod.objects.create(region=xuanwu, starts_on=today, ends_on=today, note="悼念")
    MourningPeriod.objects.create(
        region=None,
        starts_on=today - datetime.timedelta(days=9),
        ends_on=today - datetime.timedelta(days=8),
        note="已结束",
    )
    assert _classes(client.get("/", HTTP_HOST=school_host(school_a))) == {"mourning"}
    assert _classes(client.get("/nanjing/xuanwu/", HTTP_HOST="localhost")) == {"mourning"}
    assert _classes(client.get("/", HTTP_HOST=school_host(school_b))) == set()
    assert _classes(client.get("/", HTTP_HOST="localhost")) == set()

    MourningPeriod.objects.create(region=None, starts_on=today, ends_on=today, note="全国哀悼")
    assert _classes(client.get("/", HTTP_HOST=school_host(school_b))) == {"mourning"}
    assert _classes(client.get("/search/", HTTP_HOST="localhost")) == {"mourning"}


def test_a_mourning_period_replaces_cached_pages(client, school_a, settings):
    settings.PAGE_CACHE_SECONDS = 600
    host = school_host(school_a)
    client.get("/", HTTP_HOST=host)
    assert client.get("/", HTTP_HOST=host)["X-Page-Cache"] == "hit"
    today = timezone.localdate()
    MourningPeriod.objects.create(region=None, starts_on=today, ends_on=today, note="全国哀悼")
    response = client.get("/", HTTP_HOST=host)
    assert response["X-Page-Cache"] == "miss" and _classes(response) == {"mourning"}


def test_care_mode_is_switched_by_a_link_and_kept_in_a_cookie(client, school_a, settings):
    settings.PAGE_CACHE_SECONDS = 600
    host = school_host(school_a)
    normal = client.get("/", HTTP_HOST=host)
    assert _classes(normal) == set() and "/care-mode/?on=1&amp;next=/" in normal.content.decode()

    switched = client.get("/care-mode/", {"on": "1", "next": "/column/?page=2"}, HTTP_HOST=host)
    assert switched.status_code == 302 and switched["Location"] == "/column/?page=2"
    assert client.cookies["care"].value == "1"
    care = client.get("/", HTTP_HOST=host)
    assert _classes(care) == {"care"} and care["X-Page-Cache"] == "miss"  # its own copy
    assert "/care-mode/?on=0" in care.content.decode()

    client.get("/care-mode/", {"on": "0"}, HTTP_HOST=host)
    assert _classes(client.get("/", HTTP_HOST=host)) == set()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_care_mode_never_sends_visitors_off_site(client, school_a, target):
    response = client.get("/care-mode/", {"on": "1", "next": target}, HTTP_HOST="localhost")
    assert response.status_code == 302 and response["Location"] == "/"


def test_care_mode_covers_every_school_subdomain(client, settings):
    settings.SITE_HOSTNAME = "yxyp.example.cn"
    settings.ALLOWED_HOSTS = [".yxyp.example.cn"]
    response = client.get("/care-mode/", {"on": "1"}, HTTP_HOST="meiling.yxyp.example.cn")
    cookie = response.cookies["care"]
    assert cookie["domain"] == "yxyp.example.cn" and cookie["httponly"]


def _classes(response):
    assert response.status_code == 200
    found = re.search(r'<html lang="[^"]+"(?: class="([^"]*)")?>', response.content.decode())
    return set(found.group(1).split()) if found.group(1) else set()


def test_bureaus_set_mourning_days_for_their_regions_and_admins_for_the_platform(
    client, people, school_a, county, other_county
):
    add = reverse("mourning_periods:add")
    days = {"starts_on": "2026-12-13", "ends_on": "2026-12-13"}
    client.force_login(people["admin"])
    client.post(add, {"note": "国家公祭日", "region": "", **days})
    assert MourningPeriod.objects.filter(note="国家公祭日", region=None).exists()

    client.force_login(people["curator"])
    client.post(add, {"note": "玄武区悼念", "region": county.pk, **days})
    client.post(add, {"note": "越界", "region": other_county.pk, **days})
    client.post(add, {"note": "全平台", "region": "", **days})
    client.post(
        add,
        {"note": "倒置", "region": county.pk, "starts_on": "2026-12-14", "ends_on": "2026-12-13"},
    )
    assert set(MourningPeriod.objects.values_list("note", flat=True)) == {
        "国家公祭日",
        "玄武区悼念",
    }
    listing = client.get(reverse("mourning_periods:index")).content.decode()
    assert "玄武区悼念" in listing and "国家公祭日" not in listing
    client.force_login(people["editor_a"])
    assert client.get(reverse("mourning_periods:index")).status_code in (302, 403)


def test_the_care_mode_switch_returns_to_the_page_without_storing_visitors_query_strings(
    client, school_a, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    portal = client.get(
        "/nanjing/xuanwu/", {"list": "posts", "utm_source": "广告网址"}, HTTP_HOST="localhost"
    ).content.decode()
    assert "next=/nanjing/xuanwu/%3Flist%3Dposts" in portal and "utm_source" not in portal
    search = client.get("/search/", {"q": "党建"}, HTTP_HOST="localhost").content.decode()
    assert "next=/search/%3Fq%3D%25E5%2585%259A%25E5%25BB%25BA" in search
