"""Issue 20, item 1: the parts every page of a school or region repeats are kept between
requests (pages.fragments), with the page cache off, and each change a visitor could see
through them is seen on the next request: a newer post in the list, a region renamed, a day
of mourning, a related item of another school withdrawn, a new post on the portals, a post
republished, a picture's file replaced."""

import datetime
import re

import pytest
from django.db import connection
from django.template import Template, TemplateSyntaxError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pages import fragments
from pages.models import MourningPeriod, RegionPage
from tests.content import document, image, post, school_host, tagged_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders: only the kept parts are reused


def fetch(client, host, path):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (host, path)
    return response.content.decode()


def queries(client, host, path):
    with CaptureQueriesContext(connection) as captured:
        fetch(client, host, path)
    return len(captured)


def test_kept_parts_are_read_back_until_the_school_changes(client, school_a):
    page = post(school_a, "第一篇", date=datetime.date(2026, 3, 1))
    host, path = school_host(school_a), page.url
    first = queries(client, host, path)
    again = queries(client, host, path)
    assert again <= 8 < first  # frame, menu, breadcrumbs, editions, neighbours, related kept

    newer = post(school_a, "第二篇", date=datetime.date(2026, 3, 2))
    assert queries(client, host, path) > again  # the school's token changed: worked out anew
    html = fetch(client, host, path)
    assert newer.url.endswith("/column/dierpian/")
    assert 'href="/column/dierpian/" rel="next">第二篇<' in html


def test_a_private_neighbour_leaves_the_kept_links(client, school_a):
    page = post(school_a, "第一篇", date=datetime.date(2026, 3, 1))
    newer = post(school_a, "第二篇", date=datetime.date(2026, 3, 2))
    host = school_host(school_a)
    assert 'rel="next">第二篇<' in fetch(client, host, page.url)
    PageViewRestriction.objects.create(page=newer, restriction_type="login")
    assert "第二篇" not in fetch(client, host, page.url)


def test_a_renamed_region_and_a_day_of_mourning_reach_every_school_page(client, school_a, county):
    page = post(school_a, "读书会")
    host = school_host(school_a)
    html = fetch(client, host, page.url)
    assert "玄武区" in html and "mourning" not in html

    county.title = "玄武新区"
    county.save_revision().publish()
    today = timezone.localdate()
    MourningPeriod.objects.create(region=county, starts_on=today, ends_on=today, note="悼念")
    html = fetch(client, host, page.url)
    assert "玄武新区" in html and 'class=" mourning"' in html


def test_a_related_item_of_another_school_withdrawn_leaves_the_kept_list(
    client, school_a, school_b
):
    page = tagged_post(school_a, "红色走读进校园", "红色教育")
    neighbour = tagged_post(school_b, "清凉山红色故事会", "红色教育")
    host = school_host(school_a)
    assert "清凉山红色故事会" in fetch(client, host, page.url)

    neighbour.unpublish()  # in the other school: only the token of the whole tree says so
    assert "清凉山红色故事会" not in fetch(client, host, page.url)


def test_portals_show_a_new_post_and_count_it(client, school_a, county, settings):
    portal_host = settings.BASE_DOMAIN
    path = county.url_path.removeprefix(county.get_site().root_page.url_path)
    html = fetch(client, portal_host, f"/{path}")
    assert "新学期党课" not in html
    post(school_a, "新学期党课", date=datetime.date(2026, 9, 1))
    assert "新学期党课" in fetch(client, portal_host, f"/{path}")
    assert "新学期党课" in fetch(client, school_host(school_a), "/")


def test_a_preview_never_reads_the_kept_parts(rf, school_a):
    """A preview shows the editor's unsaved changes (a new organiser in the footer, say)."""

    def request(preview=False):
        made = rf.get("/", HTTP_HOST=school_host(school_a))
        made.is_preview = preview
        return made

    assert fragments.kept(request(), school_a, "frame", lambda: "published") == "published"
    assert fragments.kept(request(), school_a, "frame", lambda: "again") == "published"
    assert fragments.kept(request(True), school_a, "frame", lambda: "unsaved") == "unsaved"


