"""Search engines: full-text matching, ranking and facet counting inside the engine.

Every engine answers the same question with the same index contract (SearchDocument, whose
``tokens`` are already analysed): given a ParsedQuery and filters, return the total, one page of
page ids in order, and raw facet counts. The database engines rank inside the database (FTS5
bm25, PostgreSQL ts_rank) so a common term over tens of thousands of matches is still one
indexed query; the remote engine (Elasticsearch 8 or OpenSearch 2) mirrors the same documents.

A Han term matches as the word the segmenter produced; a word the dictionary does not know also
matches as the phrase of its characters (every Han character is indexed on its own, in order),
so it is found inside a long run of characters whatever the segmenter made of that run. Tokens
never contain quotes or operators (see analysis.WORD), so they are safe inside query syntax.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from wagtail.models import Page

from search.analysis import HAN, is_known_word

logger = logging.getLogger(__name__)
FACET_SIZE = 20


@dataclass
class Filters:
    """Where to search: a tree-path prefix and exact column values."""

    path: str = ""
    kind: str = ""
    school_id: int | None = None
    activity_type_id: int | None = None
    year: int | None = None
    tag: str = ""
    labels: tuple = ()  # (plugin facet, value) pairs
    region_level_path: str = ""  # facet regions one level below this path

    @property
    def narrowing(self):
        """True when something other than the text narrows the search."""
        return any(
            (
                self.path,
                self.kind,
                self.school_id,
                self.activity_type_id,
                self.year,
                self.tag,
                self.labels,
            )
        )


def facet_names():
    """The search facets enabled plugins add (values kept in SearchTag under their name)."""
    from cms import plugin_loader

    return [facet.name for facet, _values in plugin_loader.search_facets()]


@dataclass
class EngineResult:
    total: int = 0
    page_ids: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # name -> [(value, count)]


def alternatives(term):
    """How a query term may appear in the index: as its token and, for a Han word the
    dictionary does not know (a name, a new coinage), also as the phrase of its characters."""
    found = [(term,)]
    if HAN.search(term) and len(term) > 1 and not is_known_word(term):
        found.append(tuple(term))
    return found


class DatabaseEngine:
    """Search in the database with two statements: one ranked page of hits, and one pass that
    counts the total and every facet from a single materialised set of matches (the full-text
    match, the costly part, runs once). Subclasses give the engine's match and score SQL."""

    facet_groups = "GROUP BY kind, year, school_id, activity_type_id"

    def _where(self, filters):
        clauses, params = [], []
        if filters.path:
            clauses.append("d.path LIKE %s")
            params.append(filters.path + "%")
        for column, value in (
            ("kind", filters.kind),
            ("school_id", filters.school_id),
            ("activity_type_id", filters.activity_type_id),
            ("year", filters.year),
        ):
            if value:
                clauses.append(f"d.{column} = %s")
                params.append(value)
        for facet, value in ([("", filters.tag)] if filters.tag else []) + list(filters.labels):
            clauses.append(
                "EXISTS (SELECT 1 FROM search_searchtag t"
                " WHERE t.document_id = d.page_id AND t.facet = %s AND t.name = %s)"
            )
            params += [facet, value]
        return "".join(f" AND {clause}" for clause in clauses), params

    def _run(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self, parsed, filters):
        source, match_params, *_ = self.match_sql(parsed, joined=filters.narrowing)
        where, params = self._where(filters)
        return self._run(f"SELECT count(*) {source}{where}", match_params + params)[0][0]

    def search(self, parsed, filters, sort, offset, limit, facets=True):
        where, params = self._where(filters)
        result = EngineResult()
        if facets:
            source, match_params, *_ = self.match_sql(parsed, joined=True)
            result.total, result.facets = self._facets(source, match_params, where, params, filters)
        else:
            result.total = self.count(parsed, filters)
        if not result.total:
            return result
        joined = filters.narrowing or sort == "date"
        source, match_params, score, score_params, id_column = self.match_sql(parsed, joined)
        if sort == "date":
            order = "d.date DESC, score DESC, d.page_id"
        else:
            order = "score DESC, d.date DESC, d.page_id" if joined else "score DESC"
        rows = self._run(
            f"SELECT {id_column}, {score} AS score {source}{where}"
            f" ORDER BY {order} LIMIT %s OFFSET %s",
            score_params + match_params + params + [limit, offset],
        )
        result.page_ids = [row[0] for row in rows]
        return result

    def _facets(self, source, match_params, where, params, filters):
        """The total and every facet from one pass: the matches grouped by every facet column
        (all at once, or by grouping sets where the engine has them), then summed per facet
        here; the total is the sum over the type groups. Regions come from the schools' tree
        paths; tags and plugin facet values, many per document, from a second statement over
        the same materialised matches."""
        sql = (
            "WITH m AS MATERIALIZED (SELECT d.page_id, d.kind, d.year, d.school_id,"
            f" d.activity_type_id {source}{where})"
            " SELECT 0, kind, year, school_id, activity_type_id, count(*) FROM m"
            f" {self.facet_groups}"
            " UNION ALL SELECT 1, t.facet || '|' || t.name, NULL, NULL, NULL, count(*) FROM m"
            " JOIN search_searchtag t ON t.document_id = m.page_id GROUP BY t.facet, t.name"
        )
        names = ("type", "year", "school", "activity_type")
        counts = {name: Counter() for name in (*names, "tag", "region", *facet_names())}
        total = 0
        for is_tag, *values, count in self._run(sql, match_params + params):
            if is_tag:
                facet, _bar, value = values[0].partition("|")
                if (facet or "tag") in counts:
                    counts[facet or "tag"][value] += count
                continue
            if values[0] is not None:
                total += count
            for name, value in zip(names, values, strict=True):
                if value is not None:
                    counts[name][value] += count
        length = len(filters.region_level_path) + Page.steplen
        school_paths = Page.objects.filter(pk__in=list(counts["school"])).values_list("pk", "path")
        for school_id, path in school_paths:
            if len(path) >= length and path.startswith(filters.region_level_path):
                counts["region"][path[:length]] += counts["school"][school_id]
        facets = {
            name: sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))[:FACET_SIZE]
            for name, counter in counts.items()
        }
        return total, facets


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

    def match_sql(self, parsed, joined):
        """Without filters or date order the FTS table alone answers: no join at all. With
        them, matches are joined through the narrow covering index (named, since SQLite
        would otherwise pick the wide table when it has no statistics)."""
        if joined:
            source = (
                "FROM search_fts JOIN search_searchdocument d INDEXED BY search_document_facets"
                " ON d.page_id = search_fts.rowid WHERE search_fts MATCH %s"
            )
        else:
            source = "FROM search_fts WHERE search_fts MATCH %s"
        column = "d.page_id" if joined else "search_fts.rowid"
        return source, [self.expression(parsed)], "-bm25(search_fts)", [], column


