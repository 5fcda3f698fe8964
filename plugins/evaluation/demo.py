"""The province's innovation award, in its application window, so the demo shows the
procedure from the start."""

from datetime import timedelta

from django.utils import timezone

from pages.models import RegionPage
from plugins.evaluation.models import Campaign
from plugins.evaluation.procedure import add_defaults


def load(stdout):
    province = RegionPage.objects.filter(depth=2).first()
    if province is None:
        return
    today = timezone.localdate()
    campaign, created = Campaign.objects.get_or_create(
        region=province,
        title=f"{today.year}年度{province.title}中小学校党建文化创新奖",
        defaults={
            "kind": Campaign.Kind.INNOVATION,
            "applications_open": today - timedelta(days=3),
            "applications_close": today + timedelta(days=30),
            "rating_close": today + timedelta(days=45),
            "review_close": today + timedelta(days=60),
        },
    )
    add_defaults(campaign)
    if created:
        stdout.write(f"Evaluation campaign: {campaign.title} (/evaluation/{campaign.pk}/)\n")
