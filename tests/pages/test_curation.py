"""Submissions (报送) up the region tree and featured work on portals, through the real
service, database and e-mail outbox."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from curation import submissions as curation
from curation.models import Feature, Submission
from pages.models import BrandPage
from schools import provisioning
from tests.content import case, post

Status = Submission.Status


@pytest.fixture
def people(make_user, school_a, school_b, county, other_county, city, province):
    def curator(name, region):
        user = make_user(name, email=f"{name}@example.cn")
        provisioning.add_region_user(region, user, "curator")
        return user

    return {
        "editor_a": make_user("editor_a", school_a, "editor", email="editor_a@example.cn"),
        "moderator_a": make_user("mod_a", school_a, "moderator", email="mod_a@example.cn"),
        "editor_b": make_user("editor_b", school_b, "editor"),
        "county": curator("county_curator", county),
        "other_county": curator("other_curator", other_county),
        "city": curator("city_curator", city),
        "province": curator("province_curator", province),
    }


def test_submit_goes_to_the_school_county_and_mails_its_curators(people, school_a, county):
    page = post(school_a)
    submission = curation.submit(page, people["editor_a"], "请审阅")
    assert (submission.region_id, submission.school_id, submission.status) == (
        county.pk,
        school_a.pk,
        Status.PENDING,
    )
    assert [m.to for m in mail.outbox] == [["county_curator@example.cn"]]


def test_accept_decline_forward_chain_to_the_province(people, school_a, county, city, province):
    page = case(school_a)
    first = curation.submit(page, people["editor_a"])
    second = curation.decide(first, people["county"], curation.FORWARD)
    first.refresh_from_db()
    assert first.status == Status.FORWARDED and second.region_id == city.pk
    third = curation.decide(second, people["city"], curation.FORWARD)
    assert third.region_id == province.pk and third.forwarded_from_id == second.pk
    assert curation.allowed_actions(people["province"], third) == [
        curation.ACCEPT,
        curation.DECLINE,
    ]
    curation.decide(third, people["province"], curation.ACCEPT)
    statuses = list(
        Submission.objects.filter(page=page).order_by("pk").values_list("status", flat=True)
    )
    assert statuses == [Status.FORWARDED, Status.FORWARDED, Status.ACCEPTED]
    # Every level counts the adoption for the school and year.
    for region in (county, city, province):
        assert [row["adopted"] for row in curation.adoption_counts(region)] == [1]
    # The school (moderator and submitter) heard of each of the three decisions.
    school_mails = [m for m in mail.outbox if "mod_a@example.cn" in m.to]
    assert len(school_mails) == 3 and "editor_a@example.cn" in school_mails[-1].to


def test_decline_needs_a_reason_and_is_final(people, school_a):
    submission = curation.submit(post(school_a), people["editor_a"])
    with pytest.raises(curation.CurationError):
        curation.decide(submission, people["county"], curation.DECLINE, "  ")
    curation.decide(submission, people["county"], curation.DECLINE, "请补充活动照片")
    submission.refresh_from_db()
    assert submission.status == Status.DECLINED and submission.reason == "请补充活动照片"
    for action in (curation.ACCEPT, curation.FORWARD, curation.DECLINE, curation.WITHDRAW):
        with pytest.raises(curation.CurationError):
            curation.decide(submission, people["county"], action, "x")
    # Declined work may be improved and submitted again.
    assert curation.submit(submission.page, people["editor_a"]).status == Status.PENDING


ILLEGAL = [
    # (status before, action): every pair the state machine must refuse
    (Status.ACCEPTED, curation.ACCEPT),
    (Status.ACCEPTED, curation.DECLINE),
    (Status.ACCEPTED, curation.WITHDRAW),
    (Status.FORWARDED, curation.ACCEPT),
    (Status.FORWARDED, curation.DECLINE),
    (Status.FORWARDED, curation.FORWARD),
    (Status.FORWARDED, curation.WITHDRAW),
    (Status.WITHDRAWN, curation.ACCEPT),
    (Status.WITHDRAWN, curation.DECLINE),
    (Status.WITHDRAWN, curation.FORWARD),
    (Status.WITHDRAWN, curation.WITHDRAW),
]


@pytest.mark.parametrize("status,action", ILLEGAL)
def test_illegal_transitions_are_refused(people, school_a, status, action):
    submission = curation.submit(post(school_a), people["editor_a"])
    Submission.objects.filter(pk=submission.pk).update(status=status)
    actor = people["editor_a"] if action == curation.WITHDRAW else people["county"]
    with pytest.raises(curation.CurationError):
        curation.decide(submission, actor, action, "理由")
    submission.refresh_from_db()
    assert submission.status == status


def test_accepted_work_can_still_be_forwarded_and_pending_withdrawn(people, school_a):
    accepted = curation.submit(post(school_a, "甲"), people["editor_a"])
    curation.decide(accepted, people["county"], curation.ACCEPT)
    accepted.refresh_from_db()
    assert curation.decide(accepted, people["county"], curation.FORWARD) is not None
    pending = curation.submit(post(school_a, "乙"), people["moderator_a"])
    curation.decide(pending, people["editor_a"], curation.WITHDRAW)
    pending.refresh_from_db()
    assert pending.status == Status.WITHDRAWN


def test_who_may_act(people, school_a, school_b):
    page = post(school_a)
    with pytest.raises(curation.CurationError):
        curation.submit(page, people["editor_b"])  # another school's work
    with pytest.raises(curation.CurationError):
        curation.submit(page, people["county"])  # curators do not submit for schools
    submission = curation.submit(page, people["editor_a"])
    for outsider in ("other_county", "city", "province", "editor_a", "editor_b"):
        with pytest.raises(curation.CurationError):
            curation.decide(submission, people[outsider], curation.ACCEPT)
    with pytest.raises(curation.CurationError):
        curation.decide(submission, people["county"], curation.WITHDRAW)
    with pytest.raises(curation.CurationError):
        curation.submit(page, people["editor_a"])  # already open at the county


def test_only_published_public_content_can_be_submitted(people, school_a):
    with pytest.raises(curation.CurationError):
        curation.submit(post(school_a, live=False), people["editor_a"])
    with pytest.raises(curation.CurationError):
        curation.submit(BrandPage.objects.child_of(school_a).get(), people["editor_a"])


def test_the_top_region_cannot_forward(people, school_a, province):
    submission = Submission.objects.create(
        page=post(school_a), school=school_a, region=province, submitted_by=people["editor_a"]
    )
    with pytest.raises(curation.CurationError):
        curation.decide(submission, people["province"], curation.FORWARD)


# Featuring


def _feature(region, page, **fields):
    feature = Feature(region=region, page=page, reason="示范", **fields)
    feature.full_clean()
    feature.save()
    return feature


def test_features_only_brands_and_cases_of_schools_inside_the_region(school_a, school_b, county):
    _feature(county, case(school_a))
    with pytest.raises(ValidationError) as error:
        _feature(county, case(school_b, "别区的案例"))
    assert "page" in error.value.message_dict
    with pytest.raises(ValidationError):
        _feature(county, post(school_a, "专栏文章不能推荐"))


def test_feature_dates_and_limit(school_a, county):
    with pytest.raises(ValidationError) as error:
        _feature(
            county,
            case(school_a, "日期颠倒"),
            starts_on=datetime.date(2026, 5, 2),
            ends_on=datetime.date(2026, 5, 1),
        )
    assert "ends_on" in error.value.message_dict
    start = datetime.date(2026, 1, 1)
    for number in range(Feature.MAX_ACTIVE):
        _feature(county, case(school_a, f"案例{number}"), starts_on=start)
    with pytest.raises(ValidationError) as error:
        _feature(county, case(school_a, "第十三个"), starts_on=start)
    assert "starts_on" in error.value.message_dict
    # A window after the others have ended is free again.
    Feature.objects.update(ends_on=datetime.date(2026, 6, 30))
    _feature(county, case(school_a, "下半年"), starts_on=datetime.date(2026, 7, 1))


def test_active_features_follow_dates_and_publication(school_a, county):
    today = datetime.date.today()
    shown = _feature(county, case(school_a, "在期"), starts_on=today)
    _feature(county, case(school_a, "未到期"), starts_on=today + datetime.timedelta(days=3))
    _feature(
        county,
        case(school_a, "已过期"),
        starts_on=today - datetime.timedelta(days=9),
        ends_on=today - datetime.timedelta(days=1),
    )
    assert list(Feature.objects.filter(region=county).active()) == [shown]
    shown.page.unpublish()
    assert not Feature.objects.filter(region=county).active().exists()
