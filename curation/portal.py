"""What a region's portal shows of its bureau's curation: featured work and adopted submissions,
each one bounded query whatever the number of schools (added to the portal by a hook)."""

from curation.models import Feature, Submission
from pages.visibility import public_in_order


def featured(region):
    """The brands and cases the region's curators feature today, in their order, each with
    ``feature_reason`` set."""
    features = list(
        Feature.objects.filter(region=region)
        .active()
        .values_list("page_id", "reason")[: Feature.MAX_ACTIVE]
    )
    pages = public_in_order([page_id for page_id, _reason in features])
    reasons = dict(features)
    for page in pages:
        page.feature_reason = reasons[page.pk]
    return pages


def adopted(region, limit):
    """The work this region's bureau adopted from submissions, newest decision first."""
    ids = Submission.objects.filter(region=region, status__in=Submission.ADOPTED).order_by(
        "-decided_at", "-pk"
    )
    pages = public_in_order(list(ids.values_list("page_id", flat=True)[: limit * 2]))
    return pages[:limit]
