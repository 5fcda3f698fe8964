"""The evaluation reviewer's work queue on the dashboard: the reviews they owe, each with its
campaign, school and the day the review closes, the most urgent first. A review is owed
while it is assigned, not yet submitted and can still be given (its campaign's review has
not closed)."""

from django.utils import timezone

from plugins import api
from plugins.evaluation import procedure

SHOWN = 20


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
    total = owed.count()
    return api.QueuePanel(
        "evaluation_review_queue",
        140,
        "evaluation/admin/review_queue_panel.html",
        {"owed": shown, "total": total, "more": total - len(shown)},
    )
