"""Issue 34, item 3: quarterly seminars and annual summaries are due and overdue like the
monthly exchange; follow-up owners are the liaison point's region's people, by name; a failed
submission says to re-attach its file; committee members may be named without an account; a
second record of the same meeting asks for confirmation; the ledger's liaison sheet."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks

from plugins import api
from plugins.liaison import kept_files, supervision
from plugins.liaison.models import FollowUp, LiaisonLink, SupervisionRecord

pytestmark = pytest.mark.django_db
MONTHLY, QUARTERLY, ANNUAL = supervision.CYCLES
Kind = SupervisionRecord.Kind


def test_periods_of_the_three_cycles():
    day = datetime.date(2026, 11, 15)
    assert MONTHLY.period(day) == (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
    assert QUARTERLY.period(day) == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert QUARTERLY.previous(day) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert ANNUAL.previous(day) == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert MONTHLY.period(datetime.date(2026, 12, 31))[1] == datetime.date(2026, 12, 31)
    assert QUARTERLY.closing(datetime.date(2026, 12, 5)) and not QUARTERLY.closing(day)
    assert MONTHLY.closing(day) and not ANNUAL.closing(day)


@pytest.fixture
def points(county, make_user, make_school, school_a):
    member = make_user("xw_member", region=county, role="curator", first_name="明", last_name="王")
    schools = [
        school_a,
        make_school(county, "第一小学", "cycle-1"),
        make_school(county, "第二小学", "cycle-2"),
    ]
    since = datetime.date(2025, 3, 1)
    return [
        LiaisonLink.objects.create(region=county, member=member, school=schools[0], since=since),
        LiaisonLink.objects.create(region=county, member=member, school=schools[1], since=since),
        LiaisonLink.objects.create(
            region=county,
            member_name="张建国",
            member_post="县教育工委委员",
            school=schools[2],
            since=datetime.date(2026, 11, 2),  # linked this quarter: nothing overdue yet
        ),
    ]


def held(link, kind, day):
    return SupervisionRecord.objects.create(link=link, kind=kind, held_on=day)


def test_quarterly_and_annual_meetings_are_due_and_overdue(points):
    first, second, new = points
    today = datetime.date(2026, 11, 15)
    held(first, Kind.QUARTERLY, datetime.date(2026, 10, 9))  # this quarter
    held(second, Kind.QUARTERLY, datetime.date(2026, 8, 20))  # last quarter only
    held(first, Kind.ANNUAL, datetime.date(2025, 12, 28))  # last year's summary
    held(second, Kind.ANNUAL, datetime.date(2024, 12, 28))  # the year before: overdue now
    held(first, Kind.ANNUAL, datetime.date(2026, 11, 20))  # dated ahead: not held yet
    links = LiaisonLink.objects.all()
    assert set(supervision.due(links, QUARTERLY, today)) == {second, new}
    assert set(supervision.overdue(links, QUARTERLY, today)) == {first}
    assert set(supervision.due(links, ANNUAL, today)) == {first, second, new}
    assert set(supervision.overdue(links, ANNUAL, today)) == {second}
    held(second, Kind.ANNUAL, datetime.date(2025, 12, 30))  # entered late: cleared at once
    assert set(supervision.overdue(links, ANNUAL, today)) == set()
    held(first, Kind.QUARTERLY, datetime.date(2026, 9, 30))  # last day of last quarter
    assert set(supervision.overdue(links, QUARTERLY, today)) == set()


def test_the_overdue_screen_lists_every_cycle(client, county, make_user, points):
    client.force_login(make_user("xw_curator", region=county, role="curator"))
    screen = client.get(reverse("liaison_overdue:index")).content.decode()
    for cycle in supervision.CYCLES:
        assert f'id="cycle-{cycle.kind}-heading"' in screen
    assert "张建国（县教育工委委员）" in screen  # a named member, shown with their post


def test_a_committee_member_is_an_account_or_a_name(county, school_a, make_user):
    account = make_user("xw_member", region=county, role="curator")
    named = LiaisonLink(region=county, school=school_a, member_name=" 张建国 ", member_post="委员")
    named.full_clean()
    named.save()
    assert named.member_label == "张建国（委员）" and named.member is None
    with pytest.raises(ValidationError) as again:
        LiaisonLink(region=county, school=school_a, member_name="张建国").full_clean()
    assert again.value.message_dict["__all__"] == ["该成员已是这所学校的联系人。"]
    with pytest.raises(ValidationError) as neither:
        LiaisonLink(region=county, school=school_a).full_clean()
    assert "member" in neither.value.message_dict
    with pytest.raises(ValidationError) as both:
        LiaisonLink(region=county, school=school_a, member=account, member_name="王明").full_clean()
    assert "member_name" in both.value.message_dict
    with pytest.raises(IntegrityError):
        LiaisonLink.objects.create(region=county, school=school_a)


def record_form(link, owner, **extra):
    return {
        "link": link.pk,
        "kind": "quarterly",
        "held_on": "2026-11-10",
        "topic": "品牌研讨",
        "participants": "",
        "notes": "",
        "follow_ups-TOTAL_FORMS": "1",
        "follow_ups-INITIAL_FORMS": "0",
        "follow_ups-MIN_NUM_FORMS": "0",
        "follow_ups-MAX_NUM_FORMS": "1000",
        "follow_ups-0-task": "完善品牌手册",
        "follow_ups-0-owner": owner.pk,
        "follow_ups-0-due_on": "2026-12-10",
        "follow_ups-0-done_on": "",
        "follow_ups-0-ORDER": "1",
        "follow_ups-0-id": "",
        **extra,
    }


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return set(re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", select.group(1)))


def test_owners_are_the_points_regions_people_by_name_and_the_file_is_kept(
    client, county, other_county, school_a, school_b, make_user, points
):
    curator = make_user("two_counties", region=county, role="curator")
    curator.groups.add(other_county.curator_group)  # curates both counties
    editor = make_user("ml_editor", school=school_a, role="editor", first_name="芳", last_name="李")
    outsider = make_user("qls_editor", school=school_b, role="editor", first_name="外校")
    first = points[0]
    client.force_login(curator)
    blank = client.get(reverse("liaison_records:add")).content.decode()
    assert api.name_of(outsider) in options(blank, "follow_ups-__prefix__-owner")
    edit_record = SupervisionRecord.objects.create(link=first, kind=Kind.VISIT)
    page = client.get(reverse("liaison_records:edit", args=[edit_record.pk])).content.decode()
    offered = options(page, "follow_ups-__prefix__-owner")
    assert {api.name_of(first.member), api.name_of(editor)} <= offered  # by name
    assert api.name_of(outsider) not in offered  # the other county is not the point's region

    attachment = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes", "application/pdf")
    refused = client.post(
        reverse("liaison_records:add"), record_form(first, outsider, attachment=attachment)
    )
    assert refused.status_code == 200
    text = refused.content.decode()
    assert county.title in text  # the owner's error names the region to choose from
    assert SupervisionRecord.objects.filter(kind=Kind.QUARTERLY).count() == 0
    token = re.search(r'name="attachment-kept" value="([^"]+)"', text).group(1)
    assert "纪要.pdf" in text  # the form says the file is kept

    # Another user cannot take the kept file with the token.
    client.force_login(make_user("xw_other", region=county, role="curator"))
    other = client.post(
        reverse("liaison_records:add"), record_form(first, editor, **{"attachment-kept": token})
    )
    assert other.status_code == 302
    assert not SupervisionRecord.objects.get(kind=Kind.QUARTERLY).attachment
    SupervisionRecord.objects.filter(kind=Kind.QUARTERLY).delete()

    client.force_login(curator)
    again = record_form(first, editor, **{"attachment-kept": token})
    assert client.post(reverse("liaison_records:add"), again).status_code == 302
    record = SupervisionRecord.objects.get(kind=Kind.QUARTERLY)
    assert FollowUp.objects.get(record=record).owner == editor
    with record.attachment.open("rb") as saved_file:
        assert saved_file.read() == b"%PDF-1.4 minutes"  # kept from the failed submission
    assert record.attachment.name.startswith("liaison/20")
    assert kept_files.storage().listdir(kept_files.PENDING)[1] == []
    assert all(
        kept_files.storage().listdir(f"{kept_files.PENDING}{folder}")[1] == []
        for folder in kept_files.storage().listdir(kept_files.PENDING)[0]
    )  # the waiting copy is gone

    # The model refuses an outsider whatever route the row takes.
    item = FollowUp(record=edit_record, task="越界", owner=outsider, due_on=edit_record.held_on)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert county.title in error.value.message_dict["owner"][0]


def test_a_second_identical_record_asks_for_confirmation(client, county, make_user, points):
    first = points[0]
    editor = make_user("ml_editor", school=first.school, role="editor")
    client.force_login(make_user("xw_curator", region=county, role="curator"))
    add = reverse("liaison_records:add")
    assert client.post(add, record_form(first, editor)).status_code == 302
    again = client.post(add, record_form(first, editor))
    assert again.status_code == 200
    assert 'name="record_again"' in again.content.decode()
    assert SupervisionRecord.objects.count() == 1
    other_day = client.post(add, record_form(first, editor, held_on="2026-11-11"))
    assert other_day.status_code == 302  # another date is another meeting
    confirmed = client.post(add, record_form(first, editor, record_again="on"))
    assert confirmed.status_code == 302
    assert SupervisionRecord.objects.filter(held_on="2026-11-10").count() == 2
    assert 'name="record_again"' not in client.get(add).content.decode()


def test_the_ledger_sheet_of_liaison_and_supervision(county, make_user, points, school_b):
    first, _second, named = points
    owner = make_user(
        "ml_editor", school=first.school, role="editor", first_name="芳", last_name="李"
    )
    record = SupervisionRecord.objects.create(
        link=first,
        kind=Kind.QUARTERLY,
        held_on=datetime.date(2026, 10, 9),
        topic="品牌研讨",
        participants="支部书记",
        notes="品牌内涵待提炼",
        attachment=SimpleUploadedFile("纪要.pdf", b"%PDF-1.4", "application/pdf"),
    )
    FollowUp.objects.create(
        record=record, task="修订方案", owner=owner, due_on=datetime.date(2026, 10, 30)
    )
    FollowUp.objects.create(
        record=record,
        task="更新专栏",
        owner=owner,
        due_on=datetime.date(2026, 10, 20),
        done_on=datetime.date(2026, 10, 18),
    )
    held(named, Kind.ANNUAL, datetime.date(2026, 12, 20))
    held(first, Kind.MONTHLY, datetime.date(2025, 12, 1))  # another year
    sheets = [
        sheet
        for build in hooks.get_hooks("ledger_sheets")
        for sheet in build([first.school, named.school], 2026)
        if sheet.order == 80
    ]
    assert len(sheets) == 1
    sheet = sheets[0]
    assert len(sheet.headers) == 8
    assert [row[:4] for row in sheet.rows] == [  # in school order, this year only
        [first.school.title, datetime.date(2026, 10, 9), record.get_kind_display(), "品牌研讨"],
        [named.school.title, datetime.date(2026, 12, 20), str(Kind.ANNUAL.label), ""],
    ]
    row = sheet.rows[0]
    assert row[4] == f"{api.name_of(first.member)}、支部书记"
    assert row[5].startswith("品牌内涵待提炼\n1. 更新专栏") and "2. 修订方案" in row[5]
    assert row[6] == f"1. {api.name_of(owner)}\n2. {api.name_of(owner)}"
    assert "2026-10-18" in row[7].split("\n")[0]  # follow-ups by due date
    assert sheet.rows[1][4] == "张建国（县教育工委委员）"
    assert [parts for parts, _file in sheet.files] == [
        [first.school.title, f"2026-10-09 {record.get_kind_display()}"]
    ]


def test_reminders_name_every_cycle_and_skip_members_without_an_account(
    county, make_user, make_school, school_a, settings
):
    today = api.exports.today()
    since = datetime.date(today.year - 2, 1, 1)
    member = make_user("xw_member", region=county, role="curator", email="m@example.cn")
    editor = make_user("ml_editor", school=school_a, role="editor", email="e@example.cn")
    kept, missed, named_school = (
        school_a,
        make_school(county, "漏会小学", "reminder-1"),
        make_school(county, "委员小学", "reminder-2"),
    )
    up_to_date = LiaisonLink.objects.create(region=county, member=member, school=kept, since=since)
    LiaisonLink.objects.create(region=county, member=member, school=missed, since=since)
    named = LiaisonLink.objects.create(
        region=county, member_name="张建国", school=named_school, since=since
    )
    for cycle in supervision.CYCLES:
        for start, _end in (cycle.previous(today), cycle.period(today)):
            held(up_to_date, cycle.kind, start)
    visit = held(named, Kind.VISIT, today)
    FollowUp.objects.create(
        record=visit, task="整改宣传栏", owner=editor, due_on=today - datetime.timedelta(days=1)
    )
    call_command("liaison_reminders")
    by_person = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_person) == {"m@example.cn", "e@example.cn"}  # 张建国 has no account
    with translation.override(settings.LANGUAGE_CODE):
        for cycle in supervision.CYCLES:
            assert f"{cycle.overdue_heading}:\n- {missed.title}" in by_person["m@example.cn"]
    assert kept.title not in by_person["m@example.cn"]
    assert "整改宣传栏" in by_person["e@example.cn"]  # a named member's point's follow-up


def test_kept_attachments_wait_a_day_for_their_user(county, make_user):
    curator = make_user("xw_curator", region=county, role="curator")
    other = make_user("xw_other", region=county, role="curator")
    token = kept_files.keep(SimpleUploadedFile("纪要.pdf", b"%PDF-1.4"), curator)
    found = kept_files.kept(token, curator)
    assert found.name == "纪要.pdf" and found.read() == b"%PDF-1.4"
    found.close()
    assert kept_files.kept(token, other) is None
    assert kept_files.kept(token + "x", curator) is None
    assert kept_files.sweep() == 0  # not a day old yet
    a_day_on = timezone.now() + datetime.timedelta(days=1, minutes=1)
    assert kept_files.sweep(a_day_on) == 1
    assert kept_files.kept(token, curator) is None
