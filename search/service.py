"""The one search service behind the search page and the JSON API.

Three scopes (everything, a region, a school) are tree-path prefixes; filters and facets are
columns of SearchDocument, counted exactly in SQL. The number of queries does not depend on the
number of matches: the engine counts, ranks one page of hits and counts facets (search/engines/),
then a few queries name the regions, schools and activity types that appear.
"""

import html
import re
from dataclasses import dataclass, field
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from analysis import fold, parse_query, split_compounds
from pages.generations import GLOBAL, current_tokens
from pages.invalidation import current
from pages.models import (
    ActivityType,
    RegionPage,
    SchoolHomePage,
    TagName,
    canonical,
    edition_titles,
)
from search import facets
from search.engines import FACET_SIZE, Filters, engine
from search.indexing import INDEX_TOKEN
from search.models import SearchDocument

SORTS = ("relevance", "date")
PER_PAGE = 10
MAX_PAGE = 100
SNIPPET_LENGTH = 120


class BadSearchRequest(ValueError):
    """A parameter the visitor can fix; the message says how."""


@dataclass
class SearchRequest:
    q: str
    scope: Page | None = None  # a RegionPage or SchoolHomePage; None for everything
    language: str = settings.LANGUAGE_CODE  # whose documents: a page's edition in it
    kind: str = ""
    school: int | None = None
    region: str = ""  # a tree path below the scope
    activity_type: int | None = None
    tag: str = ""
    labels: dict = field(default_factory=dict)  # plugin search facet name -> value
    year: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

    def __post_init__(self):
        if self.language not in dict(settings.LANGUAGES):
            raise BadSearchRequest(_("Search in “zh-hans” or “en”."))
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
    split_from: str = ""  # the query as typed, when its compounds' parts were searched instead
    approximate: bool = False  # the facet counts are estimates (the total never is)
    # The answer's cache key and the generations it is fresh under (None: not kept), for a
    # rendering of it to be kept as long (search.views).
    kept_as: tuple | None = None

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


def _snippet_source(row, terms):
    """The text a hit's snippet is cut from: the body where a query term appears in it, else
    the summary where one does (a title match whose body never repeats the word), else the
    body, so a hit shows why it was found whenever its text says."""
    for text in (row.text, row.summary):
        if text and any(term in text.lower() for term in terms):
            return text
    return row.text or row.summary


def _filters(request):
    scope_path = request.scope.path if request.scope is not None else ""
    if request.scope is not None and request.scope.depth <= 2:
        scope_path = ""  # the province holds everything: no filter to apply
    if request.region or scope_path:
        level = request.region or scope_path
    else:
        level = (
            canonical(RegionPage.objects.filter(depth=2)).values_list("path", flat=True).first()
            or ""
        )
    return Filters(
        language=request.language,
        path=request.region or scope_path,
        kind=request.kind,
        school_id=request.school,
        activity_type_id=request.activity_type,
        year=request.year,
        tag=fold(request.tag) if request.tag else "",
        labels=tuple(sorted((name, value) for name, value in request.labels.items() if value)),
        region_level_path=level,
    )


def _label_facets(raw, language, approximate=False):
    """Facet counts from the engine, with the names (in ``language`` where translated) and
    parameter values visitors use; estimated counts say so (``approximate``)."""
    kinds = dict(SearchDocument.Kind.choices)
    schools = edition_titles(
        SchoolHomePage.objects.filter(pk__in=[value for value, _ in raw.get("school", [])]),
        language,
        "slug",
    )
    activity_types = {
        kind.pk: kind.name_in(language)
        for kind in ActivityType.objects.filter(
            pk__in=[value for value, _ in raw.get("activity_type", [])]
        ).only("name", "english_name")
    }
    tags = TagName.labels([value for value, _ in raw.get("tag", [])], language)
    regions = {
        path: (title, code)
        for title, path, code in edition_titles(
            RegionPage.objects.filter(path__in=[value for value, _ in raw.get("region", [])]),
            language,
            "path",
            "region_code",
        ).values()
    }

    def entry(value, label, count):
        found = {"value": value, "label": str(label), "count": count}
        return found | {"approximate": True} if approximate else found

    labelled = {name: [entry(v, v, c) for v, c in raw.get(name, [])] for name in facets.names()}
    return labelled | {
        "type": [entry(v, kinds[v], c) for v, c in raw.get("type", []) if v in kinds],
        "year": sorted((entry(v, v, c) for v, c in raw.get("year", [])), key=lambda e: -e["value"]),
        "school": [
            entry(schools[v][1], schools[v][0], c) for v, c in raw.get("school", []) if v in schools
        ],
        "activity_type": [
            entry(v, activity_types[v], c)
            for v, c in raw.get("activity_type", [])
            if v in activity_types
        ],
        "tag": [entry(v, tags[v], c) for v, c in raw.get("tag", [])],
        "region": [
            entry(regions[v][1], regions[v][0], c) for v, c in raw.get("region", []) if v in regions
        ][:FACET_SIZE],
    }


