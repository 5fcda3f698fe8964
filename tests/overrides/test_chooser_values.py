"""A form shown again with a chooser's bad id is a field error, not a 500 (issue 34).

A hostile tester posted ``abc`` and a 20-digit id to the page chooser of a liaison point's
school and an alliance member's school, and to the case chooser of a compendium: rendering the
form with its errors looked the raw value up (ValueError, the driver's OverflowError). Each
screen now answers with the field's error, its chooser empty, and nothing saved."""

import pytest
from django.urls import reverse

from plugins import api
from plugins.alliance.models import Alliance
from plugins.alliance.tests.test_alliance import alliance_form, make_alliance
from plugins.ledger.models import Compendium
from plugins.ledger.tests.test_compendium_chosen import compendium_data
from plugins.liaison.models import LiaisonLink
from plugins.liaison.tests.test_liaison import link_form

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
BAD_IDS = ["abc", HUGE]
# Django's ModelChoiceField error, as the admin shows it in Chinese.
INVALID_CHOICE = "选择一个有效的选项"


@pytest.fixture
def curator(client, make_user, county):
    user = make_user("xw_curator", region=county, role="curator")
    client.force_login(user)
    return user


def refused(response, field):
    """The form came back with ``field``'s error, its chooser holding no id."""
    body = response.content.decode()
    assert response.status_code == 200
    assert INVALID_CHOICE in body
    assert f'name="{field}" value=' not in body  # the bad value is not echoed into the chooser


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_liaison_points_bad_school_id_is_a_field_error(client, curator, county, school_a, bad):
    data = link_form(county, school_a, curator) | {"school": bad}
    refused(client.post(reverse("liaison_links:add"), data), "school")
    assert not LiaisonLink.objects.exists()

    link = LiaisonLink.objects.create(region=county, member=curator, school=school_a)
    since = link.since
    data["since"] = "2020-10-01"
    refused(client.post(reverse("liaison_links:edit", args=[link.pk]), data), "school")
    link.refresh_from_db()
    assert (link.school_id, link.since) == (school_a.pk, since)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_alliance_members_bad_school_id_is_a_field_error(
    client, curator, county, school_a, make_school, bad
):
    second = make_school(county, "联盟二小", "alliance-second")
    alliance = make_alliance(county, [school_a, second])
    data = alliance_form(county, "改名联盟", school_a, [second]) | {"members-0-school": bad}
    response = client.post(reverse("alliances:edit", args=[alliance.pk]), data)
    refused(response, "members-0-school")
    assert Alliance.objects.get().name == "红梅联盟"
    assert {member.school_id for member in alliance.members.all()} == {school_a.pk, second.pk}


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_compendiums_bad_case_id_is_a_field_error(client, curator, county, bad):
    data = compendium_data(county, []) | {
        "chosen_cases-TOTAL_FORMS": "1",
        "chosen_cases-0-case": bad,
        "chosen_cases-0-id": "",
        "chosen_cases-0-ORDER": "1",
        "chosen_cases-0-DELETE": "",
    }
    refused(client.post(reverse("compendiums:add"), data), "chosen_cases-0-case")
    assert not Compendium.objects.exists()


def test_a_key_beyond_its_column_matches_no_row(school_a):
    """The layer below the forms: a page type's key (its link to Page) and a foreign key to
    one are bounded by the column, as Django bounds an integer field itself."""
    schools = api.SchoolHomePage.objects.all()
    assert not schools.filter(pk=HUGE).exists()
    assert list(schools.filter(pk__in=[HUGE, school_a.pk])) == [school_a]
    assert school_a in schools.exclude(pk=HUGE)
    assert not LiaisonLink.objects.filter(school=HUGE).exists()
    assert not LiaisonLink.objects.filter(school__in=[HUGE]).exists()
