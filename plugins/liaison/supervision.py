"""What a bureau has to catch up on, and who it may link and name.

Both lists are computed from the rows, never stored: a record entered late clears its school
from the overdue list at once. Each is one query whatever the number of schools.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

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


def people_of(regions):
    """Who may be linked or named as an owner: the bureau staff of ``regions`` and the staff
    of the schools inside them."""
    regions = list(regions.values("path", "curator_group_id", "manager_group_id"))
    groups = {g for r in regions for g in (r["curator_group_id"], r["manager_group_id"]) if g}
    inside = api.below([region["path"] for region in regions])
    if inside is not None:
        for school in api.SchoolHomePage.objects.filter(inside).values(
            "editor_group_id", "moderator_group_id"
        ):
            groups |= {group for group in school.values() if group}
    return (
        get_user_model()
        .objects.filter(groups__in=groups, is_active=True)
        .distinct()
        .order_by("username")
    )


def bureau_members(regions):
    regions = regions.values_list("curator_group_id", "manager_group_id")
    groups = {group for pair in regions for group in pair if group}
    return (
        get_user_model()
        .objects.filter(Q(groups__in=groups), is_active=True)
        .distinct()
        .order_by("username")
    )
