"""Search engines: full-text matching, ranking and facet counting inside the engine.

Every engine answers the same question with the same index contract (SearchDocument, whose
``tokens`` are already analysed): given a ParsedQuery and filters, return the total, one page of
page ids in order, and raw facet counts. The database engines rank inside the database (FTS5
bm25, PostgreSQL ts_rank) so a common term over tens of thousands of matches is still one
indexed query; the remote engine (Elasticsearch 8 or OpenSearch 2) mirrors the same documents.

A Han term matches as the word the segmenter produced or as the phrase of its characters
(every Han character is also indexed on its own, in order), so a word inside a long run of
characters is found whatever the segmenter made of that run. Tokens never contain quotes or
operators (see analysis.WORD), so they are safe inside engine query syntax.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.db.models.functions import Substr
from wagtail.models import Page

from search.analysis import HAN
from search.models import SearchDocument

logger = logging.getLogger(__name__)
FACET_SIZE = 20
FACET_FIELDS = {
    "type": "kind",
    "year": "year",
    "school": "school_id",
    "activity_type": "activity_type_id",
    "tag": "tags__name",
}


@dataclass
class Filters:
    """Where to search: a tree-path prefix and exact column values."""

    path: str = ""
    kind: str = ""
    school_id: int | None = None
    activity_type_id: int | None = None
    year: int | None = None
    tag: str = ""
    region_level_path: str = ""  # facet regions one level below this path


@dataclass
class EngineResult:
    total: int = 0
    page_ids: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # name -> [(value, count)]


def alternatives(term):
    found = [(term,)]
    if HAN.search(term) and len(term) > 1:
        found.append(tuple(term))
    return found


class DatabaseEngine:
    """Shared ORM part of the SQLite and PostgreSQL engines; subclasses add ``match``."""

    def filtered(self, filters):
        documents = SearchDocument.objects.all()
        if filters.path:
            documents = documents.filter(path__startswith=filters.path)
        if filters.kind:
            documents = documents.filter(kind=filters.kind)
        if filters.school_id:
            documents = documents.filter(school_id=filters.school_id)
        if filters.activity_type_id:
            documents = documents.filter(activity_type_id=filters.activity_type_id)
        if filters.year:
            documents = documents.filter(year=filters.year)
        if filters.tag:
            documents = documents.filter(tags__name=filters.tag)
        return documents

    def count(self, parsed, filters):
        return self.match(self.filtered(filters), parsed).order_by().count()

    def search(self, parsed, filters, sort, offset, limit, facets=True):
        documents = self.match(self.filtered(filters), parsed)
        result = EngineResult(total=documents.order_by().count())
        if not result.total:
            return result
        ordering = ("-score", "-date") if sort == "relevance" else ("-date", "-score")
        result.page_ids = list(
            documents.order_by(*ordering, "page_id").values_list("page_id", flat=True)[
                offset : offset + limit
            ]
        )
        if facets:
            result.facets = self._facets(documents, filters)
        return result

    def _facets(self, documents, filters):
        facets = {}
        for name, column in FACET_FIELDS.items():
            rows = (
                documents.order_by()
                .filter(**{f"{column}__isnull": False})
                .values(column)
                .annotate(count=Count("pk", distinct=True))
                .order_by("-count", column)[:FACET_SIZE]
            )
            facets[name] = [(row[column], row["count"]) for row in rows]
        length = len(filters.region_level_path) + Page.steplen
        rows = (
            documents.order_by()
            .filter(path__startswith=filters.region_level_path)
            .annotate(prefix=Substr("path", 1, length))
            .values("prefix")
            .annotate(count=Count("pk", distinct=True))
            .order_by("-count")
        )
        facets["region"] = [
            (row["prefix"], row["count"]) for row in rows if len(row["prefix"]) == length
        ]
        return facets


class SQLiteEngine(DatabaseEngine):
    name = "sqlite-fts5"

    @staticmethod
    def expression(parsed):
        def phrase(tokens):
            return '"' + " ".join(tokens) + '"'

        return " AND ".join(
            "(" + " OR ".join(phrase(alt) for term in group for alt in alternatives(term)) + ")"
            for group in parsed.groups
        )

    def match(self, queryset, parsed):
        return queryset.extra(
            tables=["search_fts"],
            where=["search_fts.rowid = search_searchdocument.page_id", "search_fts MATCH %s"],
            params=[self.expression(parsed)],
            select={"score": "-bm25(search_fts)"},
        )


class PostgresEngine(DatabaseEngine):
    name = "postgresql"

    @staticmethod
    def expression(parsed):
        def phrase(tokens):
            return " <-> ".join(f"'{token}'" for token in tokens)

        return " & ".join(
            "(" + " | ".join(phrase(alt) for term in group for alt in alternatives(term)) + ")"
            for group in parsed.groups
        )

    def match(self, queryset, parsed):
        expression = self.expression(parsed)
        return queryset.extra(
            where=["search_searchdocument.tsv @@ to_tsquery('simple', %s)"],
            params=[expression],
            select={"score": "ts_rank(search_searchdocument.tsv, to_tsquery('simple', %s))"},
            select_params=[expression],
        )


def database_engine():
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SQLiteEngine()
    raise RuntimeError(f"No search engine for the {connection.vendor} database.")


def engine():
    """The remote engine when SEARCH_URL names one, else the database's own."""
    if settings.SEARCH_URL:
        from search.remote import RemoteEngine

        return RemoteEngine.configured()
    return database_engine()
