"""Public pages at a cost independent of the number of restricted pages.

Wagtail's ``PageQuerySet.public()`` loads every view restriction in the tree and adds one
clause per restricted page to the query (wagtail issue #14108). With a few private pages per
school a province has thousands: every listing then compiles thousands of clauses, and SQLite
refuses an expression deeper than 1,000. A page is private when it or one of its ancestors
has a view restriction, and its ancestors' paths are the prefixes of its own path, so the same
question is one NOT EXISTS over those prefixes, answered through the index on page paths. Only
the depths at which restrictions exist are probed (usually the depth of school content alone);
each process keeps them until a view restriction is added, changed or removed anywhere
(pages.invalidation), instead of asking for every listing of every page.
"""

from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from pages.invalidation import Kept

# Who may read unpublished titles during this request: a test on a page's path, set by the
# admin's school-boundary middleware (schools.isolation); outside a request (commands, the
# shell) there is no reader to protect from.
draft_reader = ContextVar("draft_reader", default=None)
_depths = Kept("view-restrictions", max_age=3600)


def may_read_draft(path):
    reader = draft_reader.get()
    return reader is None or reader(path)


def _restricted_depths():
    restricted = PageViewRestriction.objects.values("page_id")
    depths = Page.objects.filter(pk__in=restricted).order_by().values_list("depth", flat=True)
    return sorted(depths.distinct())  # without the ordering by path, which DISTINCT would keep


def forget_restrictions(**kwargs):
    _depths.forget()


def public(queryset):
    """``queryset.public()``, in one clause whatever the number of restrictions."""
    prefixes = Q()
    for depth in _depths.get(None, _restricted_depths):
        prefixes |= Q(page__path=Substr(OuterRef("path"), 1, depth * Page.steplen))
    if not prefixes:
        return queryset
    return queryset.exclude(Exists(PageViewRestriction.objects.filter(prefixes)))


def view_restrictions(page):
    """Wagtail's ``Page.get_view_restrictions`` in one query where it takes two (the ancestors
    with their aliases, then the restrictions): the restrictions on the page and its ancestors,
    found by the prefixes of its path, or on the pages those are aliases of."""
    steplen = Page.steplen
    chain = Page.objects.filter(
        path__in=[page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    )
    # One subquery (an alias stands for its original), not two joined by OR: SQLite would test
    # the OR for each of the province's restrictions (60 ms at 2,000 schools against 0.1).
    targets = chain.annotate(target=Coalesce("alias_of_id", "id")).values("target")
    return PageViewRestriction.objects.filter(page__in=targets)


class OneQueryRestrictions:
    """For the platform's page types: Wagtail's serve hook asks every page served."""

    def get_view_restrictions(self):
        return view_restrictions(self)


def public_in_order(ids):
    """Specific live, public pages for ``ids``, in that order: a query per page type."""
    pages = public(Page.objects.filter(pk__in=ids).live()).specific()
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]


def used_on_public_pages(obj):
    """Whether a live, public page uses ``obj`` (a document, say): Wagtail's reference index
    records what each page's row holds, which for a live page is its published content, so a
    file attached only to a draft does not count."""
    page_ids = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(obj),
        to_object_id=str(obj.pk),
    ).values_list("object_id", flat=True)
    return public(Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).live()).exists()


def media_used_by(pages, model):
    """{page id: [objects of ``model`` the page's content uses]} for ``pages``, from Wagtail's
    reference index: two queries whatever the number of pages (a school's yearly ledger
    gathers its documents this way, a compendium its pictures)."""
    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        object_id__in=[str(page.pk) for page in pages],
        to_content_type=ContentType.objects.get_for_model(model),
    ).values_list("object_id", "to_object_id")
    rows = list(rows.distinct())
    found = model.objects.in_bulk({int(to) for _page, to in rows if to.isdigit()})
    used = {page.pk: [] for page in pages}
    for page_id, to in sorted(rows):
        if to.isdigit() and int(to) in found:
            used[int(page_id)].append(found[int(to)])
    return used
