"""The evaluation plugin end to end: a campaign's windows, applications, public rating with its
limits, reviewer assignment and isolation, the weighted results worked out by hand, the XLSX
export and the winners featured on the region's portal."""

import datetime
import json
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from plugins import api
from plugins.evaluation import procedure, scoring
from plugins.evaluation.export import results_workbook
from plugins.evaluation.models import Application, Campaign, PublicRating
from plugins.evaluation.procedure import Refused

APPLYING = datetime.date(2026, 3, 10)
RATING = timezone.make_aware(datetime.datetime(2026, 4, 5, 10, 0))
REVIEWING = datetime.date(2026, 5, 1)
CLOSED = datetime.date(2026, 6, 1)


def campaign_for(region, check=True, **dates):
    campaign = Campaign.objects.create(
        region=region,
        title="2026年玄武区党建文化特色品牌评选",
        applications_open=dates.get("applications_open", datetime.date(2026, 3, 1)),
        applications_close=dates.get("applications_close", datetime.date(2026, 3, 31)),
        rating_close=dates.get("rating_close", datetime.date(2026, 4, 15)),
        review_close=dates.get("review_close", datetime.date(2026, 5, 31)),
    )
    procedure.add_defaults(campaign)
    if check:
        campaign.full_clean()
    return campaign


def scores(campaign, values, narrative=""):
    criteria = list(campaign.criteria.all())
    return {c.pk: (value, narrative) for c, value in zip(criteria, values, strict=True)}


def review_scores(campaign, values):
    return {c.pk: value for c, value in zip(campaign.criteria.all(), values, strict=True)}


@pytest.fixture
def bureau(county, make_user):
    return make_user("xuanwu-curator", region=county, role="curator")


@pytest.fixture
def reviewers(county, make_user):
    return [make_user(name, region=county, role="curator") for name in ("reviewer-1", "reviewer-2")]


@pytest.fixture
def school_c(county, make_school):
    return make_school(county, "游府西街小学", "youfu")


