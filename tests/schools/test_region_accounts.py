"""Issue 34, item 7: a region's account manager creates the curators, committee members and
auditors of their region (and the regions below it), and of no other; a region's auditor reads
that region's part of the audit log."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from pages.models import RegionPage
from schools import provisioning, roles
from schools.models import InitialPassword, RegionGroup
from tests.content import new_account, post

pytestmark = pytest.mark.django_db
User = get_user_model()
GOOD = "Initial-password-2026"


def region_account(region, role, username, name="李红"):
    """The manager's form for a region's account, as the browser sends it."""
    return {
        "region-region": region.pk,
        "region-role": role,
        "region-username": username,
        "region-name": name,
        "region-email": f"{username}@example.cn",
        "region-password": GOOD,
    }


def refused(response):
    """Wagtail's answer to PermissionDenied in the admin: back to the dashboard, told so."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture
def manager(make_user, county):
    client = Client()
    client.force_login(make_user("xuanwu-manager", region=county, role="manager"))
    return client


@pytest.mark.parametrize("role", ["curator", "committee", "auditor"])
def test_the_manager_creates_a_bureau_account_of_their_region(manager, county, role):
    url = reverse("school_accounts")
    assert manager.post(url, region_account(county, role, f"xuanwu-{role}")).status_code == 302
    person = User.objects.get(username=f"xuanwu-{role}")
    assert list(roles.regions_of(person, role)) == [county]
    assert person.last_name == "李红" and person.first_name == ""
    assert InitialPassword.objects.filter(user=person, password=person.password).exists()
    assert not person.is_staff and not person.is_superuser
    listing = manager.get(url).content.decode()
    assert "李红" in listing and f"xuanwu-{role}" in listing


def test_committee_members_are_bureau_staff_auditors_are_not(manager, county):
    url = reverse("school_accounts")
    manager.post(url, region_account(county, "committee", "xuanwu-weiyuan", "张委员"))
    manager.post(url, region_account(county, "auditor", "xuanwu-shenji", "赵审计"))
    assert RegionGroup.objects.filter(region=county).count() == 2
    offered = roles.people_of(RegionPage.objects.filter(pk=county.pk), roles.REGION_ROLES)
    names = set(offered.values_list("username", flat=True))
    assert "xuanwu-weiyuan" in names and "xuanwu-shenji" not in names


def test_the_manager_of_one_county_touches_no_other_region(
    manager, make_user, city, other_county, school_b, county
):
    """Posted ids of another county, the city above, a school outside: refused and nothing
    created; their people can neither be pulled in nor changed."""
    url = reverse("school_accounts")
    for region in (other_county, city):
        assert refused(manager.post(url, region_account(region, "curator", "intruder")))
    school = new_account(school_b, username="intruder", password=GOOD)
    assert refused(manager.post(url, school))
    assert not User.objects.filter(username="intruder").exists()
    assert not RegionGroup.objects.exists()

    outsider = make_user("gulou-curator", region=other_county, role="curator")
    pulled = manager.post(
        url, {**region_account(county, "curator", "gulou-curator"), "region-password": ""}
    )
    assert pulled.status_code == 200
    assert list(roles.regions_of(outsider, "curator")) == [other_county]
    for op in ("remove", "disable", "reset"):
        probe = {"op": op, "user": outsider.pk, "group": other_county.curator_group_id}
        assert refused(manager.post(url, {**probe, "confirmed": "1"}))
    outsider.refresh_from_db()
    assert outsider.is_active and outsider.check_password("pw-for-tests")
    # The manager's own region's people: removed when confirmed.
    manager.post(url, region_account(county, "committee", "xuanwu-weiyuan"))
    member = User.objects.get(username="xuanwu-weiyuan")
    group = provisioning.region_group(county, "committee")
    manager.post(url, {"op": "remove", "user": member.pk, "group": group.pk, "confirmed": "1"})
    assert not member.groups.exists()


def test_a_city_manager_creates_accounts_of_the_counties_below(make_user, city, county):
    client = Client()
    client.force_login(make_user("nanjing-manager", region=city, role="manager"))
    url = reverse("school_accounts")
    assert client.post(url, region_account(county, "curator", "xuanwu-new")).status_code == 302
    assert list(roles.regions_of(User.objects.get(username="xuanwu-new"), "curator")) == [county]


def test_a_regions_auditor_reads_that_regions_log_only(
    manager, county, school_a, school_b, make_user
):
    manager.post(reverse("school_accounts"), region_account(county, "auditor", "xuanwu-audit"))
    auditor = User.objects.get(username="xuanwu-audit")
    InitialPassword.objects.filter(user=auditor).delete()  # signed in with their own password
    post(school_a, "梅岭的发布")
    post(school_b, "清凉山的发布")
    client = Client()
    client.force_login(auditor)
    assert reverse("audit_log") in client.get(reverse("wagtailadmin_home")).content.decode()
    log = client.get(reverse("audit_log"))
    assert log.status_code == 200
    html = log.content.decode()
    assert "梅岭的发布" in html and "清凉山的发布" not in html
    assert not auditor.has_perm(roles.SEES_EVERYONE)  # not the platform's auditor

    nobody = Client()
    nobody.force_login(make_user("teacher", school=school_a, role="editor"))
    assert refused(nobody.get(reverse("audit_log")))


def test_the_command_line_gives_the_new_region_roles_with_a_name(county):
    call_command(
        "staff_user", "xuanwu-zhao", "--region", "nanjing/xuanwu", "--role", "auditor",
        "--create", "--name", "赵敏",
    )  # fmt: skip
    person = User.objects.get(username="xuanwu-zhao")
    assert roles.name_of(person) == "赵敏" and list(roles.regions_of(person, "auditor")) == [county]
    with pytest.raises(CommandError):
        call_command("staff_user", "xuanwu-zhao", "--school", "meiling", "--role", "committee")
