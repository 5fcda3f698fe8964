"""The anonymous page cache: hits cost no SQL; every change that shows on a page invalidates it
(and only the pages it shows on); logged-in users, private pages and responses with cookies
are never cached; conditional requests get 304."""

import pytest
from django.core.cache import caches
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from curation.models import Feature
from pages import generations
from pages.models import BrandPage, ColumnIndexPage
from tests.content import case, post, school_host


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def get(client, host, path="/"):
    return client.get(path, HTTP_HOST=host)


def state(response):
    return response.get("X-Page-Cache")


@pytest.fixture
def two_schools(school_a, school_b):
    post(school_a, "梅岭读书会")
    post(school_b, "清凉山合唱")
    return school_a, school_b


COUNTY = ("localhost", "/nanjing/xuanwu/")


def test_second_visit_is_a_hit_without_sql(two_schools, client, django_assert_num_queries):
    school_a, _ = two_schools
    first = get(client, school_host(school_a))
    assert first.status_code == 200 and state(first) == "miss"
    with django_assert_num_queries(0):
        second = get(client, school_host(school_a))
    assert state(second) == "hit" and second.content == first.content
    assert second["Content-Type"].startswith("text/html")


def test_publishing_invalidates_the_school_and_the_portals_above_only(two_schools, client):
    school_a, school_b = two_schools
    for host, path in [
        (school_host(school_a), "/"),
        (school_host(school_b), "/"),
        COUNTY,
        ("localhost", "/"),
    ]:
        get(client, host, path)
    post(school_a, "新发布的主题党日")
    home_a = get(client, school_host(school_a))
    assert state(home_a) == "miss" and "新发布的主题党日" in home_a.content.decode()
    assert state(get(client, school_host(school_b))) == "hit"
    county = get(client, *COUNTY)
    assert state(county) == "miss" and "新发布的主题党日" in county.content.decode()
    assert state(get(client, "localhost", "/")) == "miss"


def test_unpublish_delete_move_and_settings_invalidate(two_schools, client):
    school_a, school_b = two_schools
    column = ColumnIndexPage.objects.child_of(school_a).get()
    late = post(school_a, "即将撤下的文章")
    path = late.get_url_parts()[2]
    assert state(get(client, school_host(school_a), path)) == "miss"
    assert state(get(client, school_host(school_a), path)) == "hit"
    late.unpublish()
    assert get(client, school_host(school_a), path).status_code == 404

    get(client, school_host(school_a), column.get_url_parts()[2])
    gone = post(school_a, "将被删除的文章")
    get(client, school_host(school_a), column.get_url_parts()[2])
    gone.delete()
    listing = get(client, school_host(school_a), column.get_url_parts()[2])
    assert state(listing) == "miss" and "将被删除的文章" not in listing.content.decode()

    assert state(get(client, school_host(school_b))) == "miss"
    assert state(get(client, school_host(school_b))) == "hit"
    site = Site.objects.get(root_page=school_b)
    site.site_name = "清凉山小学网站"
    site.save()
    assert state(get(client, school_host(school_b))) == "miss"

    get(client, school_host(school_b))
    moving = post(school_a, "移动的文章")
    moving.move(column, pos="first-child")
    assert state(get(client, school_host(school_b))) == "miss"


def test_featuring_invalidates_the_region_portal(two_schools, county, client):
    school_a, _ = two_schools
    exemplar = case(school_a, "红梅案例")
    get(client, *COUNTY)
    assert state(get(client, *COUNTY)) == "hit"
    Feature.objects.create(region=county, page=exemplar, reason="做法可推广")
    county_page = get(client, *COUNTY)
    assert state(county_page) == "miss" and "做法可推广" in county_page.content.decode()


