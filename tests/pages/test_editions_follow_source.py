"""Issue 33, item 3: an English edition shares its Chinese page's fate. Each action taken on
the Chinese page (unpublish, a view restriction set, changed or removed, the school archived,
the page deleted, a mourning day of its region) reaches the English edition at once, and a
visitor then finds nothing of it: neither the page (nor a copy the page cache kept), its
attachment, its /api/v2 entry, its short link, a search hit nor its sitemap entry."""

import datetime

import pytest
from django.conf import settings
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from pages import editions
from pages.models import MourningPeriod
from schools import provisioning
from tests.content import document, post
from tests.pages.test_english_editions import brand_of, english, host_of, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache(settings):
    """With the page cache on, as deployed: a kept copy of the English page goes too."""
    settings.PAGE_CACHE_SECONDS = 600


STRINGS = {
    "红梅读书会": "Red Plum reading circle",
    "红梅读书会的摘要": "A reading circle of the Red Plum branch",
    "读书会书目": "Reading list",
}


def english_post(school, restriction=None):
    """A Chinese post with an attached document, and its published English edition."""
    ledger = document(school.collection, "读书会书目")
    source = post(
        school, "红梅读书会", body=[("document", {"document": ledger, "label": "读书会书目"})]
    )
    if restriction is not None:
        restriction(source)
    edition = translate(source, strings=STRINGS)
    return source, edition, ledger


def as_visitor(school, edition, ledger):
    """What an anonymous visitor gets of the English edition, over HTTP."""
    visitor, host = Client(), host_of(school)
    hits = visitor.get(
        "/api/search/", {"q": "reading circle", "scope": "all", "language": "en"}
    ).json()["results"]
    return {
        "page": visitor.get(edition.url, HTTP_HOST=host).status_code,
        "document": visitor.get(ledger.url, HTTP_HOST=host).status_code,
        "api": visitor.get(f"/api/v2/pages/{edition.pk}/", HTTP_HOST=host).status_code,
        "short link": visitor.get(f"/s/{edition.pk}/", HTTP_HOST=settings.BASE_DOMAIN).status_code,
        "search": [hit["url"] for hit in hits if hit["url"].endswith(edition.url)],
        "sitemap": edition.url in visitor.get("/sitemap.xml", HTTP_HOST=host).content.decode(),
    }


PUBLIC = {"page": 200, "document": 200, "api": 200, "short link": 302, "sitemap": True}


def assert_public(school, edition, ledger):
    seen = as_visitor(school, edition, ledger)
    assert seen.pop("search"), "the English edition is found"
    assert seen == PUBLIC


def assert_gone(school, edition, ledger, page_status=404):
    assert as_visitor(school, edition, ledger) == {
        "page": page_status,
        "document": 404,
        "api": 404,
        "short link": 404,
        "search": [],
        "sitemap": False,
    }


def moderator_of(school, make_user):
    client = Client()
    client.force_login(make_user("moderator_a", school, "moderator"))
    return client


