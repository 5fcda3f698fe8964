"""The liaison plugin (issue 17, item 1) through its admin screens: at most two schools per
bureau member, records with follow-ups and a private attachment, what is overdue, the
reminders command, and one region's bureau never seeing another's."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from plugins import api
from plugins.liaison import supervision
from plugins.liaison.models import FollowUp, LiaisonLink, SupervisionRecord

pytestmark = pytest.mark.django_db
TODAY = api.exports.today()
MONTHLY = supervision.CYCLES[0]


@pytest.fixture
def bureau(county, other_county, make_user, make_school, school_a):
    schools = [school_a, *(make_school(county, f"第{n}小学", f"liaison-{n}") for n in (1, 2))]
    return {
        "curator": make_user("xw_curator", region=county, role="curator", email="c@example.cn"),
        "member": make_user("xw_member", region=county, role="curator", email="m@example.cn"),
        "other": make_user("gl_curator", region=other_county, role="curator"),
        "editor": make_user("ml_editor", school=school_a, role="editor", email="e@example.cn"),
        "schools": schools,
    }


def link_form(county, school, member):
    return {"region": county.pk, "school": school.pk, "member": member.pk, "since": "2026-09-01"}


def test_a_member_is_linked_to_two_schools_at_most(client, bureau, county, school_b):
    client.force_login(bureau["curator"])
    add = reverse("liaison_links:add")
    first, second, third = bureau["schools"]
    for school in (first, second):
        assert client.post(add, link_form(county, school, bureau["member"])).status_code == 302
    refused = client.post(add, link_form(county, third, bureau["member"]))
    assert refused.status_code == 200
    assert "至多联系两所学校" in refused.content.decode()
    assert first.title in refused.content.decode()  # names the schools it already has
    outside = client.post(add, link_form(county, school_b, bureau["curator"]))
    assert outside.status_code == 200  # a school outside the bureau's region is not offered
    assert LiaisonLink.objects.count() == 2


def record(link, kind, held_on, **fields):
    return SupervisionRecord.objects.create(link=link, kind=kind, held_on=held_on, **fields)


def test_overdue_is_computed_from_the_records(bureau, county):
    first, second, third = (
        LiaisonLink.objects.create(region=county, member=member, school=school)
        for member, school in zip(
            (bureau["member"], bureau["member"], bureau["curator"]), bureau["schools"], strict=True
        )
    )
    monthly = SupervisionRecord.Kind.MONTHLY
    record(first, monthly, TODAY.replace(day=1))
    last_month = TODAY.replace(day=1) - datetime.timedelta(days=1)
    record(second, monthly, last_month)
    seminar = record(third, SupervisionRecord.Kind.QUARTERLY, TODAY)  # not a monthly exchange
    yesterday, tomorrow = TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)
    late = FollowUp.objects.create(
        record=seminar, task="补齐台账", owner=bureau["editor"], due_on=yesterday
    )
    FollowUp.objects.create(
        record=seminar, task="已完成", owner=bureau["editor"], due_on=yesterday, done_on=yesterday
    )
    FollowUp.objects.create(
        record=seminar, task="还没到期", owner=bureau["editor"], due_on=tomorrow
    )
    links = supervision.links_of(bureau["curator"])
    assert set(supervision.due(links, MONTHLY, TODAY)) == {second, third}
    assert list(supervision.late_follow_ups(links, TODAY)) == [late]
    assert list(supervision.links_of(bureau["other"])) == []  # another county's bureau


def test_records_with_follow_ups_and_a_private_attachment(client, bureau, county, other_county):
    link = LiaisonLink.objects.create(
        region=county, member=bureau["member"], school=bureau["schools"][0]
    )
    client.force_login(bureau["curator"])
    data = {
        "link": link.pk,
        "kind": "monthly",
        "held_on": TODAY.isoformat(),
        "notes": "本月交流",
        "attachment": SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes", "application/pdf"),
        "follow_ups-TOTAL_FORMS": "1",
        "follow_ups-INITIAL_FORMS": "0",
        "follow_ups-MIN_NUM_FORMS": "0",
        "follow_ups-MAX_NUM_FORMS": "1000",
        "follow_ups-0-task": "更新专栏",
        "follow_ups-0-owner": bureau["editor"].pk,
        "follow_ups-0-due_on": (TODAY + datetime.timedelta(days=7)).isoformat(),
        "follow_ups-0-done_on": "",
        "follow_ups-0-ORDER": "1",
        "follow_ups-0-id": "",
    }
    outsider = data | {"follow_ups-0-owner": bureau["other"].pk, "attachment": ""}
    assert client.post(reverse("liaison_records:add"), outsider).status_code == 200
    assert not SupervisionRecord.objects.exists()  # another county's curator is not an owner
    response = client.post(reverse("liaison_records:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = SupervisionRecord.objects.get()
    assert saved.region == county and [f.task for f in saved.follow_ups.all()] == ["更新专栏"]

    download = reverse("liaison_records:attachment", args=[saved.pk])
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.4 minutes"
    assert client.get(f"/media/{saved.attachment.name}").status_code == 404  # never public
    client.force_login(bureau["other"])
    assert client.get(download).status_code == 404
    assert client.get(reverse("liaison_records:edit", args=[saved.pk])).status_code in (
        302,
        403,
        404,
    )
    assert "本月交流" not in client.get(reverse("liaison_records:index")).content.decode()
    client.force_login(bureau["editor"])
    assert client.get(download).status_code == 404
    assert client.get(reverse("liaison_overdue:index")).status_code in (302, 403)


def test_the_overdue_screen_dashboard_and_reminders(client, bureau, county):
    first, second = (
        LiaisonLink.objects.create(region=county, member=bureau["member"], school=school)
        for school in bureau["schools"][:2]
    )
    visit = record(first, SupervisionRecord.Kind.VISIT, TODAY)
    FollowUp.objects.create(
        record=visit,
        task="整改宣传栏",
        owner=bureau["editor"],
        due_on=TODAY - datetime.timedelta(days=3),
    )
    client.force_login(bureau["curator"])
    screen = client.get(reverse("liaison_overdue:index")).content.decode()
    assert first.school.title in screen and second.school.title in screen and "整改宣传栏" in screen
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    with translation.override("zh-hans"):
        schools = translation.ngettext(
            "%(heading)s: %(counter)s school", "%(heading)s: %(counter)s schools", 2
        ) % {"heading": MONTHLY.due_heading, "counter": 2}
    assert schools in dashboard
    assert "1 项后续事项已逾期" in dashboard
    client.force_login(bureau["editor"])
    assert "liaison-panel-heading" not in client.get(reverse("wagtailadmin_home")).content.decode()

    call_command("liaison_reminders", "--dry-run")
    assert mail.outbox == []
    call_command("liaison_reminders")
    by_person = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_person) == {"m@example.cn", "e@example.cn"}
    assert first.school.title in by_person["m@example.cn"]
    assert "整改宣传栏" in by_person["e@example.cn"]