def test_never_for_logged_in_users_private_pages_or_cookies(two_schools, make_user):
    school_a, _ = two_schools
    anonymous = Client()
    get(anonymous, school_host(school_a))
    assert state(get(anonymous, school_host(school_a))) == "hit"

    editor = Client()
    editor.force_login(make_user("editor-a", school=school_a, role="editor"))
    seen = get(editor, school_host(school_a))
    assert seen.status_code == 200 and state(seen) is None

    private = post(school_a, "内部资料")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    path = private.get_url_parts()[2]
    for _ in range(2):
        response = get(anonymous, school_host(school_a), path)
        assert response.status_code == 302 and state(response) is None
    editor_view = get(editor, school_host(school_a), path)
    assert editor_view.status_code == 200 and state(editor_view) is None
    assert state(get(anonymous, school_host(school_a), path)) is None

    brand = BrandPage.objects.child_of(school_a).get()
    brand.save_revision().publish()
    response = get(anonymous, school_host(school_a), "/search/")
    assert state(response) is None


def test_conditional_requests(two_schools, client):
    school_a, _ = two_schools
    first = get(client, school_host(school_a))
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    again = client.get("/", HTTP_HOST=school_host(school_a), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(
        "/", HTTP_HOST=school_host(school_a), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert since.status_code == 304
    post(school_a, "更新")
    changed = client.get("/", HTTP_HOST=school_host(school_a), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


@pytest.mark.parametrize("restriction_type", ["password", "login"])
def test_making_a_page_private_or_public_again_reaches_cached_pages(
    two_schools, client, restriction_type
):
    """Issue 16, finding 5: the cached copy, the column index and the home went on showing a
    page made private, for up to PAGE_CACHE_SECONDS."""
    school_a, _ = two_schools
    host = school_host(school_a)
    page = post(school_a, "即将设为内部的文章")
    path = page.get_url_parts()[2]
    for url in (path, "/", "/column/"):
        assert "即将设为内部的文章" in get(client, host, url).content.decode()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="pw-123456"
    )
    assert "即将设为内部的文章</h1>" not in get(client, host, path).content.decode()
    for url in ("/", "/column/", COUNTY[1]):
        response = get(client, host if url != COUNTY[1] else COUNTY[0], url)
        assert state(response) == "miss" and "即将设为内部的文章" not in response.content.decode()
    restriction.delete()
    assert "即将设为内部的文章" in get(client, host, "/column/").content.decode()


def test_a_hit_carries_the_headers_of_a_miss(two_schools, client):
    school_a, _ = two_schools
    miss = get(client, school_host(school_a))
    hit = get(client, school_host(school_a))
    assert (state(miss), state(hit)) == ("miss", "hit")
    varying = {"X-Page-Cache", "Date"}
    assert {k: v for k, v in hit.items() if k not in varying} == {
        k: v for k, v in miss.items() if k not in varying
    }


def test_unknown_query_parameters_share_the_page_and_junk_is_not_stored(two_schools, client):
    school_a, _ = two_schools
    host = school_host(school_a)
    assert state(get(client, host, "/column/")) == "miss"
    for junk in ("?utm_source=a", "?utm_source=b&x=1", "?fbclid=zzz"):
        assert state(get(client, host, f"/column/{junk}")) == "hit", junk
    assert state(get(client, host, "/column/?page=1")) == "miss"  # a parameter the page reads
    assert state(get(client, host, "/column/?page=1&utm=x")) == "hit"
    for malformed in ("?page=abc", "?page=99999999", "?tag=" + "长" * 200):
        first, second = get(client, host, f"/column/{malformed}"), None
        second = get(client, host, f"/column/{malformed}")
        assert first.status_code == 200 and state(first) is None and state(second) is None


def test_tokens_are_renewed_again_when_the_change_commits(
    two_schools, django_capture_on_commit_callbacks
):
    """Another worker may render the page between the publish and its commit, from the rows as
    they were, and store it under the new tokens: the commit renews them once more."""
    school_a, _ = two_schools
    key = generations.generation_key(school_a.path)
    with django_capture_on_commit_callbacks(execute=True):
        post(school_a, "提交前后")
        during = caches["shared"].get(key)
    assert during is not None and caches["shared"].get(key) != during
