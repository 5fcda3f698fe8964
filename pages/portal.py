"""Region portal queries: each is one bounded SQL query, whatever the number of schools.

Region pages aggregate the content of every school below them; a per-school loop would make
a province of 10,000 schools unusable, so everything here works on tree paths instead.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import Substr
from wagtail.models import Page

from pages.visibility import public


def _models():
    from pages.models import (
        ActivityReportPage,
        ColumnPostPage,
        ExemplarCasePage,
        RegionPage,
        SchoolHomePage,
    )

    return {
        "columnpostpage": ColumnPostPage,
        "activityreportpage": ActivityReportPage,
        "exemplarcasepage": ExemplarCasePage,
        "regionpage": RegionPage,
        "schoolhomepage": SchoolHomePage,
    }


def attach_schools(pages):
    """Set ``page.school`` on each page with a single query, from the pages' tree paths."""
    if not pages:
        return pages
    school_model = _models()["schoolhomepage"]
    steplen = Page.steplen
    prefixes = {
        page.path[: steplen * depth] for page in pages for depth in range(2, page.depth + 1)
    }
    schools = {
        school.path: school
        for school in school_model.objects.filter(path__in=prefixes).only(
            "title", "full_name", "path", "depth", "url_path", "slug"
        )
    }
    for page in pages:
        page.school = next(
            (
                schools[page.path[: steplen * depth]]
                for depth in range(page.depth, 1, -1)
                if page.path[: steplen * depth] in schools
            ),
            None,
        )
    return pages


def schools_below(region):
    return (
        _models()["schoolhomepage"]
        .objects.live()
        .descendant_of(region)
        .select_related("logo")
        .prefetch_related("logo__renditions")
        .order_by("path")
    )


def sub_regions_with_counts(region):
    """Child regions, each with ``school_count``: two queries for any number of schools."""
    models = _models()
    children = list(models["regionpage"].objects.child_of(region).live().order_by("path"))
    if not children:
        return children
    prefix_length = Page.steplen * (region.depth + 1)
    counts = dict(
        models["schoolhomepage"]
        .objects.live()
        .descendant_of(region)
        .order_by()
        .annotate(prefix=Substr("path", 1, prefix_length))
        .values_list("prefix")
        .annotate(count=Count("pk"))
        .values_list("prefix", "count")
    )
    for child in children:
        child.school_count = counts.get(child.path, 0)
    return children


def statistics(region):
    """How many schools, posts, reports and cases are live below the region: one query."""
    models = _models()
    names = ("schoolhomepage", "columnpostpage", "activityreportpage", "exemplarcasepage")
    content_types = ContentType.objects.get_for_models(*(models[name] for name in names))
    type_ids = {content_types[models[name]].pk: name for name in names}
    counts = dict(
        Page.objects.live()
        .descendant_of(region)
        .filter(content_type_id__in=type_ids)
        .order_by()
        .values_list("content_type_id")
        .annotate(count=Count("pk"))
        .values_list("content_type_id", "count")
    )
    return {name: counts.get(type_id, 0) for type_id, name in type_ids.items()}


def live_public_in_order(ids):
    """Specific live, public pages for ``ids``, in that order: a query per page type."""
    pages = public(Page.objects.filter(pk__in=ids).live()).specific()
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]
