"""Two liaison points of a county bureau: one with this month's exchange and a follow-up past
due, one that has not met yet this month, so the overdue screen shows both kinds."""

from datetime import timedelta

from django.utils import timezone

from plugins import api
from plugins.liaison.models import FollowUp, LiaisonLink, SupervisionRecord


def load(stdout):
    county = api.RegionPage.objects.filter(depth=4).order_by("path").first()
    if county is None:
        return
    members = list(api.people_of(api.RegionPage.objects.filter(pk=county.pk), api.REGION_ROLES)[:1])
    schools = list(api.SchoolHomePage.objects.filter(path__startswith=county.path)[:2])
    if not members or len(schools) < 2:
        return
    today = timezone.localdate()
    links = [
        LiaisonLink.objects.get_or_create(region=county, member=members[0], school=school)[0]
        for school in schools
    ]
    if SupervisionRecord.objects.filter(link__in=links).exists():
        return
    record = SupervisionRecord.objects.create(
        link=links[0],
        kind=SupervisionRecord.Kind.MONTHLY,
        held_on=today.replace(day=1),
        notes="交流本月主题党日安排，查看校园党建专栏更新情况。",
    )
    FollowUp.objects.create(
        record=record,
        task="补充上月活动报道的照片",
        owner=members[0],
        due_on=today - timedelta(days=1),
    )
    stdout.write(f"Liaison points: {len(links)} in {county.title}")