class PostgresEngine(DatabaseEngine):
    """Words and single characters live in two vectors (see migration 0004): a word matches
    in ``words``, a character or the character phrase of an unknown word in ``characters``.
    Ranking is on the words; a query made only of unknown names ranks on its characters."""

    name = "postgresql"
    facet_groups = "GROUP BY GROUPING SETS ((kind), (year), (school_id), (activity_type_id))"

    @staticmethod
    def _tsquery(alternatives_):
        return " | ".join(" <-> ".join(f"'{token}'" for token in alt) for alt in alternatives_)

    def _split(self, group):
        words, characters = [], []
        for term in group:
            for alt in alternatives(term):
                (characters if len(alt) > 1 or HAN.fullmatch(alt[0]) else words).append(alt)
        return words, characters

    def match_sql(self, parsed, joined):
        clauses, params, ranked_words, ranked_characters = [], [], [], []
        for group in parsed.groups:
            words, characters = self._split(group)
            either = []
            if words:
                either.append("d.words @@ to_tsquery('simple', %s)")
                params.append(self._tsquery(words))
                ranked_words.extend(words)
            if characters:
                either.append("d.characters @@ to_tsquery('simple', %s)")
                params.append(self._tsquery(characters))
                ranked_characters.extend(characters)
            clauses.append("(" + " OR ".join(either) + ")")
        source = "FROM search_searchdocument d WHERE " + " AND ".join(clauses)
        vector, ranked = ("words", ranked_words)
        if not ranked_words:
            vector, ranked = "characters", ranked_characters
        score = f"ts_rank(d.{vector}, to_tsquery('simple', %s))"
        return source, params, score, [self._tsquery(ranked)], "d.page_id"


def database_engine():
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SQLiteEngine()
    raise RuntimeError(f"No search engine for the {connection.vendor} database.")


def remote_engine():
    """The Elasticsearch / OpenSearch engine when SEARCH_URL names one, else None."""
    if not settings.SEARCH_URL:
        return None
    from search.remote import RemoteEngine

    return RemoteEngine.configured()


def engine():
    """The remote engine when SEARCH_URL names one, else the database's own."""
    return remote_engine() or database_engine()
