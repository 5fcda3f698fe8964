"""The alliance plugin (issue 17, item 2): a bureau forms alliances of its schools,
the public alliance page shows the members' latest published work at a query count that does
not grow with the members, and region portals and members' home pages show the alliance."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plugins import api
from plugins.alliance.models import Alliance, AllianceMember, DemonstrationCluster

pytestmark = pytest.mark.django_db
DATE = datetime.date(2026, 5, 4)


def publish(school, index_slug, page, live=True):
    page.live = live
    school.get_children().get(slug=index_slug).add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def post(school, title, live=True):
    return publish(school, "column", api.ColumnPostPage(title=title, date=DATE), live)


def case(school, title):
    page = api.ExemplarCasePage(title=title, date=DATE, year=2026, background="<p>背景</p>")
    return publish(school, "cases", page)


def alliance_form(county, name, lead, members, cluster="", roles=None):
    """The form's data: ``lead`` marked lead, ``members`` supported (or as ``roles`` says)."""
    rows = [lead, *members]
    roles = roles or ["lead", *("supported" for _member in members)]
    data = {
        "region": county.pk,
        "name": name,
        "description": "",
        "cluster": cluster,
        "members-TOTAL_FORMS": str(len(rows)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for number, (school, role) in enumerate(zip(rows, roles, strict=True)):
        data |= {
            f"members-{number}-school": school.pk,
            f"members-{number}-role": role,
            f"members-{number}-id": "",
            f"members-{number}-ORDER": str(number + 1),
        }
    return data


@pytest.fixture
def schools(county, make_school, school_a):
    return [school_a, *(make_school(county, f"联盟{n}小学", f"alliance-{n}") for n in range(3))]


def test_a_bureau_forms_alliances_of_its_own_schools(
    client, make_user, county, other_county, schools, school_b
):
    client.force_login(make_user("xw_curator", region=county, role="curator"))
    add = reverse("alliances:add")
    lead, first, second, third = schools
    assert (
        client.post(add, alliance_form(county, "梅岭联盟", lead, [first, second])).status_code
        == 302
    )
    alliance = Alliance.objects.get()
    assert {(m.school, m.role) for m in alliance.members.all()} == {
        (lead, "lead"),
        (first, "supported"),
        (second, "supported"),
    }
    twice = client.post(add, alliance_form(county, "第四联盟", third, [third]))
    assert twice.status_code == 200  # a school is listed once in an alliance
    outside = client.post(add, alliance_form(county, "越界联盟", third, [school_b]))
    assert outside.status_code == 200  # another county's school is not offered
    assert Alliance.objects.count() == 1

    client.force_login(make_user("gl_curator", region=other_county, role="curator"))
    assert "梅岭联盟" not in client.get(reverse("alliances:index")).content.decode()
    edit = reverse("alliances:edit", args=[alliance.pk])
    assert client.get(edit).status_code in (302, 403, 404)


def make_alliance(county, schools, name="红梅联盟"):
    alliance = Alliance.objects.create(region=county, name=name)
    AllianceMember.objects.create(alliance=alliance, school=schools[0], role="lead")
    for school in schools[1:]:
        AllianceMember.objects.create(alliance=alliance, school=school)
    return alliance


def test_the_alliance_page_shows_members_latest_published_work(client, county, schools):
    alliance = make_alliance(county, schools)
    post(schools[1], "成员学校的专栏文章")
    post(schools[2], "成员学校的草稿", live=False)
    case(schools[0], "牵头学校的案例")
    page = client.get(reverse("alliance:detail", args=[alliance.pk])).content.decode()
    assert "成员学校的专栏文章" in page and "牵头学校的案例" in page
    assert "成员学校的草稿" not in page
    assert all(school.title in page for school in schools)
    assert client.get(reverse("alliance:detail", args=[999999])).status_code == 404


def test_the_alliance_page_costs_the_same_queries_for_3_and_30_schools(
    client, county, make_school, school_a
):
    def queries(alliance):
        url = reverse("alliance:detail", args=[alliance.pk])
        client.get(url)  # Sites and Locales are then kept in memory, as in a running server
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = [school_a, *(make_school(county, f"小{n}", f"small-{n}") for n in range(2))]
    for school in small:
        post(school, f"{school.title}的文章")
    counted = queries(make_alliance(county, small))
    Alliance.objects.all().delete()
    large = [*small, *(make_school(county, f"大{n}", f"large-{n}") for n in range(27))]
    for school in large[3:]:
        post(school, f"{school.title}的文章")
    assert queries(make_alliance(county, large)) == counted
    print(f"alliance page: {counted} queries for 3 schools and for 30")


def test_portals_and_member_home_pages_show_the_alliance(client, settings, county, schools):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    portal = api.RegionPage.objects.get(pk=county.pk)
    host = {"HTTP_HOST": "localhost"}
    assert "红梅联盟" not in client.get(portal.url, **host).content.decode()  # now cached
    cluster = DemonstrationCluster.objects.create(region=county, name="红色文化示范群")
    alliance = make_alliance(county, schools)
    alliance.cluster = cluster
    alliance.save()
    shown = client.get(portal.url, **host).content.decode()  # the cached copy was dropped
    assert (
        "红梅联盟" in shown and "红色文化示范群" in shown and alliance.get_absolute_url() in shown
    )
    member = schools[1]
    home = client.get("/", HTTP_HOST=f"{member.slug}.localhost").content.decode()
    assert "红梅联盟" in home and schools[0].title in home
