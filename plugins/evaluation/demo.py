"""The province's innovation award in its public rating stage, with three schools' applications,
so the demo shows the rating page and the bureau's results desk at once."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from plugins import api
from plugins.evaluation import procedure
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
    for school, own in zip(schools, SCORES, strict=False):
        if Application.objects.filter(campaign=campaign, school=school).exists():
            continue
        criteria = list(campaign.criteria.all())
        procedure.apply(
            campaign,
            school,
            admin,
            f"{school.title}以党建文化品牌建设为抓手，形成了理念、环境、载体、活动相统一的育人格局。",
            {c.pk: (score, "") for c, score in zip(criteria, own, strict=True)},
            brand_page=api.BrandPage.objects.child_of(school).live().first(),
            on=campaign.applications_open,
        )
    if created:
        stdout.write(f"Evaluation campaign: /evaluation/{campaign.pk}/\n")
