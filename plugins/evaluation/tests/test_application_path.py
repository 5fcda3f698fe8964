"""Issue 34, evaluation as the guideline runs it, the application's half: the secretary's
sign-off before an application counts, the on-site inspection record and its share of the
superior review, results provisional until every review is in, awards among the school's
honours and in its ledger, the results workbook per criterion with comments, and the
reviewer's queue of reviews owed."""

import datetime
import io
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from plugins import api
from plugins.evaluation import honours, inspections, procedure, review_queue, scoring
from plugins.evaluation.export import results_workbook
from plugins.evaluation.models import Application, Award, Campaign
from plugins.evaluation.procedure import Refused
from plugins.evaluation.tests.test_evaluation import (
    APPLYING,
    CLOSED,
    REVIEWING,
    campaign_for,
    review_scores,
    scores,
)

pytestmark = pytest.mark.django_db
INSPECTED = datetime.date(2026, 4, 20)
CASE_DAY = datetime.date(2026, 5, 4)


@pytest.fixture
def staff(county, other_county, school_a, school_b, make_user):
    return {
        "editor": make_user("ml-editor", school=school_a, role="editor"),
        "secretary": make_user("ml-shuji", school=school_a, role="moderator", first_name="李书记"),
        "other_secretary": make_user("qls-shuji", school=school_b, role="moderator"),
        "curator": make_user("xw-curator", region=county, role="curator"),
        "reviewer": make_user("xw-reviewer", region=county, role="curator", first_name="王评审"),
        "second": make_user("xw-second", region=county, role="curator", first_name="张评审"),
        "outsider": make_user("gl-curator", region=other_county, role="curator"),
        "admin": make_user("root", is_superuser=True, is_staff=True),
    }


@pytest.fixture
def campaign(county, staff):
    campaign = campaign_for(county)
    campaign.reviewers.set([staff["reviewer"], staff["second"]])
    return campaign


def applied(campaign, school, editor, values=(80,) * 5):
    return procedure.apply(
        campaign, school, editor, "品牌概述", scores(campaign, list(values)), on=APPLYING
    )


def test_an_application_counts_only_once_its_secretary_signs_it_off(
    campaign, staff, school_a, client
):
    application = applied(campaign, school_a, staff["editor"])
    assert not application.is_filed
    assert scoring.results(campaign) == []
    for who in ("editor", "other_secretary", "admin", "curator"):
        with pytest.raises(Refused):
            procedure.sign_off(application, staff[who], on=APPLYING)
        application.refresh_from_db()
        assert not application.is_filed, who
    with pytest.raises(Refused):
        procedure.assign(application, staff["reviewer"], staff["curator"])
    with pytest.raises(Refused):
        procedure.check_rating(
            application, 5, now=timezone.make_aware(datetime.datetime(2026, 4, 5))
        )

    procedure.sign_off(application, staff["secretary"], on=APPLYING)
    application.refresh_from_db()
    assert application.is_filed and application.signed_off_by == staff["secretary"]
    assert [row.application for row in scoring.results(campaign)] == [application]
    entry = ModelLogEntry.objects.get(action="yxyp.evaluation.sign_off")
    assert entry.user == staff["secretary"] and entry.object_id == str(application.pk)

    # A change after the sign-off is a new draft, which the secretary signs again.
    procedure.update(
        application, staff["editor"], "改过的概述", scores(campaign, [90] * 5), on=APPLYING
    )
    application.refresh_from_db()
    assert not application.is_filed and application.signed_off_by is None
    with pytest.raises(Refused, match="申报时间"):
        procedure.sign_off(application, staff["secretary"], on=datetime.date(2026, 4, 2))


def test_the_sign_off_screen_refuses_the_editor_and_other_schools(
    campaign, staff, school_a, client
):
    application = applied(campaign, school_a, staff["editor"])
    url = reverse("evaluation_applications:sign_off", args=[application.pk])
    index = reverse("evaluation_applications:index")
    client.force_login(staff["editor"])
    assert url not in client.get(index).content.decode()  # only a secretary is offered it
    client.post(url)
    application.refresh_from_db()
    assert not application.is_filed
    client.force_login(staff["other_secretary"])
    assert client.post(url).status_code == 404
    client.force_login(staff["secretary"])
    page = client.get(index).content.decode()
    assert url in page
    # The real date is outside the test campaign's window: the screen says why, files nothing.
    response = client.post(url, follow=True)
    application.refresh_from_db()
    assert response.status_code == 200 and not application.is_filed


