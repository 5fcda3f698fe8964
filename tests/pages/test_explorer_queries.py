"""Issue 20, item 3: what the admin's explorer pays per school listed. Wagtail asks of every
row whether a page may be added below it, with a query per row and per one-per-school page type
(four per school), and wagtail-localize two or three more for its translation buttons; both are
answered for the whole listing at once (pages.models.base, overrides.translation_buttons)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

pytestmark = pytest.mark.django_db


def explorer_queries(client, county, screen="/admin/pages/{}/"):
    url = screen.format(county.pk)
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_listing_of_more_schools_costs_no_more_queries(client, county, make_school, make_user):
    client.force_login(make_user("explorer-admin", is_superuser=True, is_staff=True))
    for number in range(2):
        make_school(county, f"探索学校{number}", f"explore{number}")
    few = explorer_queries(client, county)
    for number in range(2, 8):
        make_school(county, f"探索学校{number}", f"explore{number}")
    many = explorer_queries(client, county)
    assert many == few, (few, many)  # was 6 a school: 4 of Wagtail's, 2 of wagtail-localize's


def test_translation_buttons_are_wagtail_localizes(client, county, make_school, make_user):
    user = make_user("explorer-translator", is_superuser=True, is_staff=True)
    client.force_login(user)
    schools = [make_school(county, f"译者学校{n}", f"translate{n}") for n in range(2)]
    TranslationCreator(None, [Locale.objects.get(language_code="en")]).create_translations(
        schools[0]
    )
    source = TranslationSource.objects.get_for_instance(schools[0])
    html = client.get(f"/admin/pages/{county.pk}/").content.decode()

    translate = "/admin/localize/submit/page/{}/"
    assert translate.format(schools[0].pk) not in html  # it has its English edition
    assert translate.format(schools[1].pk) in html
    assert f"/admin/localize/update/{source.pk}/" in html
    for school in schools:  # as wagtail-localize's own hook says of the page alone
        page = Page.objects.get(pk=school.pk)
        expected = [b.url for b in localize_hooks.page_listing_more_buttons(page, user)]
        assert expected and all(url in html for url in expected)


def test_the_page_chooser_costs_the_same_for_more_schools(client, county, make_school, make_user):
    client.force_login(make_user("chooser-admin", is_superuser=True, is_staff=True))
    make_school(county, "选择学校0", "choose0")
    few = explorer_queries(client, county, "/admin/choose-page/{}/")
    for number in range(1, 7):
        make_school(county, f"选择学校{number}", f"choose{number}")
    many = explorer_queries(client, county, "/admin/choose-page/{}/")
    assert many == few, (few, many)  # was 3 a school: its parent, schedule and workflow