def test_a_post_republished_shows_its_new_body_and_an_editor_still_gets_the_user_bar(
    client, school_a, make_user
):
    """The article is kept rendered: a new revision is seen at once, and what belongs to the
    visitor (the editor's user bar) is never part of what was kept."""
    page = post(school_a, "读书会", body=[("text", {"heading": "", "text": "<p>第一稿正文</p>"})])
    host = school_host(school_a)
    html = fetch(client, host, page.url)
    assert "第一稿正文" in html and "wagtail-userbar" not in html

    page.body = [("text", {"heading": "", "text": "<p>修订后的正文</p>"})]
    page.save_revision().publish()
    html = fetch(client, host, page.url)
    assert "修订后的正文" in html and "第一稿正文" not in html

    client.force_login(make_user("editor_kept", school_a, "editor"))
    html = fetch(client, host, page.url)
    assert "修订后的正文" in html and "wagtail-userbar" in html


def test_a_replaced_picture_file_is_not_named_by_kept_html(client, school_a):
    picture = image("校园一角", "corner.png", collection=school_a.collection)
    page = post(school_a, "校园掠影", body=[("image", {"image": picture, "caption": "一角"})])
    host = school_host(school_a)
    old_files = set(re.findall(r"/media/images/[^\"' ]+", fetch(client, host, page.url)))
    assert old_files

    picture.renditions.all().delete()  # what Wagtail's edit form does when the file is replaced
    picture.file.save("corner-new.png", picture.file.file, save=True)
    new_files = set(re.findall(r"/media/images/[^\"' ]+", fetch(client, host, page.url)))
    assert new_files and not new_files & old_files


@pytest.mark.parametrize(
    "tag",
    [
        "{% keep related %}",
        '{% keep "related" "tree" %}',
        '{% keep "related" scope="all" %}',
        '{% keep "related" scope=tree %}',
        '{% keep "related" order="date" %}',
    ],
)
def test_keep_says_how_it_is_written(tag):
    with pytest.raises(TemplateSyntaxError, match="keep"):
        Template("{% load site_tags %}" + tag + "{% endkeep %}")


def test_a_portal_keeps_each_page_of_its_schools_apart(client, city, monkeypatch, settings):
    """The portal is kept rendered once per page of its school list (``vary=``), and a page
    number no list has is the first page, not another copy."""
    monkeypatch.setattr(RegionPage, "schools_per_page", 1)
    path = "/" + city.url_path.removeprefix(city.get_site().root_page.url_path)

    def listed(query=""):
        html = fetch(client, settings.BASE_DOMAIN, path + query)
        return re.search(r'<ul class="school-list">(.*?)</ul>', html, re.S).group(1)

    first, second = listed(), listed("?page=2")
    assert "梅岭小学" in first and "清凉山小学" not in first
    assert "清凉山小学" in second and "梅岭小学" not in second
    assert listed("?page=abc") == first and listed() == first


def test_lists_by_tag_and_a_portals_full_lists_each_show_their_own_items(
    client, school_a, city, settings
):
    """A school's list is kept per page, never for a tag the visitor typed; a portal's full
    lists are kept per list and page."""
    red = tagged_post(school_a, "红色走读进校园", "红色教育")
    work = tagged_post(school_a, "校园农场劳动周", "劳动教育")
    host, column = school_host(school_a), red.get_parent().url
    whole = fetch(client, host, column)
    assert "红色走读进校园" in whole and "校园农场劳动周" in whole
    by_red = fetch(client, host, f"{column}?tag=红色教育")
    by_work = fetch(client, host, f"{column}?tag=劳动教育")
    assert "红色走读进校园" in by_red and "校园农场劳动周" not in by_red
    assert "校园农场劳动周" in by_work and "红色走读进校园" not in by_work
    assert fetch(client, host, column) == whole

    portal = "/" + city.url_path.removeprefix(city.get_site().root_page.url_path)
    posts = fetch(client, settings.BASE_DOMAIN, f"{portal}?list=posts")
    cases = fetch(client, settings.BASE_DOMAIN, f"{portal}?list=cases")
    assert work.title in posts and work.title not in cases


def test_a_renamed_document_is_named_anew_on_the_pages_that_link_to_it(client, school_a):
    ledger = document(school_a.collection, "党建台账")
    page = post(school_a, "附件", body=[("document", {"document": ledger, "label": ""})])
    host = school_host(school_a)
    assert "党建台账" in fetch(client, host, page.url)
    ledger.title = "党建工作台账（修订）"
    ledger.save()
    assert "党建工作台账（修订）" in fetch(client, host, page.url)