def test_unpublishing_the_chinese_page_unpublishes_its_english_edition(school_a, make_user):
    source, edition, ledger = english_post(school_a)
    assert_public(school_a, edition, ledger)

    moderator = moderator_of(school_a, make_user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = moderator.post(reverse("wagtailadmin_pages:unpublish", args=[source.pk]))
    assert response.status_code == 302

    edition.refresh_from_db()
    assert not edition.live
    assert_gone(school_a, edition, ledger)
    edition.get_latest_revision().publish()  # not while its source is down
    edition.refresh_from_db()
    assert not edition.live
    # Publishing the Chinese page again does not publish the English edition behind the
    # school's review: it waits, unpublished, until someone publishes it on its own.
    source.get_latest_revision().publish()
    edition.refresh_from_db()
    assert not edition.live
    with TestCase.captureOnCommitCallbacks(execute=True):
        edition.get_latest_revision().publish()
    assert_public(school_a, edition, ledger)


@pytest.mark.parametrize(
    "restriction, fields, page_status",
    [
        ("password", {"password": "hongmei2026"}, 200),  # the password form, not the page
        ("login", {}, 302),  # to the sign-in page
        ("groups", {}, 302),
    ],
)
def test_a_view_restriction_on_the_chinese_page_restricts_its_english_edition(
    restriction, fields, page_status, school_a, make_user
):
    source, edition, ledger = english_post(school_a)
    assert_public(school_a, edition, ledger)

    moderator = moderator_of(school_a, make_user)
    if restriction == "groups":
        fields = {"groups": [school_a.moderator_group_id]}
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = moderator.post(
            reverse("wagtailadmin_pages:set_privacy", args=[source.pk]),
            {"restriction_type": restriction, **fields},
        )
    assert response.status_code == 200 and response.json()["step"] == "set_privacy_done"

    assert_gone(school_a, edition, ledger, page_status)
    page = Client().get(edition.url, HTTP_HOST=host_of(school_a))
    assert "Red Plum reading circle" not in page.content.decode()
    copied = PageViewRestriction.objects.get(page=edition)
    assert copied.restriction_type == restriction
    assert set(copied.groups.all()) == set(
        PageViewRestriction.objects.get(page=source).groups.all()
    )

    # Changing the Chinese page's restriction changes the edition's.
    with TestCase.captureOnCommitCallbacks(execute=True):
        moderator.post(
            reverse("wagtailadmin_pages:set_privacy", args=[source.pk]),
            {"restriction_type": "password", "password": "changed-2026"},
        )
    copied = PageViewRestriction.objects.get(page=edition)
    assert (copied.restriction_type, copied.password) == ("password", "changed-2026")


def test_removing_the_chinese_pages_restriction_opens_its_english_edition(school_a, make_user):
    def restricted(page):
        PageViewRestriction.objects.create(page=page, restriction_type="login")

    source, edition, ledger = english_post(school_a, restriction=restricted)
    assert_gone(school_a, edition, ledger, 302)  # the translation took the restriction along

    moderator = moderator_of(school_a, make_user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = moderator.post(
            reverse("wagtailadmin_pages:set_privacy", args=[source.pk]),
            {"restriction_type": "none"},
        )
    assert response.status_code == 200
    assert not PageViewRestriction.objects.filter(page__in=[source, edition]).exists()
    assert_public(school_a, edition, ledger)


def test_archiving_the_school_takes_its_english_editions_offline_and_restoring_brings_them_back(
    school_a,
):
    brand = brand_of(school_a)
    translate(brand)
    source, edition, ledger = english_post(school_a)
    assert_public(school_a, edition, ledger)

    with TestCase.captureOnCommitCallbacks(execute=True):
        provisioning.archive_school(school_a)
    english_pages = Page.objects.filter(
        translation_key__in=Page.objects.descendant_of(school_a, inclusive=True).values(
            "translation_key"
        ),
        locale=english(),
    )
    assert not english_pages.live().exists()
    assert_gone(school_a, edition, ledger)
    assert Client().get("/en/brand/", HTTP_HOST=host_of(school_a)).status_code == 404

    with TestCase.captureOnCommitCallbacks(execute=True):
        provisioning.restore_school(school_a)
    assert_public(school_a, edition, ledger)


def test_deleting_the_chinese_page_deletes_its_english_edition(school_a, make_user):
    source, edition, ledger = english_post(school_a)
    assert_public(school_a, edition, ledger)

    admin = Client()
    admin.force_login(make_user("admin", is_superuser=True, is_staff=True))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = admin.post(reverse("wagtailadmin_pages:delete", args=[source.pk]))
    assert response.status_code == 302

    assert not Page.objects.filter(pk__in=[source.pk, edition.pk]).exists()
    assert_gone(school_a, edition, ledger)


def test_a_mourning_day_of_the_region_greys_its_english_pages(school_a, county):
    brand = brand_of(school_a)
    translate(brand)
    today = timezone.localdate()
    MourningPeriod.objects.create(
        region=county,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=1),
        note="地方哀悼日",
    )
    for url in ("/brand/", "/en/brand/", "/en/"):
        html = Client().get(url, HTTP_HOST=host_of(school_a)).content.decode()
        assert 'class=" mourning"' in html, url


def test_the_system_check_names_editions_out_of_step_and_follow_sources_mends_them(school_a):
    source, edition, ledger = english_post(school_a)
    restricted = post(school_a, "内部通知")
    restricted_edition = translate(restricted, strings={"内部通知": "Internal notice"})
    assert editions.editions_follow_sources() == []
    # Rows from before these rules: changed without Wagtail's actions or the model's saves.
    Page.objects.filter(pk=source.pk).update(live=False)
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=restricted, restriction_type="login")]
    )
    [warning] = editions.editions_follow_sources()
    assert warning.id == "pages.W030"
    assert f"{sorted([edition.pk, restricted_edition.pk])}" in warning.msg

    with TestCase.captureOnCommitCallbacks(execute=True):
        editions.follow_sources()
    assert editions.editions_follow_sources() == []
    assert_gone(school_a, edition, ledger)
    visitor = Client().get(restricted_edition.url, HTTP_HOST=host_of(school_a))
    assert visitor.status_code == 302
