"""The dashboard's work queues and charts: what waits for the user, in a fixed number of
queries.

A school's editor sees their drafts, their pages sent back by the moderator with the comment,
and how their submissions (报送) stand; a bureau's curator the submissions waiting for their
decision, the schools of their regions that fail the government site check (nothing published
for two weeks; a column with nothing in it), and their regions in figures: posts and reports
per month per school, activity types, and submissions adopted per school.
"""

from collections import Counter
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState, WorkflowState

from curation import submissions as curation
from curation.charts import Chart, ChartsPanel
from curation.models import Submission
from pages.models import (
    ActivityIndexPage,
    ActivityReportPage,
    CaseIndexPage,
    ColumnIndexPage,
    ColumnPostPage,
    SchoolHomePage,
)
from schools import roles
from schools.admin_access import QueuePanel

SHOWN = 8
STALE_AFTER = timedelta(days=14)
MONTHS = 12
CHARTED_SCHOOLS = 8
COLUMNS = (ColumnIndexPage, ActivityIndexPage, CaseIndexPage)


def my_work_panel(user):
    within = roles.below(roles.school_paths(user))
    if within is None:
        return None
    # One row per page: the review the page waits in (its latest rejection and comment), not
    # each rejection of it; and a page sent back is not listed again among the drafts.
    sent_back = list(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            requested_by=user,
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            current_task_state__status=TaskState.STATUS_REJECTED,
        )
        .select_related("current_task_state")
        .order_by("-current_task_state__finished_at")[:SHOWN]
    )
    pages = Page.objects.in_bulk([int(state.object_id) for state in sent_back])
    returned = [
        (pages[int(state.object_id)], state.current_task_state.comment)
        for state in sent_back
        if int(state.object_id) in pages
    ]
    drafts = list(
        Page.objects.filter(within, owner=user, has_unpublished_changes=True)
        .exclude(pk__in=[page.pk for page, _comment in returned])
        .order_by("-latest_revision_created_at")[:SHOWN]
    )
    submitted = list(
        Submission.objects.filter(submitted_by=user)
        .select_related("page", "region")
        .order_by("-submitted_at")[:SHOWN]
    )
    if not (drafts or returned or submitted):
        return None
    return QueuePanel(
        "my_work",
        90,
        "curation/admin/my_work_panel.html",
        {"drafts": drafts, "returned": returned, "submitted": submitted},
    )


def bureau_queue_panel(user):
    regions = list(roles.regions_of(user, roles.CURATOR).values_list("path", flat=True))
    within = roles.below(regions)
    if within is None:
        return None
    pending = curation.pending_for(user)
    waiting = pending.count()
    # The submissions themselves, oldest first: a province's queue is what its counties
    # forwarded, read by title before opening the list.
    waiting_rows = list(pending.select_related("page", "school").order_by("pk")[:SHOWN])
    stale = stale_schools(within, timezone.now() - STALE_AFTER)
    stale_count = stale.count()
    empty = empty_columns(within)
    if not waiting and not stale_count and not empty:
        return None
    return QueuePanel(
        "bureau_queue",
        80,
        "curation/admin/bureau_queue_panel.html",
        {
            "waiting": waiting,
            "waiting_rows": waiting_rows,
            "stale": list(stale[:SHOWN]),
            "stale_count": stale_count,
            "empty": empty[:SHOWN],
            "empty_count": len(empty),
        },
    )


def holding(pages, children_only=False, **conditions):
    """A condition on ``pages``: the page itself or a page below it (with ``children_only``,
    a child of it) meets ``conditions``. Pages are matched to their ancestor by their path's
    prefix as long as its (one subquery per depth ``pages`` stand at, usually one), not by
    testing each path as a pattern against every page, which no index serves: the dashboard of
    a city of 1,000 schools waited 15 s."""
    found = Page.objects.filter(**conditions)
    condition = Q()
    for depth in pages.order_by().values_list("depth", flat=True).distinct():
        below = found.filter(depth=depth + 1) if children_only else found.filter(depth__gte=depth)
        prefixes = below.annotate(prefix=Substr("path", 1, depth * Page.steplen))
        condition |= Q(depth=depth, path__in=prefixes.values("prefix"))
    return condition


def stale_schools(within, since):
    """Live schools (inside ``within``) with nothing published on their site since ``since``."""
    schools = SchoolHomePage.objects.live().filter(within)
    published = holding(schools, live=True, last_published_at__gte=since)
    return schools.exclude(published).order_by("path").only("title", "path")


