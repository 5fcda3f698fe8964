"""Issue 34, item 4: members are marked lead (strong) or supported, exactly one lead per
alliance; a school may be in several alliances; /alliances/ lists a region's alliances and
clusters with the members' roles, at a query count that does not grow with them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail import hooks

from plugins.alliance.models import Alliance, AllianceMember, DemonstrationCluster
from plugins.alliance.tests.test_alliance import alliance_form, make_alliance

pytestmark = pytest.mark.django_db
LEAD, SUPPORTED = AllianceMember.Role.LEAD, AllianceMember.Role.SUPPORTED


@pytest.fixture
def schools(county, make_school, school_a):
    return [school_a, *(make_school(county, f"角色{n}小学", f"roles-{n}") for n in range(3))]


def test_exactly_one_lead_is_the_models_rule(county, schools, school_b):
    alliance = Alliance.objects.create(region=county, name="规则联盟")

    def members(*rows):
        return [
            AllianceMember(alliance=alliance, school=school, role=role) for school, role in rows
        ]

    alliance.check_members(members((schools[0], LEAD), (schools[1], SUPPORTED)))
    for wrong in (
        members((schools[0], SUPPORTED), (schools[1], SUPPORTED)),  # no lead
        members((schools[0], LEAD), (schools[1], LEAD)),  # two leads
        members((schools[0], LEAD), (schools[0], SUPPORTED)),  # a school twice
        members((schools[0], LEAD), (school_b, SUPPORTED)),  # outside the county
    ):
        with pytest.raises(ValidationError):
            alliance.check_members(wrong)
    AllianceMember.objects.create(alliance=alliance, school=schools[0], role=LEAD)
    with pytest.raises(IntegrityError), transaction.atomic():
        AllianceMember.objects.create(alliance=alliance, school=schools[1], role=LEAD)


def test_the_form_marks_roles_and_a_school_joins_several_alliances(
    client, make_user, county, schools
):
    client.force_login(make_user("xw_curator", region=county, role="curator"))
    add = reverse("alliances:add")
    lead, first, second, third = schools
    assert client.post(add, alliance_form(county, "甲联盟", lead, [first])).status_code == 302
    both = client.post(add, alliance_form(county, "乙联盟", third, [first, lead]))
    assert both.status_code == 302  # first and lead are in two alliances now
    assert set(
        AllianceMember.objects.filter(school=lead).values_list("alliance__name", "role")
    ) == {("甲联盟", LEAD), ("乙联盟", SUPPORTED)}
    no_lead = alliance_form(county, "丙联盟", second, [third], roles=["supported", "supported"])
    two_leads = alliance_form(county, "丁联盟", second, [third], roles=["lead", "lead"])
    for data, count in ((no_lead, 0), (two_leads, 2)):
        response = client.post(add, data)
        assert response.status_code == 200
        with translation.override("zh-hans"):
            message = translation.gettext(
                "Mark exactly one member as the lead school; %(count)s are marked."
            ) % {"count": count}
        assert message in response.content.decode()
    assert Alliance.objects.count() == 2

    alliance = Alliance.objects.get(name="甲联盟")
    page = client.get(reverse("alliances:edit", args=[alliance.pk])).content.decode()
    assert 'name="members-0-role"' in page and 'name="members-1-role"' in page


def test_the_index_lists_the_regions_alliances_and_clusters_with_roles(
    client, county, other_county, schools, school_b, make_school
):
    cluster = DemonstrationCluster.objects.create(
        region=county, name="红色文化示范群", description="以红色文化育人。"
    )
    first = make_alliance(county, schools[:3], name="红梅联盟")
    first.cluster = cluster
    first.save()
    make_alliance(county, [schools[3], schools[0]], name="结对联盟")  # school_a in two
    make_alliance(other_county, [school_b], name="鼓楼联盟")
    province = client.get(reverse("alliance:index")).content.decode()
    assert all(name in province for name in ("红梅联盟", "结对联盟", "鼓楼联盟", "红色文化示范群"))
    lead, supported = str(LEAD.label), str(SUPPORTED.label)
    assert province.count(schools[0].title) >= 2  # listed in both of its alliances
    assert lead in province and supported in province
    assert "style=" not in province and "<script>" not in province.split("</header>", 1)[-1]

    county_page = client.get(reverse("alliance:index"), {"region": county.pk}).content.decode()
    assert "红梅联盟" in county_page and "鼓楼联盟" not in county_page
    school_site = client.get(
        reverse("alliance:index"), HTTP_HOST=f"{schools[1].slug}.localhost"
    ).content.decode()
    assert "红梅联盟" in school_site and "鼓楼联盟" not in school_site  # the school's county
    for bad in ("abc", "-1", "99999999", "1" * 40):
        assert client.get(reverse("alliance:index"), {"region": bad}).status_code == 404


def test_the_index_costs_the_same_queries_for_few_and_many_alliances(
    client, county, make_school, schools
):
    url = reverse("alliance:index")

    def queries():
        client.get(url)  # Sites and Locales are then kept in memory, as in a running server
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    cluster = DemonstrationCluster.objects.create(region=county, name="示范群")
    Alliance.objects.filter(pk=make_alliance(county, schools[:2], name="联盟0").pk).update(
        cluster=cluster
    )
    few = queries()
    more = [make_school(county, f"多{n}小学", f"many-{n}") for n in range(8)]
    for number in range(1, 6):
        alliance = make_alliance(
            county, [more[number], *more[:number], schools[2]], f"联盟{number}"
        )
        if number % 2:
            alliance.cluster = cluster
            alliance.save()
    DemonstrationCluster.objects.create(region=county, name="第二示范群")
    assert queries() == few
    print(f"alliance index: {few} queries for 1 alliance and for 6")


def test_the_ledger_sheet_of_alliances(county, schools):
    make_alliance(county, schools[:3], name="红梅联盟")
    make_alliance(county, [schools[3], schools[0]], name="结对联盟")
    sheets = [
        sheet
        for build in hooks.get_hooks("ledger_sheets")
        for sheet in build([schools[0], schools[1]], 2026)
        if sheet.order == 85
    ]
    assert len(sheets) == 1
    lead, supported = str(LEAD.label), str(SUPPORTED.label)
    assert [row[:3] for row in sheets[0].rows] == [
        [schools[0].title, "红梅联盟", lead],
        [schools[0].title, "结对联盟", supported],
        [schools[1].title, "红梅联盟", supported],
    ]
    assert (
        sheets[0].rows[2][5] == f"{schools[0].title}（{lead}）、{schools[2].title}（{supported}）"
    )
