"""The dashboard's work queues: what waits for the user, in a fixed number of queries.

A school's editor sees their drafts, their pages sent back by the moderator with the comment,
and how their submissions (报送) stand; a bureau's curator the submissions waiting for their
decision and the schools of their regions whose home page has gone stale by the government
site-check rule (nothing published for two weeks).
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from curation import submissions as curation
from curation.models import Submission
from pages.models import SchoolHomePage
from schools import roles

SHOWN = 8
STALE_AFTER = timedelta(days=14)


class QueuePanel(Component):
    def __init__(self, name, order, template_name, context):
        self.name, self.order, self.template_name = name, order, template_name
        self.context = context

    def get_context_data(self, parent_context=None):
        return self.context


def my_work_panel(user):
    within = roles.below(roles.school_paths(user))
    if within is None:
        return None
    drafts = list(
        Page.objects.filter(within, owner=user, has_unpublished_changes=True).order_by(
            "-latest_revision_created_at"
        )[:SHOWN]
    )
    sent_back = list(
        TaskState.objects.filter(
            status=TaskState.STATUS_REJECTED,
            workflow_state__requested_by=user,
            workflow_state__status="needs_changes",
        )
        .select_related("workflow_state")
        .order_by("-finished_at")[:SHOWN]
    )
    pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in sent_back])
    returned = [
        (pages[int(state.workflow_state.object_id)], state.comment)
        for state in sent_back
        if int(state.workflow_state.object_id) in pages
    ]
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
    waiting = curation.pending_for(user).count()
    stale = stale_schools(within, timezone.now() - STALE_AFTER)
    stale_count = stale.count()
    if not waiting and not stale_count:
        return None
    return QueuePanel(
        "bureau_queue",
        80,
        "curation/admin/bureau_queue_panel.html",
        {"waiting": waiting, "stale": list(stale[:SHOWN]), "stale_count": stale_count},
    )


def stale_schools(within, since):
    """Live schools (inside ``within``) with nothing published on their site since ``since``."""
    fresh = Page.objects.filter(
        path__startswith=OuterRef("path"), live=True, last_published_at__gte=since
    )
    return (
        SchoolHomePage.objects.live()
        .filter(within)
        .exclude(Exists(fresh))
        .order_by("path")
        .only("title", "path")
    )
