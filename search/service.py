"""The one search service behind the search page and the JSON API.

Three scopes (everything, a region, a school) are tree-path prefixes; filters and facets are
columns of SearchDocument, counted exactly in SQL. The number of queries does not depend on the
number of matches: one count, one ranked page of hits, one query per facet, and a few to name
the regions, schools and activity types that appear.
"""

import html
import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from search.analysis import fold, parse_query
from search.engines import database_engine
from search.models import SearchDocument

SORTS = ("relevance", "date")
PER_PAGE = 10
MAX_PAGE = 100
FACET_SIZE = 20
SNIPPET_LENGTH = 120


class BadSearchRequest(ValueError):
    """A parameter the visitor can fix; the message says how."""


@dataclass
class SearchRequest:
    q: str
    scope: Page | None = None  # a RegionPage or SchoolHomePage; None for everything
    kind: str = ""
    school: int | None = None
    region: str = ""  # a tree path below the scope
    activity_type: int | None = None
    tag: str = ""
    year: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

    def __post_init__(self):
        if self.kind and self.kind not in SearchDocument.Kind.values:
            raise BadSearchRequest(_("Unknown content type “%(kind)s”.") % {"kind": self.kind})
        if self.sort not in SORTS:
            raise BadSearchRequest(_("Sort by “relevance” or “date”."))
        if not 1 <= self.page <= MAX_PAGE:
            raise BadSearchRequest(_("Pages go from 1 to %(max)d.") % {"max": MAX_PAGE})


@dataclass
class Hit:
    page_id: int
    title: str
    kind: str
    kind_label: str
    date: object
    url: str
    school: str
    region: str
    snippet: str


@dataclass
class SearchResponse:
    request: SearchRequest
    parsed: object
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    num_pages: int = 0

    @property
    def empty(self):
        return self.total == 0


