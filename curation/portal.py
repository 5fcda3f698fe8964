"""What a region's portal shows of its bureau's curation: featured work and adopted submissions,
each one bounded query whatever the number of schools (added to the portal by a hook)."""

from django.db.models import prefetch_related_objects

from curation.models import Feature, Submission
from pages.models import BrandPage, ExemplarCasePage
from pages.visibility import public_in_order


def featured(region):
    """The brands and cases the region's curators feature today, in their order, each with
    ``feature_reason`` set and its picture (brand logo, case cover) fetched with the rest; not
    its renditions, as the portal keeps this list (pages.fragments) and Wagtail's rendition
    cache holds them."""
    features = list(
        Feature.objects.filter(region=region)
        .active()
        .values_list("page_id", "reason")[: Feature.MAX_ACTIVE]
    )
    pages = public_in_order([page_id for page_id, _reason in features])
    for model, picture in ((BrandPage, "logo"), (ExemplarCasePage, "cover")):
        of_model = [page for page in pages if isinstance(page, model)]
        prefetch_related_objects(of_model, picture)
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