def empty_columns(within):
    """(school, column) for each live column of a live school inside ``within`` with no live
    page in it, the site check's "empty column"; three queries."""
    types = ContentType.objects.get_for_models(*COLUMNS).values()
    candidates = Page.objects.filter(within, live=True, content_type__in=types)
    filled = holding(candidates, children_only=True, live=True)
    columns = list(candidates.exclude(filled).order_by("path").only("title", "path"))
    schools = {
        school.path: school
        for school in SchoolHomePage.objects.live()
        .filter(path__in={column.path[: -Page.steplen] for column in columns})
        .only("title", "path")
    }
    return [
        (schools[column.path[: -Page.steplen]], column)
        for column in columns
        if column.path[: -Page.steplen] in schools
    ]


def last_months(today, count=MONTHS):
    """The first days of the ``count`` months up to and including ``today``'s."""
    months, month = [], today.replace(day=1)
    for _step in range(count):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return months[::-1]


def region_charts_panel(user):
    regions = list(roles.regions_of(user, roles.CURATOR).values_list("path", flat=True))
    within = roles.below(regions)
    if within is None:
        return None
    schools = dict(SchoolHomePage.objects.filter(within).values_list("path", "title"))
    if not schools:
        return None
    panel = ChartsPanel(
        "region_charts",
        100,
        _("Your region in figures"),
        [
            posts_per_month(within, schools, last_months(timezone.localdate())),
            activity_types(within),
            adoption(regions, schools),
        ],
        note=_("Only the schools of the regions you curate are counted."),
    )
    return panel or None


def _top_and_rest(totals, rows):
    """The CHARTED_SCHOOLS schools with the most, and the others summed as one series."""
    ranked = [path for path, _total in totals.most_common()]
    top, rest = ranked[:CHARTED_SCHOOLS], ranked[CHARTED_SCHOOLS:]
    series = [(path, rows[path]) for path in top]
    if rest:
        summed = [sum(column) for column in zip(*(rows[path] for path in rest), strict=True)]
        series.append((None, summed))
    return series


def posts_per_month(within, schools, months):
    """Column posts and activity reports dated in each month (the date the school gives
    them, which imported older items keep), per school: one query per type and per depth at
    which the region has schools (one depth, in a regular tree)."""
    counts = Counter()
    for model in (ColumnPostPage, ActivityReportPage):
        for length in sorted({len(path) for path in schools}):
            rows = (
                model.objects.live()
                .filter(within, date__gte=months[0])
                .annotate(school=Substr("path", 1, length), month=TruncMonth("date"))
                .values("school", "month")
                .annotate(count=Count("pk"))
            )
            for row in rows:
                if row["school"] in schools:
                    counts[row["school"], row["month"]] += row["count"]
    rows = {path: [counts[path, month] for month in months] for path in schools}
    totals = Counter({path: sum(values) for path, values in rows.items() if sum(values)})
    series = [
        (schools[path] if path else _("Other schools"), values)
        for path, values in _top_and_rest(totals, rows)
    ]
    return Chart(
        "posts_per_month",
        _("Column posts and activity reports per month"),
        "bar",
        [month.strftime("%Y-%m") for month in months],
        series,
        stacked=True,
    )


def activity_types(within):
    rows = (
        ActivityReportPage.objects.live()
        .filter(within)
        .values("activity_type__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "activity_type__name")
    )
    return Chart(
        "activity_types",
        _("Activity reports by type"),
        "bar",
        [row["activity_type__name"] or _("No type") for row in rows],
        [(_("Activity reports"), [row["count"] for row in rows])],
        horizontal=True,
    )


def adoption(regions, schools):
    """Per school: works submitted (报送) and works adopted, over every submission made by a
    school inside the regions. A work counts once, however many bureaus it was forwarded to
    (each hop is a Submission), and as adopted once any bureau adopted it."""
    rows = (
        Submission.objects.filter(roles.below(regions, "school__path"))
        .values("school__path")
        .annotate(
            submitted=Count("page", distinct=True),
            adopted=Count("page", distinct=True, filter=Q(status__in=Submission.ADOPTED)),
        )
        .order_by("-adopted", "-submitted", "school__path")[: CHARTED_SCHOOLS * 2]
    )
    rows = [row for row in rows if row["school__path"] in schools]
    return Chart(
        "adoption",
        _("Submissions and adoptions per school"),
        "bar",
        [schools[row["school__path"]] for row in rows],
        [
            (_("Works submitted"), [row["submitted"] for row in rows]),
            (_("Works adopted"), [row["adopted"] for row in rows]),
        ],
        horizontal=True,
    )