def test_campaign_lifecycle_with_hand_computed_totals(
    county, school_a, school_c, make_user, make_school, bureau, reviewers, sign_off
):
    campaign = campaign_for(county)
    campaign.reviewers.set(reviewers)
    assert [c.weight for c in campaign.criteria.all()] == [20] * 5
    school_d = make_school(county, "长江路小学", "changjiang")
    brand = api.BrandPage.objects.child_of(school_a).get()
    brand.save_revision().publish()
    applicants = {}
    for school, own in (
        (school_a, [90, 80, 70, 60, 100]),
        (school_c, [100] * 5),
        (school_d, [50] * 5),
    ):
        editor = make_user(f"{school.slug}-editor", school=school, role="editor")
        applicants[school.slug] = procedure.apply(
            campaign,
            school,
            editor,
            "品牌概述",
            scores(campaign, own, "自评说明"),
            brand_page=brand if school == school_a else None,
            on=APPLYING,
        )
    a, c, d = sign_off(applicants["meiling"], applicants["youfu"], applicants["changjiang"])

    for number, stars in enumerate((5, 4, 4)):
        procedure.rate(a, stars, f"browser-{number}", f"10.0.0.{number}", now=RATING)
    procedure.rate(c, 3, "browser-9", "10.0.0.9", now=RATING)

    first, second = (procedure.assign(a, reviewer, bureau) for reviewer in reviewers)
    procedure.review(first, reviewers[0], review_scores(campaign, [80] * 5), "好", on=REVIEWING)
    procedure.review(
        second, reviewers[1], review_scores(campaign, [90, 70, 90, 70, 90]), "较好", on=REVIEWING
    )
    for_c = procedure.assign(c, reviewers[0], bureau)
    procedure.review(for_c, reviewers[0], review_scores(campaign, [70] * 5), "", on=REVIEWING)
    for_d = procedure.assign(d, reviewers[1], bureau)
    procedure.review(for_d, reviewers[1], review_scores(campaign, [10] * 5), "", on=REVIEWING)

    rater = procedure._keyed_hash(campaign, "10.0.0.1")
    assert PublicRating.objects.filter(address_hash=rater).exists()
    rows, not_featured = procedure.publish_results(campaign, bureau, on=CLOSED)
    assert not PublicRating.objects.filter(address_hash=rater).exists()
    assert PublicRating.objects.count() == 4
    by_school = {row.application.school.slug: row for row in rows}
    # Public scores average each application's stars with 5 ratings at the campaign's mean,
    # (5 + 4 + 4 + 3) / 4 = 4 stars (scoring.PRIOR_RATINGS).
    # 梅岭: self (90+80+70+60+100) × 20 % = 80; public (5 × 4 + 13) / 8 × 20 = 82.50;
    # superior mean(80, 82) = 81; total (20 × 80 + 30 × 82.5 + 50 × 81) / 100 = 81.25
    assert by_school["meiling"].self_score == Decimal("80.00")
    assert by_school["meiling"].public_score == Decimal("82.50")
    assert by_school["meiling"].superior_score == Decimal("81.00")
    assert by_school["meiling"].total == Decimal("81.25")
    # 游府西街: self 100, public (20 + 3) / 6 × 20 = 76.67, superior 70
    # → (2000 + 2300 + 3500) / 100 = 78
    assert by_school["youfu"].public_score == Decimal("76.67")
    assert by_school["youfu"].total == Decimal("78.00")
    # 长江路: self 50, no ratings (the campaign's mean: 80), superior 10
    # → (20 × 50 + 30 × 80 + 50 × 10) / 100 = 39, not the 15 a missing rating used to leave
    assert by_school["changjiang"].public_score == Decimal("80.00")
    assert by_school["changjiang"].total == Decimal("39.00")
    assert [(row.application.school.slug, row.rank, row.tier) for row in rows] == [
        ("meiling", 1, "一等奖"),
        ("youfu", 2, "二等奖"),
        ("changjiang", 3, "二等奖"),
    ]
    assert a.award.total == Decimal("81.25") and a.award.rank == 1
    assert not_featured == []
    feature = api.Feature.objects.get(region=county, page=brand)
    assert feature.reason == "2026年玄武区党建文化特色品牌评选 · 一等奖"
    campaign.refresh_from_db()
    assert campaign.results_published_at is not None
    (published,) = ModelLogEntry.objects.filter(action="yxyp.evaluation.publish")
    assert published.user == bureau and published.object_id == str(campaign.pk)
    awarded = ["梅岭小学", "游府西街小学", "长江路小学"]
    assert published.data == {"awarded": awarded, "not_featured": []}
    auditor = Client()
    auditor.force_login(make_user("auditor", is_superuser=True))
    history = auditor.get(
        reverse("wagtailadmin_reports:site_history"), {"action": "yxyp.evaluation.publish"}
    )
    assert "评选结果已发布" in history.content.decode()  # in the admin's language
    assert d.pk and not api.Feature.objects.exclude(pk=feature.pk).exists()

    sheet = load_workbook(BytesIO(results_workbook(campaign))).active
    table = list(sheet.iter_rows(values_only=True))
    assert len(table) == 4
    assert table[1][:2] == (1, "梅岭小学") and Decimal(str(table[1][8])) == Decimal("81.25")

    # The bureau's dashboard charts the published results, best first, numbers in a table.
    desk = Client()
    desk.force_login(bureau)
    home = desk.get(reverse("wagtailadmin_home")).content.decode()
    found = re.search(r'<script id="chart-evaluation_results-results"[^>]*>(.*?)</script>', home)
    spec = json.loads(found[1])
    assert spec["labels"] == awarded and spec["series"][0]["values"][0] == 81.25
    assert "<td>81.25</td>" in home


def test_ties_share_rank_and_award(
    county, school_a, school_c, make_user, bureau, reviewers, sign_off
):
    campaign = campaign_for(county)
    campaign.reviewers.set(reviewers)
    for school in (school_a, school_c):
        editor = make_user(f"{school.slug}-editor", school=school, role="editor")
        application = sign_off(
            procedure.apply(
                campaign, school, editor, "概述", scores(campaign, [60] * 5), on=APPLYING
            )
        )
        assignment = procedure.assign(application, reviewers[0], bureau)
        procedure.review(
            assignment, reviewers[0], review_scores(campaign, [60] * 5), "", on=REVIEWING
        )
    rows = scoring.results(campaign)
    # self 20 % × 60; nobody rated at all: public 30 % × 3 stars (60); superior 50 % × 60
    assert [(row.rank, row.tier, row.total) for row in rows] == [
        (1, "一等奖", Decimal("60.00")),
        (1, "一等奖", Decimal("60.00")),
    ]