def snippet(text, terms, length=SNIPPET_LENGTH):
    """Escaped text around the first matching term, with every match in <mark>."""
    if not text:
        return ""
    lowered = text.lower()
    positions = [lowered.find(term) for term in terms if term and lowered.find(term) >= 0]
    start = max(0, min(positions) - length // 4) if positions else 0
    window = text[start : start + length]
    escaped = html.escape(window)
    if terms:
        pattern = "|".join(re.escape(html.escape(term)) for term in terms)
        escaped = re.sub(f"({pattern})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return prefix + escaped + suffix


def _scoped(request):
    documents = SearchDocument.objects.all()
    if request.scope is not None:
        documents = documents.filter(path__startswith=request.scope.path)
    if request.region:
        documents = documents.filter(path__startswith=request.region)
    if request.kind:
        documents = documents.filter(kind=request.kind)
    if request.school:
        documents = documents.filter(school_id=request.school)
    if request.activity_type:
        documents = documents.filter(activity_type_id=request.activity_type)
    if request.year:
        documents = documents.filter(year=request.year)
    if request.tag:
        documents = documents.filter(tags__name=fold(request.tag))
    return documents


def _facets(documents, request):
    from pages.models import ActivityType, RegionPage, SchoolHomePage

    def counted(field_name):
        return list(
            documents.order_by()
            .values(field_name)
            .annotate(count=Count("pk", distinct=True))
            .filter(**{f"{field_name}__isnull": False})
            .order_by("-count", field_name)[:FACET_SIZE]
        )

    facets = {}
    kinds = dict(SearchDocument.Kind.choices)
    facets["type"] = [
        {"value": row["kind"], "label": str(kinds[row["kind"]]), "count": row["count"]}
        for row in counted("kind")
    ]
    facets["year"] = [
        {"value": row["year"], "label": str(row["year"]), "count": row["count"]}
        for row in sorted(counted("year"), key=lambda row: -row["year"])
    ]
    schools = counted("school_id")
    names = {
        pk: (title, slug)
        for pk, title, slug in SchoolHomePage.objects.filter(
            pk__in=[r["school_id"] for r in schools]
        ).values_list("pk", "title", "slug")
    }
    facets["school"] = [
        {"value": names[r["school_id"]][1], "label": names[r["school_id"]][0], "count": r["count"]}
        for r in schools
        if r["school_id"] in names
    ]
    types = counted("activity_type_id")
    type_names = dict(
        ActivityType.objects.filter(pk__in=[r["activity_type_id"] for r in types]).values_list(
            "pk", "name"
        )
    )
    facets["activity_type"] = [
        {
            "value": r["activity_type_id"],
            "label": type_names.get(r["activity_type_id"], ""),
            "count": r["count"],
        }
        for r in types
    ]
    facets["tag"] = [
        {"value": r["tags__name"], "label": r["tags__name"], "count": r["count"]}
        for r in counted("tags__name")
    ]
    if request.region or request.scope is not None:
        base = request.region or request.scope.path
    else:
        base = RegionPage.objects.filter(depth=2).values_list("path", flat=True).first() or ""
    prefix_length = len(base) + Page.steplen
    regions = list(
        documents.order_by()
        .annotate(prefix=Substr("path", 1, prefix_length))
        .values("prefix")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count")[: FACET_SIZE * 2]
    )
    region_names = {
        path: (title, code)
        for path, title, code in RegionPage.objects.filter(
            path__in=[r["prefix"] for r in regions]
        ).values_list("path", "title", "region_code")
    }
    facets["region"] = [
        {
            "value": region_names[r["prefix"]][1],
            "label": region_names[r["prefix"]][0],
            "count": r["count"],
        }
        for r in regions
        if r["prefix"] in region_names
    ][:FACET_SIZE]
    return facets


def _hits(documents, parsed, request):
    """Hits of one page, with URLs, school and region names fetched for that page only."""
    from pages.models import RegionPage
    from pages.portal import attach_schools

    rows = list(documents)
    pages = {page.pk: page for page in Page.objects.filter(pk__in=[r.page_id for r in rows])}
    ordered = [pages[row.page_id] for row in rows if row.page_id in pages]
    attach_schools(ordered)
    region_paths = {
        page.path[: Page.steplen * depth] for page in ordered for depth in range(2, page.depth)
    }
    regions = dict(RegionPage.objects.filter(path__in=region_paths).values_list("path", "title"))
    kinds = dict(SearchDocument.Kind.choices)
    terms = parsed.terms
    hits = []
    for row in rows:
        page = pages.get(row.page_id)
        if page is None:
            continue
        parents = [
            regions[page.path[: Page.steplen * d]]
            for d in range(page.depth - 1, 1, -1)
            if page.path[: Page.steplen * d] in regions
        ]
        hits.append(
            Hit(
                page_id=row.page_id,
                title=row.title,
                kind=row.kind,
                kind_label=str(kinds[row.kind]),
                date=row.date,
                url=page.get_url(None),
                school=page.school.title if getattr(page, "school", None) else "",
                region=parents[0] if parents else "",
                snippet=snippet(row.text or row.summary, terms),
            )
        )
    return hits


def count(request):
    """How many documents match, without ranking or facets (for suggestions)."""
    parsed = parse_query(request.q)
    if not parsed:
        return 0
    return database_engine().match(_scoped(request), parsed).order_by().count()


def search(request):
    """Run a search; an empty or punctuation-only query returns an empty response."""
    parsed = parse_query(request.q)
    response = SearchResponse(request=request, parsed=parsed)
    if not parsed:
        return response
    documents = database_engine().match(_scoped(request), parsed)
    response.total = documents.order_by().count()
    if not response.total:
        return response
    paginator = Paginator(range(response.total), request.per_page)
    response.num_pages = paginator.num_pages
    ordering = ("-score", "-date") if request.sort == "relevance" else ("-date", "-score")
    start = (request.page - 1) * request.per_page
    page_rows = documents.only("page_id", "title", "kind", "date", "summary", "text")
    page_rows = page_rows.order_by(*ordering, "page_id")[start : start + request.per_page]
    response.hits = _hits(page_rows, parsed, request)
    response.facets = _facets(documents, request)
    return response
