"""The evaluation reviewer's work queue on the dashboard: the reviews they owe, each with its
campaign, school and the day the review closes, the most urgent first. A review is owed
while it is assigned, not yet submitted and can still be given (its campaign's review has
not closed)."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from plugins.evaluation import procedure

SHOWN = 20


class ReviewQueuePanel(Component):
    name = "evaluation_review_queue"
    order = 140
    template_name = "evaluation/admin/review_queue_panel.html"

    def __init__(self, owed, total):
        self.owed, self.total = owed, total

    def get_context_data(self, parent_context=None):
        return {"owed": self.owed, "total": self.total, "more": self.total - len(self.owed)}


def owed_reviews(user, today=None):
    today = today or timezone.localdate()
    return (
        procedure.assignments_of(user)
        .filter(
            submitted_at__isnull=True,
            application__signed_off_at__isnull=False,
            application__campaign__review_close__gte=today,
            application__campaign__results_published_at__isnull=True,
        )
        .order_by("application__campaign__review_close", "application__school__title", "pk")
    )


def review_queue_panel(request):
    owed = owed_reviews(request.user)
    shown = list(owed[:SHOWN])
    if not shown:
        return None
    return ReviewQueuePanel(shown, owed.count())