def test_windows_are_enforced(county, school_a, make_user, bureau, reviewers, sign_off):
    campaign = campaign_for(county)
    campaign.reviewers.set(reviewers)
    editor = make_user("editor-a", school=school_a, role="editor")
    own = scores(campaign, [80] * 5)
    with pytest.raises(Refused, match="申报时间为2026-03-01至2026-03-31"):
        procedure.apply(campaign, school_a, editor, "早了", own, on=datetime.date(2026, 2, 28))
    application = procedure.apply(campaign, school_a, editor, "概述", own, on=APPLYING)
    procedure.update(application, editor, "改了", own, on=datetime.date(2026, 3, 31))
    with pytest.raises(Refused):
        procedure.update(application, editor, "晚了", own, on=datetime.date(2026, 4, 1))
    application.refresh_from_db()
    assert application.summary == "改了"
    sign_off(application)
    with pytest.raises(Refused, match="群众测评时间"):
        procedure.rate(
            application, 5, "b", "1.1.1.1", now=timezone.make_aware(datetime.datetime(2026, 3, 20))
        )
    with pytest.raises(Refused, match="群众测评时间"):
        procedure.rate(
            application,
            5,
            "b",
            "1.1.1.1",
            now=timezone.make_aware(datetime.datetime(2026, 4, 16, 9)),
        )
    assignment = procedure.assign(application, reviewers[0], bureau)
    with pytest.raises(Refused):
        procedure.review(
            assignment, reviewers[0], review_scores(campaign, [1] * 5), "", on=APPLYING
        )
    with pytest.raises(Refused):
        procedure.review(assignment, reviewers[0], review_scores(campaign, [1] * 5), "", on=CLOSED)
    with pytest.raises(Refused, match="上级考评结束后"):
        procedure.publish_results(campaign, bureau, on=REVIEWING)
    assert not PublicRating.objects.exists()


def test_one_application_per_school_and_only_inside_the_region(
    county, other_county, school_a, school_b, make_user
):
    campaign = campaign_for(county)
    editor = make_user("editor-a", school=school_a, role="editor")
    own = scores(campaign, [80] * 5)
    procedure.apply(campaign, school_a, editor, "概述", own, on=APPLYING)
    with pytest.raises(Refused, match="已申报"):
        procedure.apply(campaign, school_a, editor, "再来一次", own, on=APPLYING)
    assert Application.objects.filter(campaign=campaign, school=school_a).count() == 1
    editor_b = make_user("editor-b", school=school_b, role="editor")
    with pytest.raises(Refused, match="只有玄武区内的学校"):
        procedure.apply(campaign, school_b, editor_b, "外区", own, on=APPLYING)
    with pytest.raises(Refused, match="只有本校的编辑"):
        other = campaign_for(county, applications_open=datetime.date(2026, 3, 2))
        procedure.apply(other, school_a, editor_b, "冒名", scores(other, [1] * 5), on=APPLYING)


def test_campaign_rules():
    campaign = Campaign(
        title="t",
        applications_open=datetime.date(2026, 3, 1),
        applications_close=datetime.date(2026, 3, 31),
        rating_close=datetime.date(2026, 3, 15),
        review_close=datetime.date(2026, 7, 10),
        self_weight=20,
        public_weight=30,
        superior_weight=40,
    )
    with pytest.raises(Exception) as error:
        campaign.clean()
    messages = str(error.value)
    assert "日期须按程序先后" in messages
    assert "7月1日前" in messages
    assert "权重之和须为100" in messages


def _rating_campaign(county, school_a, make_user):
    today = timezone.localdate()
    campaign = campaign_for(
        county,
        check=False,
        applications_open=today - datetime.timedelta(days=20),
        applications_close=today - datetime.timedelta(days=1),
        rating_close=today + datetime.timedelta(days=5),
        review_close=today + datetime.timedelta(days=10),
    )
    editor = make_user("editor-a", school=school_a, role="editor")
    application = procedure.apply(
        campaign,
        school_a,
        editor,
        "概述",
        scores(campaign, [80] * 5),
        on=today - datetime.timedelta(days=2),
    )
    application.sign_off(make_user("shuji-a", school=school_a, role="moderator"))
    return campaign, application


