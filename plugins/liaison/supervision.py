"""What a bureau has to catch up on.

The guideline's three meeting cycles (月交流、季研讨、年总结) are one mechanism: a cycle is a
kind of record and a length in months. A liaison point is *due* when the current period has
no record of that kind yet, and *overdue* when the previous period ended without one (and the
point existed then). Days are Beijing days. Everything is computed from the rows, never
stored: a record entered late clears its school at once. Each list is one query whatever the
number of schools.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from plugins import api
from plugins.liaison.models import FollowUp, LiaisonLink, SupervisionRecord


@dataclass(frozen=True)
class Cycle:
    kind: str
    months: int
    due_heading: Promise
    overdue_heading: Promise

    @property
    def label(self):
        return SupervisionRecord.Kind(self.kind).label

    def period(self, day):
        """The first and last day of the period ``day`` falls in."""
        first_month = (day.month - 1) // self.months * self.months + 1
        start = datetime.date(day.year, first_month, 1)
        month = first_month + self.months
        following = datetime.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        return start, following - datetime.timedelta(days=1)

    def previous(self, day):
        start, _end = self.period(day)
        return self.period(start - datetime.timedelta(days=1))

    def closing(self, day):
        """In the last month of its period: when a due meeting is worth a reminder."""
        return day.month == self.period(day)[1].month


CYCLES = (
    Cycle(
        SupervisionRecord.Kind.MONTHLY,
        1,
        _("No monthly exchange yet this month"),
        _("No monthly exchange last month"),
    ),
    Cycle(
        SupervisionRecord.Kind.QUARTERLY,
        3,
        _("No quarterly seminar yet this quarter"),
        _("No quarterly seminar last quarter"),
    ),
    Cycle(
        SupervisionRecord.Kind.ANNUAL,
        12,
        _("No annual summary yet this year"),
        _("No annual summary last year"),
    ),
)


def links_of(user):
    """The liaison points of the regions the user curates (every one for platform admins)."""
    links = LiaisonLink.objects.select_related("school", "member", "region")
    return links if user.is_superuser else links.filter(region__in=api.curated_regions(user))


def not_met(links, cycle, start, end):
    met = SupervisionRecord.objects.filter(
        link__in=links, kind=cycle.kind, held_on__gte=start, held_on__lte=end
    ).values("link_id")
    return links.exclude(pk__in=met)


def due(links, cycle, today):
    """Links whose school has had no meeting of ``cycle`` so far in the current period."""
    start, _end = cycle.period(today)
    return not_met(links, cycle, start, today)


def overdue(links, cycle, today):
    """Links that existed in the previous period of ``cycle`` and had no meeting in it."""
    start, end = cycle.previous(today)
    return not_met(links.filter(since__lte=end), cycle, start, end)


def late_follow_ups(links, today):
    return FollowUp.objects.filter(
        record__link__in=links, done_on__isnull=True, due_on__lt=today
    ).select_related("owner", "record__link__school")