def _hits(page_ids, parsed):
    """Hits of one page, in the engine's order, with URLs, school and region names fetched for
    that page only."""
    rows = SearchDocument.objects.only(
        "page_id", "title", "kind", "date", "summary", "text"
    ).in_bulk(page_ids)  # not the long analysed columns
    pages = Page.objects.in_bulk(page_ids)
    ordered = [pages[pk] for pk in page_ids if pk in pages and pk in rows]
    SchoolHomePage.objects.attach_to(ordered)
    region_paths = {
        page.path[: Page.steplen * depth] for page in ordered for depth in range(2, page.depth)
    }
    regions = dict(RegionPage.objects.filter(path__in=region_paths).values_list("path", "title"))
    kinds = dict(SearchDocument.Kind.choices)
    hits = []
    for page in ordered:
        row = rows[page.pk]
        parents = [
            regions[page.path[: Page.steplen * d]]
            for d in range(page.depth - 1, 1, -1)
            if page.path[: Page.steplen * d] in regions
        ]
        hits.append(
            Hit(
                page_id=page.pk,
                title=row.title,
                kind=row.kind,
                kind_label=str(kinds[row.kind]),
                date=row.date,
                url=page.get_url(None),
                school=page.school.title if getattr(page, "school", None) else "",
                region=parents[0] if parents else "",
                snippet=snippet(_snippet_source(row, parsed.terms), parsed.terms),
            )
        )
    return hits


def count(request):
    """How many documents match, without ranking or facets (for suggestions)."""
    parsed = parse_query(request.q, request.language)
    return engine().count(parsed, _filters(request)) if parsed else 0


def _search_or_split(engine_, parsed, filters, *args, **kwargs):
    """The engine's result for ``parsed``; when that is nothing and the query holds compounds
    (红色教育), the result for their parts, with the query that found it."""
    result = engine_.search(parsed, filters, *args, **kwargs)
    if not result.total and (split := split_compounds(parsed)) is not None:
        fallback = engine_.search(split, filters, *args, **kwargs)
        if fallback.total:
            return fallback, split
    return result, parsed


def search(request):
    """Run a search; an empty or punctuation-only query returns an empty response. A query
    whose compounds find nothing is answered for their parts, and says so (``split_from``).
    The answer (total, hits, named facets) is kept in the default cache under the index's
    generation (search.indexing.INDEX_TOKEN), which every change to the documents renews, and
    the page tree's global one (pages.generations.GLOBAL: a region renamed, a Site, a tag's
    or an activity type's name), which the hits' and facets' names and URLs also come from: a
    repeated search costs no engine work and no query, and is never older than either. Above
    base.EXACT_FACETS_UP_TO matches the engine may estimate facet counts; each such count is
    marked ``approximate`` (the total is always exact)."""
    parsed = parse_query(request.q, request.language)
    response = SearchResponse(request=request, parsed=parsed)
    if not parsed:
        return response
    offset = (request.page - 1) * request.per_page
    engine_, filters, labels = engine(), _filters(request), facets.names()
    asked = (type(engine_).__name__, parsed.text, filters, request.sort, offset, request.per_page)
    asked += (labels,)
    key = f"search:{sha256(repr(asked).encode()).hexdigest()}"
    tokens = (current(INDEX_TOKEN), *current_tokens([GLOBAL]))
    found = cache.get(key) if None not in tokens else None
    if found is not None and found[0] == tokens:
        answer = found[1]
    else:
        answer = _answer(engine_, parsed, filters, request, offset, labels)
        if None not in tokens:
            cache.set(key, (tokens, answer), settings.SEARCH_CACHE_SECONDS)
    split, response.total, response.hits, response.facets, response.approximate = answer
    response.kept_as = (key, tokens) if None not in tokens else None
    if split is not None:
        response.parsed, response.split_from = split, parsed.text
    response.num_pages = -(-response.total // request.per_page)
    return response


def _answer(engine_, parsed, filters, request, offset, labels):
    result, used = _search_or_split(
        engine_, parsed, filters, request.sort, offset, request.per_page, labels=labels
    )
    named = result.total and _label_facets(result.facets, request.language, result.approximate)
    return (
        used if used is not parsed else None,
        result.total,
        _hits(result.page_ids, parsed),
        named or {},
        result.approximate,
    )


def ranked_ids(q, engine_, limit):
    """The first ``limit`` page ids ``engine_`` ranks for ``q`` over everything, as the search
    page orders them: for the relevance benchmark (bench/relevance.py) and its tests."""
    parsed = parse_query(q)
    if not parsed:
        return []
    result, _parsed = _search_or_split(
        engine_, parsed, Filters(), "relevance", 0, limit, facets=False
    )
    return result.page_ids
