"""What a bureau has to catch up on.

Both lists are computed from the rows, never stored: a record entered late clears its school
from the overdue list at once. Each is one query whatever the number of schools.
"""

from plugins import api
from plugins.liaison.models import FollowUp, LiaisonLink, SupervisionRecord


def links_of(user):
    """The liaison points of the regions the user curates (every one for platform admins)."""
    links = LiaisonLink.objects.select_related("school", "member", "region")
    return links if user.is_superuser else links.filter(region__in=api.curated_regions(user))


def without_monthly_exchange(links, today):
    """Links whose school has had no monthly exchange so far this month."""
    met = SupervisionRecord.objects.filter(
        link__in=links,
        kind=SupervisionRecord.Kind.MONTHLY,
        held_on__gte=today.replace(day=1),
        held_on__lte=today,
    ).values("link_id")
    return links.exclude(pk__in=met)


def late_follow_ups(links, today):
    return FollowUp.objects.filter(
        record__link__in=links, done_on__isnull=True, due_on__lt=today
    ).select_related("owner", "record__link__school")
