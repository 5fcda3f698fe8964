"""The province's innovation award in its public rating stage, with three schools'
applications signed off by their secretaries and a fourth waiting for its secretary, reviews
owed and an on-site inspection, so the demo shows the rating page, the reviewer's queue and the
bureau's provisional results desk; and last year's county evaluation with published results,
whose awards show among the schools' honours."""

import datetime
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from plugins import api
from plugins.evaluation import inspections, procedure, stages
from plugins.evaluation.models import Application, Campaign

SCORES = [(92, 88, 85, 90, 87), (85, 90, 80, 88, 84), (80, 82, 86, 79, 90), (78, 85, 83, 80, 76)]
# The party secretaries (党组织书记) the demo gives schools that have no moderator account yet,
# in the order of the schools that apply.
SECRETARIES = ["张建华", "刘志强", "陈丽萍"]


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
    schools = list(api.SchoolHomePage.objects.descendant_of(province).order_by("path")[:4])
    # Three applications count (rated, reviewed); the fourth waits for its secretary.
    signers = [_secretary(school, name) for school, name in zip(schools, SECRETARIES, strict=False)]
    applications = [
        _filed(campaign, school, own, admin, signer)
        for school, own, signer in zip(schools, SCORES, [*signers, None], strict=False)
    ]
    reviewer = _reviewer(campaign, applications)
    filed = [application for application in applications if application.is_filed]
    if created and reviewer is not None and filed:
        # Only a signed-off application is reviewed.
        for application in filed[:2]:
            procedure.assign(application, reviewer, admin)
        _inspect(filed[0], reviewer, 88, today - timedelta(days=1))
    if created:
        stdout.write(f"Evaluation campaign: /evaluation/{campaign.pk}/\n")
    _published_county_evaluation(province, admin, stdout)
    _county_innovation_award(province, admin, stdout)


def _secretary(school, name):
    """The school's party secretary, who signs its applications off: its moderator account,
    or one made here under ``name`` with no password (it stands for the secretary only)."""
    secretary = school.moderator_group.user_set.order_by("pk").first()
    if secretary is None:
        User = get_user_model()
        username = f"{school.slug}-moderator"
        secretary = User.objects.filter(username=username).first()
        secretary = secretary or User.objects.create_user(username, last_name=name)
        api.add_school_user(school, secretary, api.MODERATOR)
    return secretary


def _filed(campaign, school, own, admin, secretary=None):
    """The school's application, prepared (here by the platform) and signed off by
    ``secretary`` when one is given; without, a draft waiting for the sign-off."""
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
        _filed(campaign, s, own, admin, _secretary(s, name))
        for s, own, name in zip(schools, SCORES, SECRETARIES, strict=False)
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


NOTICE = """关于开展{year}年度{county}中小学校党建文化创新奖评选工作的通知

各中小学校党组织：
根据“一校一品”党建文化建设实施意见，经研究，决定开展本年度党建文化创新奖评选。
评选按照“学校自评、群众测评、上级考评”的程序，采取评审材料和实地考查相结合的方式进行。
请各校对照建设要求开展自评，经学校党组织书记审核后在平台提交申报材料。
"""


def _county_innovation_award(province, admin, stdout):
    """The first county's own innovation award, opened and then extended from its stages
    screen (both acts in its history), with its notice (申报通知) attached; and a rehearsal
    of the yearly evaluation at today's date, which publishes nothing."""
    school = api.SchoolHomePage.objects.descendant_of(province).order_by("path").first()
    if school is None:
        return
    county = school.get_parent().specific
    today = timezone.localdate()
    title = f"{today.year}年度{county.title}中小学校党建文化创新奖"
    if Campaign.objects.filter(region=county, title=title).exists():
        return
    bureau = (
        api.people_of(api.RegionPage.objects.filter(pk=county.pk), (api.CURATOR,)).first() or admin
    )
    # In the county bureau's own collection, where its curators upload (Campaign.clean).
    collection = api.bureau_collections(api.RegionPage.objects.filter(pk=county.pk)).get()
    notice = get_document_model()(
        title=f"{title}申报通知", collection=collection, uploaded_by_user=bureau
    )
    text = NOTICE.format(year=today.year, county=county.title)
    notice.file.save("shenbao-tongzhi.txt", ContentFile(text.encode()), save=False)
    notice.save()
    award = Campaign.objects.create(
        region=county,
        kind=Campaign.Kind.INNOVATION,
        title=title,
        introduction="县（区）教育工委组织开展的中小学校党建文化创新奖评选，详见申报通知。",
        notice=notice,
        applications_open=today + timedelta(days=3),
        applications_close=today + timedelta(days=20),
        rating_close=today + timedelta(days=30),
        review_close=today + timedelta(days=45),
        created_by=bureau,
    )
    procedure.add_defaults(award)
    stages.open_applications(award, bureau, on=today)
    stages.extend_stage(award, bureau, today + timedelta(days=27), on=today)
    rehearsal = Campaign.objects.create(
        region=county,
        rehearsal=True,
        title=f"{today.year}年度{county.title}党建文化特色品牌评选",
        introduction="熟悉申报、测评、考评流程的演练，结果不公开。",
        applications_open=today - timedelta(days=2),
        applications_close=today + timedelta(days=7),
        rating_close=today + timedelta(days=14),
        review_close=today + timedelta(days=21),
        created_by=bureau,
    )
    procedure.add_defaults(rehearsal)
    _filed(rehearsal, school, SCORES[0], admin, _secretary(school, SECRETARIES[0]))
    stdout.write(f"County innovation award: /admin/evaluation_campaigns/{award.pk}/stages/\n")
    stdout.write(f"Rehearsal campaign: /admin/evaluation_campaigns/{rehearsal.pk}/stages/\n")