def test_rating_throttle_per_address(
    county, school_a, make_user, make_school, monkeypatch, sign_off
):
    campaign, application = _rating_campaign(county, school_a, make_user)
    schools = [make_school(county, f"第{n}小学", f"school-{n}") for n in range(3)]
    apps = [application]
    for school in schools:
        editor = make_user(f"{school.slug}-e", school=school, role="editor")
        apps.append(
            sign_off(
                Application.objects.create(
                    campaign=campaign, school=school, summary="s", submitted_by=editor
                )
            )
        )
    monkeypatch.setattr(procedure, "RATING_THROTTLE", 3)
    for number, item in enumerate(apps[:3]):
        procedure.rate(item, 5, f"browser-{number}", "192.0.2.1")
    with pytest.raises(Refused, match="测评过于频繁"):
        procedure.rate(apps[3], 5, "browser-x", "192.0.2.1")
    assert PublicRating.objects.count() == 3


def test_reviewer_isolation_and_conflict_of_interest(
    county, school_a, school_c, make_user, bureau, reviewers, client, sign_off
):
    campaign = campaign_for(county)
    editor_a = make_user("editor-a", school=school_a, role="editor")
    campaign.reviewers.set([*reviewers, editor_a])
    a = procedure.apply(
        campaign, school_a, editor_a, "概述", scores(campaign, [80] * 5), on=APPLYING
    )
    editor_c = make_user("editor-c", school=school_c, role="editor")
    c = procedure.apply(
        campaign, school_c, editor_c, "概述", scores(campaign, [70] * 5), on=APPLYING
    )
    sign_off(a, c)
    with pytest.raises(Refused, match="是梅岭小学的工作人员"):
        procedure.assign(a, editor_a, bureau)
    with pytest.raises(Refused, match="不在本次评选的评审专家名单中"):
        procedure.assign(a, make_user("outsider"), bureau)
    with pytest.raises(Refused, match="只有组织评选的教育工委"):
        procedure.assign(a, reviewers[0], editor_c)
    mine = procedure.assign(a, reviewers[0], bureau)
    theirs = procedure.assign(c, reviewers[1], bureau)
    with pytest.raises(Refused, match="未分配给您"):
        procedure.review(theirs, reviewers[0], review_scores(campaign, [1] * 5), "", on=REVIEWING)

    client.force_login(reviewers[0])
    listing = client.get(reverse("evaluation_reviews:index")).content.decode()
    assert "梅岭小学" in listing and "游府西街小学" not in listing
    assert client.get(reverse("evaluation_reviews:review", args=[mine.pk])).status_code == 200
    assert client.get(reverse("evaluation_reviews:review", args=[theirs.pk])).status_code == 404
    posted = client.post(
        reverse("evaluation_reviews:review", args=[theirs.pk]),
        {f"score_{pk}": 1 for pk in review_scores(campaign, [1] * 5)},
    )
    assert posted.status_code == 404
    assert not theirs.scores.exists()


def test_results_desk_only_for_the_campaigns_bureau(
    county, other_county, school_a, make_user, bureau, client
):
    campaign = campaign_for(county)
    other_curator = make_user("gulou-curator", region=other_county, role="curator")
    client.force_login(other_curator)
    for name in ("results", "export", "edit"):
        response = client.get(reverse(f"evaluation_campaigns:{name}", args=[campaign.pk]))
        assert response.status_code in (302, 403, 404), name
    client.force_login(bureau)
    assert (
        client.get(reverse("evaluation_campaigns:results", args=[campaign.pk])).status_code == 200
    )
    export = client.get(reverse("evaluation_campaigns:export", args=[campaign.pk]))
    assert export.status_code == 200 and export.content[:2] == b"PK"


