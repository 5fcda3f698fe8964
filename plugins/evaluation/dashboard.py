"""The evaluation on the dashboard: a school's staff see the campaigns open to them (the
reviews a reviewer owes have their own panel, review_queue.py); a curator sees the campaigns
of their regions whose stage ends soon or whose results wait to be published, and the last
published results as a chart."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from plugins import api
from plugins.evaluation import scoring
from plugins.evaluation.models import Campaign

DUE_WITHIN = timedelta(days=14)
CHARTED = 10
# What ends each stage, and what the curator is told.
STAGE_ENDS = {
    "applying": ("applications_close", _("applications close")),
    "rating": ("rating_close", _("public rating closes")),
    "reviewing": ("review_close", _("review closes")),
}


class EvaluationPanel(Component):
    name = "evaluation"
    order = 150
    template_name = "evaluation/admin/dashboard_panel.html"

    def __init__(self, campaigns, due):
        self.campaigns, self.due = campaigns, due

    def get_context_data(self, parent_context=None):
        return {"campaigns": self.campaigns, "due": self.due}


def stages_due(user, today):
    """(campaign, what ends, the day) for the curator's campaigns whose stage ends within
    DUE_WITHIN, and (campaign, None, None) for those finished with results unpublished."""
    due = []
    curated = Campaign.objects.filter(region__in=api.curated_regions(user))
    for campaign in curated.filter(applications_open__lte=today, results_published_at=None):
        stage = campaign.stage(today)
        if stage == "closed":
            due.append((campaign, None, None))
        elif stage in STAGE_ENDS:
            field, what = STAGE_ENDS[stage]
            if getattr(campaign, field) <= today + DUE_WITHIN:
                due.append((campaign, what, getattr(campaign, field)))
    return due


def dashboard_panel(request):
    user = request.user
    today = timezone.localdate()
    paths = api.school_paths(user)
    campaigns = [
        campaign
        for campaign in Campaign.objects.filter(
            applications_open__lte=today, applications_close__gte=today
        ).select_related("region")
        if any(path.startswith(campaign.region.path) for path in paths)
    ]
    curator = not user.is_superuser and api.region_paths(user, api.CURATOR)
    due = stages_due(user, today) if curator else []
    if not campaigns and not due:
        return None
    return EvaluationPanel(campaigns, due)


def results_panel(request):
    """The curator's campaign with the latest published results: each school's total score,
    the best CHARTED first (the results screen has the stage scores)."""
    user = request.user
    if user.is_superuser or not api.region_paths(user, api.CURATOR):
        return None
    campaign = (
        Campaign.objects.filter(
            region__in=api.curated_regions(user), results_published_at__isnull=False
        )
        .order_by("-results_published_at")
        .first()
    )
    if campaign is None:
        return None
    rows = scoring.results(campaign)[:CHARTED]
    chart = api.Chart(
        "results",
        _("Results of “%(title)s”") % {"title": campaign.title},
        "bar",
        [row.application.school.title for row in rows],
        [(_("Total score"), [float(row.total) for row in rows])],
        horizontal=True,
    )
    panel = api.ChartsPanel("evaluation_results", 160, _("Evaluation results"), [chart])
    return panel or None
