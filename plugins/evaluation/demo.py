"""The province's innovation award in its public rating stage, with three schools'
applications signed off by their secretaries, reviews owed and an on-site inspection, so the
demo shows the rating page, the reviewer's queue and the bureau's provisional results desk;
and last year's county evaluation with published results, whose awards show among the
schools' honours."""

import datetime
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from plugins import api
from plugins.evaluation import inspections, procedure
from plugins.evaluation.models import Application, Campaign

SCORES = [(92, 88, 85, 90, 87), (85, 90, 80, 88, 84), (80, 82, 86, 79, 90)]


def load(stdout):
    province = api.RegionPage.objects.filter(depth=2).first()
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if province is None or admin is None:
        return
    today = timezone.localdate()
    campaign, created = Campaign.objects.get_or_create(
        region=province,
        title=f"{today.year}年度{province.title}中小学校党建文化创新奖",
        defaults={
            "kind": Campaign.Kind.INNOVATION,
            "introduction": "按照学校自评、群众测评、上级考评的程序评选，欢迎为各校品牌打分。",
            "applications_open": today - timedelta(days=30),
            "applications_close": today - timedelta(days=1),
            "rating_close": today + timedelta(days=14),
            "review_close": today + timedelta(days=30),
            "created_by": admin,
        },
    )
    procedure.add_defaults(campaign)
    schools = api.SchoolHomePage.objects.descendant_of(province).order_by("path")[:3]
    applications = [
        _filed(campaign, school, own, admin) for school, own in zip(schools, SCORES, strict=False)
    ]
    reviewer = _reviewer(campaign, applications)
    if created and reviewer is not None:
        for application in applications[:2]:
            procedure.assign(application, reviewer, admin)
        _inspect(applications[0], reviewer, 88, today - timedelta(days=1))
    if created:
        stdout.write(f"Evaluation campaign: /evaluation/{campaign.pk}/\n")
    _published_county_evaluation(province, admin, stdout)


def _filed(campaign, school, own, admin, on=None):
    """The school's application, prepared (here by the platform) and signed off by its
    secretary (the school's moderator account, when the demo made one)."""
    application = Application.objects.filter(campaign=campaign, school=school).first()
    if application is None:
        criteria = list(campaign.criteria.all())
        application = procedure.apply(
            campaign,
            school,
            admin,
            f"{school.title}以党建文化品牌建设为抓手，形成了理念、环境、载体、活动相统一的育人格局。",
            {c.pk: (score, "") for c, score in zip(criteria, own, strict=True)},
            brand_page=api.BrandPage.objects.child_of(school).live().first(),
            on=campaign.applications_open,
        )
    secretary = school.moderator_group.user_set.order_by("pk").first()
    if not application.is_filed and secretary is not None:
        procedure.sign_off(application, secretary, on=campaign.applications_open)
    return application


def _reviewer(campaign, applications):
    """A bureau account of the campaign's region who works for none of the applicants."""
    people = inspections.possible_members(campaign)
    for person in people[:20]:
        if not any(api.works_for_school_of(person, a.school) for a in applications):
            campaign.reviewers.add(person)
            return person
    return None


def _inspect(application, user, score, day):
    inspections.record(
        application,
        user,
        day,
        "实地查看了党建文化长廊和党员先锋岗，访谈教师和学生代表，品牌理念在课堂和活动中落地。",
        score,
        members=[user],
        other_members="王建国（退休校长）\n陈静（区教师发展中心）",
        on=application.campaign.applications_close + timedelta(days=1),
    )


def _published_county_evaluation(province, admin, stdout):
    """Last year's evaluation of the first county with schools: every application signed
    off, reviewed and inspected, results published, so its awards are schools' honours."""
    school = api.SchoolHomePage.objects.descendant_of(province).order_by("path").first()
    if school is None:
        return
    county = school.get_parent().specific
    year = timezone.localdate().year - 1
    if Campaign.objects.filter(region=county, title__startswith=str(year)).exists():
        return
    opens = datetime.date(year, 3, 1)
    campaign = Campaign.objects.create(
        region=county,
        title=f"{year}年度{county.title}党建文化特色品牌评选",
        introduction="按照学校自评、群众测评、上级考评的程序，评审材料和实地考查相结合。",
        applications_open=opens,
        applications_close=datetime.date(year, 3, 31),
        rating_close=datetime.date(year, 4, 15),
        review_close=datetime.date(year, 5, 31),
        inspection_weight=40,
        created_by=admin,
    )
    procedure.add_defaults(campaign)
    schools = list(api.SchoolHomePage.objects.child_of(county).live().order_by("path")[:3])
    applications = [
        _filed(campaign, s, own, admin) for s, own in zip(schools, SCORES, strict=False)
    ]
    reviewer = _reviewer(campaign, applications)
    if reviewer is None or not all(a.is_filed for a in applications):
        return
    reviewing = datetime.date(year, 5, 10)
    for application, own, found in zip(applications, SCORES, (93, 86, 80), strict=False):
        assignment = procedure.assign(application, reviewer, admin)
        scores = {c.pk: score - 2 for c, score in zip(campaign.criteria.all(), own, strict=True)}
        procedure.review(assignment, reviewer, scores, "材料翔实，特色鲜明。", on=reviewing)
        _inspect(application, reviewer, found, datetime.date(year, 5, 8))
    procedure.publish_results(campaign, admin, on=datetime.date(year, 6, 1))
    stdout.write(f"Published county evaluation: /evaluation/{campaign.pk}/\n")