def test_the_sign_off_screen_files_while_applications_are_open(county, staff, school_a, client):
    today = timezone.localdate()
    campaign = campaign_for(
        county,
        check=False,
        applications_open=today - datetime.timedelta(days=1),
        applications_close=today + datetime.timedelta(days=5),
        rating_close=today + datetime.timedelta(days=10),
        review_close=today + datetime.timedelta(days=20),
    )
    application = procedure.apply(
        campaign, school_a, staff["editor"], "概述", scores(campaign, [70] * 5)
    )
    url = reverse("evaluation_applications:sign_off", args=[application.pk])
    client.force_login(staff["editor"])
    client.post(url)
    application.refresh_from_db()
    assert not application.is_filed
    client.force_login(staff["secretary"])
    assert client.post(url).status_code == 302
    application.refresh_from_db()
    assert application.is_filed and application.signed_off_by == staff["secretary"]
    page = client.get(reverse("evaluation_applications:index")).content.decode()
    with translation.override("zh-hans"):
        filed = gettext("Filed: signed off by %(name)s on %(when)s") % {
            "name": "李书记",
            "when": f"{api.exports.beijing(application.signed_off_at):%Y-%m-%d %H:%M}",
        }
    assert filed in page


def test_the_inspection_is_recorded_by_the_region_and_weighs_in_the_superior_review(
    campaign, staff, school_a, make_user, client
):
    campaign.inspection_weight = 40
    campaign.save()
    application = applied(campaign, school_a, staff["editor"])
    record = {
        "date": INSPECTED,
        "findings": "党建长廊内容充实",
        "score": 90,
        "other_members": "王建国（退休校长）",
        "on": INSPECTED,
    }
    with pytest.raises(Refused):  # not signed off yet
        inspections.record(application, staff["curator"], **record)
    procedure.sign_off(application, staff["secretary"], on=APPLYING)
    for who in ("outsider", "editor", "secretary"):
        with pytest.raises(Refused):
            inspections.record(application, staff[who], **record)
    with pytest.raises(Refused, match="gl-curator"):
        inspections.record(application, staff["curator"], members=[staff["outsider"]], **record)
    inspection = inspections.record(
        application, staff["reviewer"], members=[staff["curator"]], **record
    )
    assert list(inspection.members.all()) == [staff["curator"]]
    assert inspection.other_member_list == ["王建国（退休校长）"]

    url = reverse("evaluation_campaigns:inspection", args=[campaign.pk, application.pk])
    client.force_login(staff["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(staff["curator"])
    form = client.get(url)
    assert form.status_code == 200
    offered = {label for _pk, label in form.context["form"].fields["members"].choices}
    assert offered == {"xw-curator", "王评审", "张评审"}

    # Superior review: materials 80 × 60 % + inspection 90 × 40 % = 84.
    assignment = procedure.assign(application, staff["reviewer"], staff["curator"])
    procedure.review(
        assignment, staff["reviewer"], review_scores(campaign, [80] * 5), "", on=REVIEWING
    )
    (row,) = scoring.results(campaign)
    assert (row.material_score, row.inspection_score) == (Decimal("80.00"), 90)
    assert row.superior_score == Decimal("84.00") and not row.pending

    client.force_login(staff["reviewer"])
    review = client.get(reverse("evaluation_reviews:review", args=[assignment.pk]))
    assert "党建长廊内容充实" in review.content.decode() and "王建国" in review.content.decode()


def test_an_inspection_is_required_when_it_is_scored(campaign, staff, school_a, sign_off):
    campaign.inspection_weight = 30
    campaign.save()
    application = sign_off(applied(campaign, school_a, staff["editor"]))
    assignment = procedure.assign(application, staff["reviewer"], staff["curator"])
    procedure.review(
        assignment, staff["reviewer"], review_scores(campaign, [80] * 5), "", on=REVIEWING
    )
    (row,) = scoring.results(campaign)
    assert row.pending and row.tier == ""


def test_results_stay_provisional_until_every_review_is_in(
    campaign, staff, school_a, make_school, county, sign_off, client
):
    other = make_school(county, "长江路小学", "changjiang")
    a = sign_off(applied(campaign, school_a, staff["editor"], (95,) * 5))
    b = sign_off(applied(campaign, other, staff["admin"], (60,) * 5))
    first = procedure.assign(a, staff["reviewer"], staff["curator"])
    procedure.assign(a, staff["second"], staff["curator"])
    procedure.review(first, staff["reviewer"], review_scores(campaign, [95] * 5), "", on=REVIEWING)
    rows = scoring.results(campaign)
    assert scoring.provisional(rows)
    assert [row.tier for row in rows] == ["", ""]
    assert all(row.pending for row in rows)  # a: one review of two; b: none assigned
    with pytest.raises(Refused, match="长江路小学"):
        procedure.publish_results(campaign, staff["curator"], on=CLOSED)

    client.force_login(staff["curator"])
    desk = client.get(reverse("evaluation_campaigns:results", args=[campaign.pk]))
    page = desk.content.decode()
    assert "一等奖" not in page and desk.context["provisional"]
    assert 'name="publish"' not in page  # the closed campaign waits for its reviews

    second = a.assignments.get(reviewer=staff["second"])
    procedure.review(second, staff["second"], review_scores(campaign, [85] * 5), "", on=REVIEWING)
    for_b = procedure.assign(b, staff["reviewer"], staff["curator"])
    procedure.review(for_b, staff["reviewer"], review_scores(campaign, [70] * 5), "", on=REVIEWING)
    rows = scoring.results(campaign)
    assert not scoring.provisional(rows)
    assert [(row.application, row.tier) for row in rows] == [(a, "一等奖"), (b, "二等奖")]
    final = client.get(desk.request["PATH_INFO"]).content.decode()
    assert "一等奖" in final and 'name="publish"' in final


def published(campaign, staff, school, sign_off):
    application = sign_off(applied(campaign, school, staff["editor"], (90,) * 5))
    assignment = procedure.assign(application, staff["reviewer"], staff["curator"])
    procedure.review(
        assignment, staff["reviewer"], review_scores(campaign, [90] * 5), "特色鲜明", on=REVIEWING
    )
    procedure.publish_results(campaign, staff["curator"], on=CLOSED)
    campaign.refresh_from_db()
    return application


def test_awards_reach_the_schools_honours_and_its_ledger(
    campaign, staff, school_a, school_b, sign_off, client
):
    application = published(campaign, staff, school_a, sign_off)
    rehearsal = Campaign.objects.create(
        region=campaign.region,
        title="演练评选",
        rehearsal=True,
        applications_open=APPLYING,
        applications_close=APPLYING,
        rating_close=APPLYING,
        review_close=APPLYING,
        results_published_at=campaign.results_published_at,
    )
    rehearsed = sign_off(
        Application.objects.create(
            campaign=rehearsal, school=school_a, summary="演练", submitted_by=staff["editor"]
        )
    )
    Award.objects.create(application=rehearsed, rank=1, total=99, tier="演练一等奖")

    with CaptureQueriesContext(connection) as queries:
        section = honours.school_section(school_a, None)
    assert len(queries) == 1
    assert [award.application for award in section.context["awards"]] == [application]
    assert honours.school_section(school_b, None) is None
    home = client.get("/", HTTP_HOST=f"{school_a.slug}.localhost").content.decode()
    assert "2026年玄武区党建文化特色品牌评选" in home and "一等奖" in home
    assert "演练一等奖" not in home

    brand_case = api.ExemplarCasePage(
        title="红梅先锋案例", date=CASE_DAY, year=2026, honours="市级优秀案例"
    )
    school_a.get_children().get(slug="cases").add_child(instance=brand_case)
    brand_case.save_revision().publish()
    with translation.override("en"):
        (sheet,) = honours.ledger_sheets([school_a, school_b], 2026)
        assert (sheet.order, sheet.title) == (70, "Evaluations and honours")
        assert sheet.headers == [
            "School",
            "Year",
            "Evaluation",
            "Level",
            "Grade / award",
            "Score",
            "Results published on",
        ]
        published_on = api.exports.beijing(campaign.results_published_at).date()
        assert sheet.rows == [
            [
                "梅岭小学",
                2026,
                "2026年玄武区党建文化特色品牌评选",
                "County or district",
                "一等奖",
                Decimal("81.00"),  # 20 % × 90 + 30 % × 60 (nobody rated: 3 stars) + 50 % × 90
                published_on,
            ],
            # no results published for a case: its date is in the 案例 sheet
            ["梅岭小学", 2026, "Exemplar case “红梅先锋案例”", "", "市级优秀案例", None, None],
        ]
    assert honours.ledger_sheets([school_a], 2025)[0].rows == []
    assert honours.ledger_sheets([school_b], 2026)[0].rows == []


def test_the_results_workbook_has_scores_per_criterion_and_comments(
    campaign, staff, school_a, sign_off
):
    published(campaign, staff, school_a, sign_off)
    with translation.override("en"):
        workbook = load_workbook(BytesIO(results_workbook(campaign)))
        results = workbook.worksheets[0]
        headers = [cell.value for cell in results[1]]
        criteria = [criterion.name for criterion in campaign.criteria.all()]
        assert f"Review: {criteria[0]}" in headers and f"Self-assessment: {criteria[4]}" in headers
        row = dict(zip(headers, [cell.value for cell in results[2]], strict=True))
        assert row["School"] == "梅岭小学" and row["Status"] == "Final"
        assert row[f"Review: {criteria[0]}"] == 90 and row[f"Self-assessment: {criteria[0]}"] == 90
        reviews = workbook["Reviews and comments"]
        assert [cell.value for cell in reviews[1]][:2] == ["School", "Reviewer"]
        assert [cell.value for cell in reviews[2]][0:2] == ["梅岭小学", "王评审"]
        assert [cell.value for cell in reviews[2]][-1] == "特色鲜明"
        assert workbook.sheetnames[0] == "Results"
    assert workbook["Reviews and comments"]["C2"].value.date() == timezone.localdate()


def test_the_reviewer_queue_lists_the_reviews_owed(
    county, staff, school_a, make_school, sign_off, client
):
    today = timezone.localdate()
    campaign = campaign_for(
        county,
        check=False,
        applications_open=today - datetime.timedelta(days=20),
        applications_close=today - datetime.timedelta(days=10),
        rating_close=today - datetime.timedelta(days=5),
        review_close=today + datetime.timedelta(days=7),
    )
    campaign.reviewers.set([staff["reviewer"], staff["second"]])
    other = make_school(county, "长江路小学", "changjiang")
    opened = campaign.applications_open
    owed, done = (
        sign_off(
            procedure.apply(
                campaign, s, staff["admin"], "概述", scores(campaign, [70] * 5), on=opened
            )
        )
        for s in (school_a, other)
    )
    owed_review = procedure.assign(owed, staff["reviewer"], staff["curator"])
    finished = procedure.assign(done, staff["reviewer"], staff["curator"])
    procedure.review(finished, staff["reviewer"], review_scores(campaign, [80] * 5), "")
    procedure.assign(done, staff["second"], staff["curator"])
    assert list(review_queue.owed_reviews(staff["reviewer"])) == [owed_review]
    assert (
        list(
            review_queue.owed_reviews(
                staff["reviewer"], campaign.review_close + datetime.timedelta(days=1)
            )
        )
        == []
    )

    client.force_login(staff["reviewer"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    with translation.override("zh-hans"):
        heading = gettext("Reviews you owe")
    assert f'<h2 id="evaluation-review-queue-heading">{heading}</h2>' in page
    assert reverse("evaluation_reviews:review", args=[owed_review.pk]) in page
    assert reverse("evaluation_reviews:review", args=[finished.pk]) not in page
    assert campaign.review_close.isoformat() in page
    client.force_login(staff["curator"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "evaluation-review-queue-heading" not in home


def test_the_demo_shows_signed_off_applications_an_inspection_and_honours(
    county, city, school_a, school_b, make_user, client
):
    from plugins.evaluation import demo
    from plugins.evaluation.models import Inspection

    make_user("root", is_superuser=True, is_staff=True)
    for school in (school_a, school_b):
        make_user(f"{school.slug}-moderator", school=school, role="moderator")
    make_user("xuanwu-curator", region=county, role="curator")
    make_user("nanjing-curator", region=city, role="curator")
    demo.load(io.StringIO())

    province_award = Campaign.objects.get(region__depth=2)
    assert province_award.applications.filed().count() == 2
    assert Inspection.objects.filter(application__campaign=province_award).exists()
    assert scoring.provisional(scoring.results(province_award))  # reviews still owed
    published = Campaign.objects.get(region=county, results_published_at__isnull=False)
    assert Inspection.objects.filter(application__campaign=published).count() == 1
    section = honours.school_section(school_a, None)
    assert [award.application.campaign for award in section.context["awards"]] == [published]
    home = client.get("/", HTTP_HOST=f"{school_a.slug}.localhost").content.decode()
    assert published.title in home