def _campaign_form(region, **extra):
    data = {
        "region": region.pk,
        "kind": "evaluation",
        "title": "2027年玄武区品牌评选",
        "introduction": "",
        "applications_open": "2027-03-01",
        "applications_close": "2027-03-31",
        "rating_close": "2027-04-15",
        "review_close": "2027-05-31",
        "self_weight": "20",
        "public_weight": "30",
        "superior_weight": "50",
        "inspection_weight": "0",
    }
    for prefix in ("criteria", "tiers"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | extra


def test_bureau_creates_a_campaign_in_the_admin(county, other_county, bureau, client):
    client.force_login(bureau)
    add = reverse("evaluation_campaigns:add")
    assert client.get(add).status_code == 200
    refused = client.post(add, _campaign_form(other_county))
    assert refused.status_code == 200 and not Campaign.objects.exists()
    weights = {
        "criteria-TOTAL_FORMS": "2",
        "criteria-0-name": "理念",
        "criteria-0-weight": "60",
        "criteria-0-ORDER": "1",
        "criteria-1-name": "效果",
        "criteria-1-weight": "30",
        "criteria-1-ORDER": "2",
    }
    wrong = client.post(add, _campaign_form(county, **weights))
    assert "评选指标的权重之和须为100" in wrong.content.decode() and not Campaign.objects.exists()
    created = client.post(add, _campaign_form(county))
    assert created.status_code == 302
    campaign = Campaign.objects.get()
    assert [c.weight for c in campaign.criteria.all()] == [20] * 5
    assert [t.places for t in campaign.tiers.all()] == [1, 2, 3]
    assert campaign.region == county


def test_school_applies_in_the_admin(county, school_a, school_b, make_user, client):
    today = timezone.localdate()
    campaign = campaign_for(
        county,
        check=False,
        applications_open=today - datetime.timedelta(days=1),
        applications_close=today + datetime.timedelta(days=5),
        rating_close=today + datetime.timedelta(days=10),
        review_close=today + datetime.timedelta(days=20),
    )
    editor = make_user("editor-a", school=school_a, role="editor")
    client.force_login(editor)
    index = client.get(reverse("evaluation_applications:index")).content.decode()
    assert campaign.title in index
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert campaign.title in dashboard
    url = reverse("evaluation_applications:apply", args=[campaign.pk, school_a.pk])
    data = {"summary": "红梅品牌"} | {f"score_{c.pk}": "85" for c in campaign.criteria.all()}
    assert client.post(url, data).status_code == 302
    application = Application.objects.get(campaign=campaign, school=school_a)
    assert application.summary == "红梅品牌"
    assert [s.score for s in application.self_assessments.all()] == [85] * 5
    assert client.post(url, data | {"summary": "改过"}).status_code == 302
    assert Application.objects.get().summary == "改过"
    # Issue 16, finding 8: narratives are checked against the banned-word list too.
    narratives = {f"narrative_{c.pk}": "" for c in campaign.criteria.all()}
    first = campaign.criteria.first()
    warned = client.post(
        url, data | narratives | {f"narrative_{first.pk}": "杜绝賭博"}, follow=True
    )
    assert any("赌博" in str(message) for message in warned.context["messages"])
    foreign = reverse("evaluation_applications:apply", args=[campaign.pk, school_b.pk])
    assert client.get(foreign).status_code == 404


def test_the_bureaus_dashboard_names_the_stages_due(county, other_county, bureau, client):
    """Issue 17, item 4: a curator's dashboard names their campaigns whose stage ends within
    two weeks, and those finished with results unpublished; not another region's."""
    today = timezone.localdate()

    def campaign(region, title, *days):
        opens, applications_close, rating_close, review_close = (
            today + datetime.timedelta(days=offset) for offset in days
        )
        campaign = campaign_for(
            region,
            check=False,
            applications_open=opens,
            applications_close=applications_close,
            rating_close=rating_close,
            review_close=review_close,
        )
        campaign.title = title
        campaign.save()

    campaign(county, "临近截止的评选", -10, 5, 40, 60)
    campaign(county, "待发布结果的评选", -90, -60, -40, -1)
    campaign(county, "尚早的评选", -10, 30, 40, 60)
    campaign(other_county, "他区评选", -10, 5, 40, 60)
    client.force_login(bureau)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = home.split('id="evaluation-panel-heading"', 1)[1].split("</section>", 1)[0]
    assert "临近截止的评选" in panel and "申报截止" in panel
    assert "待发布结果的评选" in panel and "结果待发布" in panel
    assert "他区评选" not in panel and "尚早的评选" not in panel
