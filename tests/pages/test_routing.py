"""Page URLs found through the prefix map of site roots (overrides/routing.py) are exactly the
URLs Wagtail's own scan of every Site gives, across nested Sites, and follow Site changes;
rich-text page links expanded in one query (pages/rich_text.py) are Wagtail's own; a path
routed before is routed again in one query while it still leads to the same page."""

from unittest import mock

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.rich_text.pages import PageLinkHandler

from overrides import routing
from pages.models import ColumnIndexPage
from pages.rich_text import SingleQueryPageLinkHandler
from pages.visibility import public
from schools import provisioning
from tests.content import case, post, school_host


def wagtail_urls(pages, request=None):
    """The same URLs computed by Wagtail's own methods."""
    with (
        mock.patch.object(
            Page, "_get_relevant_site_root_paths", routing.WAGTAIL_RELEVANT_SITE_ROOT_PATHS
        ),
        mock.patch.object(Page, "get_url", routing.WAGTAIL_GET_URL),
    ):
        Site.clear_site_root_paths_cache()
        fresh = [Page.objects.get(pk=page.pk) for page in pages]
        return {
            page.pk: (
                page.get_url_parts(request),
                routing.WAGTAIL_GET_URL(page, request),
                page.get_full_url(request),
            )
            for page in fresh
        }


def urls(pages, request=None):
    return {
        page.pk: (page.get_url_parts(request), page.get_url(request), page.get_full_url(request))
        for page in pages
    }


def every_page():
    return list(Page.objects.order_by("path"))


@pytest.fixture
def nested_sites(school_a, school_b, county):
    """The portal (default Site), a Site per school, plus a Site for a county, a second
    hostname for one school and a Site rooted at one school's column."""
    post(school_a, "读书会")
    case(school_b, "红色研学")
    Site.objects.create(hostname="xuanwu.example.org", port=443, root_page=county)
    Site.objects.create(hostname="meiling.example.org", port=80, root_page=school_a)
    column = ColumnIndexPage.objects.child_of(school_a).get()
    Site.objects.create(hostname="column.example.org", port=80, root_page=column)
    return school_a


def test_urls_equal_wagtails_own_across_nested_sites(nested_sites):
    pages = every_page()
    assert Site.objects.count() >= 5
    for page in pages:
        assert routing.relevant_site_root_paths(page) == routing.WAGTAIL_RELEVANT_SITE_ROOT_PATHS(
            page
        ), page.url_path
    ours = urls(pages)
    assert ours == wagtail_urls(pages)
    request = RequestFactory().get("/", HTTP_HOST="meiling.localhost")
    assert urls(pages, request) == wagtail_urls(pages, request)
    full_urls = [full or "" for _parts, _url, full in ours.values()]
    assert any(url.startswith("http://column.example.org/") for url in full_urls)
    assert any(url.startswith("https://xuanwu.example.org/") for url in full_urls)


def test_urls_follow_site_changes(nested_sites, county):
    pages = every_page()
    before = urls(pages)
    site = Site.objects.create(hostname="cases.example.org", port=80, root_page=pages[-1])
    after = urls(every_page())
    assert after != before and after == wagtail_urls(every_page())
    site.delete()
    assert urls(every_page()) == before
    school = provisioning.provision_school(county, "游府西街小学", "youfu").page
    school.slug = "youfu-xiaoxue"
    school.save_revision().publish()
    assert urls(every_page()) == wagtail_urls(every_page())


@pytest.mark.slow
def test_no_scan_of_every_site_per_url(nested_sites, county):
    for number in range(30):
        provisioning.provision_school(county, f"第{number}小学", f"school-{number}")
    pages = every_page()
    urls(pages)  # the map is built once
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    with mock.patch.object(Site, "get_site_root_paths", wraps=Site.get_site_root_paths) as scan:
        urls(pages, request)
        urls(pages)
    assert scan.call_count == 0


def test_rich_text_links_equal_wagtails_in_one_query(nested_sites, django_assert_num_queries):
    pages = every_page()
    attrs = [{"id": str(page.pk)} for page in pages] + [{"id": "999999"}]
    with translation.override("zh-hans"):
        Locale.get_active()  # the process's locale cache is warm in a running site
        stock = PageLinkHandler.expand_db_attributes_many(attrs)
        # Wagtail's link where the page is live and public, no address to anything else (this
        # also warms the restricted depths, which a running site keeps)
        shown = set(public(Page.objects.filter(pk__in=[page.pk for page in pages]).live()))
        with django_assert_num_queries(1):
            ours = SingleQueryPageLinkHandler.expand_db_attributes_many(attrs)
        expected = [
            link if page in shown else "<a>" for page, link in zip(pages, stock, strict=False)
        ]
        assert ours == [*expected, "<a>"]
        assert shown and all('href="' in link for link in expected if link != "<a>")
        # a link without an id (Wagtail's own handler fails on it) is a plain <a>
        assert SingleQueryPageLinkHandler.expand_db_attributes_many([{"id": ""}]) == ["<a>"]


def test_the_active_locale_is_kept_until_locales_change(db, django_assert_num_queries):
    with translation.override("zh-hans"):
        first = Locale.get_active()
        with django_assert_num_queries(0):
            assert Locale.get_active() == first
        Locale.objects.get_or_create(language_code="en")
        with translation.override("en"):
            assert Locale.get_active().language_code == "en"
        first.save()  # any change to a Locale is seen at once in this process
        with django_assert_num_queries(1):
            assert Locale.get_active() == first


def routed_queries(client, host, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST=host)
    return response.status_code, response.content, len(captured)


def test_a_path_routed_before_is_routed_in_one_query_and_only_while_it_leads_there(
    client, school_a, settings
):
    """The remembered route (overrides.routing.route_for_request) serves the same page as
    Wagtail's walk, and a renamed, withdrawn or replaced page is never served from it."""
    settings.PAGE_CACHE_SECONDS = 0
    host = school_host(school_a)
    page = post(school_a, "读书会", slug="dushuhui")
    status, walked, walked_queries = routed_queries(client, host, "/column/dushuhui/")
    status_again, remembered, remembered_queries = routed_queries(client, host, "/column/dushuhui/")
    assert status == status_again == 200 and walked == remembered
    assert remembered_queries < walked_queries

    page.slug = "dushuhui-2026"
    page.save_revision().publish()
    assert client.get("/column/dushuhui/", HTTP_HOST=host).status_code == 404
    assert client.get("/column/dushuhui-2026/", HTTP_HOST=host).status_code == 200

    page.unpublish()
    assert client.get("/column/dushuhui-2026/", HTTP_HOST=host).status_code == 404

    page.delete()
    replacement = post(school_a, "新读书会", slug="dushuhui-2026")
    response = client.get("/column/dushuhui-2026/", HTTP_HOST=host)
    assert response.status_code == 200 and "新读书会" in response.content.decode()
    assert replacement.pk != page.pk


def test_remembered_routes_are_bounded(client, school_a, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(routing, "ROUTES_KEPT", 2)
    monkeypatch.setattr(routing, "_routes", {})
    host = school_host(school_a)
    for number in range(3):
        page = post(school_a, f"第{number}篇", slug=f"p{number}")
        assert client.get(page.url, HTTP_HOST=host).status_code == 200
        assert len(routing._routes) <= 2
    client.get("/column/nowhere/", HTTP_HOST=host)
    assert all(path != ("column", "nowhere") for _root, path in routing._routes)
