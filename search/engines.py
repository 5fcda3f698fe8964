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
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
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
    """Search in the database. Relevance has two tiers, so that no statement ranks every match
    of a common word: matches whose head (the words of the title and tags) holds a query word
    come first, ranked by how well the head matches; the other matches follow newest first.
    The total and every facet are counted from the matches inside the engine. Subclasses give
    the engine's SQL for matching, the head and its score."""

    facet_groups = "GROUP BY kind, year, school_id, activity_type_id"
    order_by_date = "d.date DESC NULLS LAST, d.page_id DESC"

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
        source, match_params = self.match_sql(parsed, joined=filters.narrowing)
        where, params = self._where(filters)
        return self._run(f"SELECT count(*) {source}{where}", match_params + params)[0][0]

    def search(self, parsed, filters, sort, offset, limit, facets=True):
        where, params = self._where(filters)
        result = EngineResult()
        if facets:
            result.total, result.facets = self._facets(parsed, filters, where, params)
        else:
            result.total = self.count(parsed, filters)
        if not result.total:
            return result
        if sort == "date":
            result.page_ids = self._by_date(parsed, where, params, offset, limit)
        else:
            result.page_ids = self._by_relevance(parsed, where, params, offset, limit)
        return result

    def _by_relevance(self, parsed, where, params, offset, limit):
        """The page's head matches carry their number (a window count, so one statement ranks
        and counts); it is counted apart only for a page that lies past all of them."""
        source, head_params = self.head_sql(parsed)
        score, score_params = self.head_score(parsed)
        rows = self._run(
            "SELECT d.page_id, count(*) OVER () FROM"
            f" (SELECT d.page_id, d.date, {score} AS score {source}{where}) d"
            f" ORDER BY d.score DESC, {self.order_by_date} LIMIT %s OFFSET %s",
            score_params + head_params + params + [limit, offset],
        )
        page_ids = [page_id for page_id, _in_head in rows]
        if rows:
            in_head = rows[0][1]
        elif offset:
            in_head = self._run(f"SELECT count(*) {source}{where}", head_params + params)[0][0]
        else:
            in_head = 0
        if len(page_ids) < limit:
            page_ids += self._by_date(
                parsed, where, params, max(0, offset - in_head), limit - len(page_ids), True
            )
        return page_ids

    def _by_date(self, parsed, where, params, offset, limit, outside_head=False):
        source, match_params = self.match_sql(parsed, joined=True)
        condition, condition_params = self.outside_head(parsed) if outside_head else ("", [])
        return [
            row[0]
            for row in self._run(
                f"SELECT d.page_id {source}{condition}{where}"
                f" ORDER BY {self.order_by_date} LIMIT %s OFFSET %s",
                match_params + condition_params + params + [limit, offset],
            )
        ]

    def _facet_rows(self, parsed, filters, where, params):
        """Rows of (is_tag, kind or facet|value, year, school, activity type, count), counted
        from the matches materialised once."""
        source, match_params = self.match_sql(parsed, joined=True)
        return self._run(
            "WITH m AS MATERIALIZED (SELECT d.page_id, d.kind, d.year, d.school_id,"
            f" d.activity_type_id {source}{where})"
            " SELECT 0, kind, year, school_id, activity_type_id, count(*) FROM m"
            f" {self.facet_groups}"
            " UNION ALL SELECT 1, t.facet || '|' || t.name, NULL, NULL, NULL, count(*) FROM m"
            " JOIN search_searchtag t ON t.document_id = m.page_id GROUP BY t.facet, t.name",
            match_params + params,
        )

    def _facets(self, parsed, filters, where, params):
        """The total and every facet: the matches grouped by every facet column (all at once,
        or by grouping sets where the engine has them), then summed per facet here; the total
        is the sum over the type groups. Regions come from the schools' tree paths; tags and
        plugin facet values, many per document, are counted apart."""
        names = ("type", "year", "school", "activity_type")
        counts = {name: Counter() for name in (*names, "tag", "region", *facet_names())}
        total = 0
        for is_tag, *values, count in self._facet_rows(parsed, filters, where, params):
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


def _fts_expression(groups):
    """An FTS5 expression requiring one alternative of every group."""

    def phrase(tokens):
        return '"' + " ".join(tokens) + '"'

    return " AND ".join(
        "(" + " OR ".join(phrase(alt) for term in group for alt in alternatives(term)) + ")"
        for group in groups
    )


def _any_term(parsed):
    """One group holding every term: a head matches when it holds any query word."""
    return (tuple(term for group in parsed.groups for term in group),)


class SQLiteEngine(DatabaseEngine):
    name = "sqlite-fts5"
    # Above this many matches, reading the facet-ordered indexes whole is cheaper than
    # joining and sorting every match.
    GROUPS_INDEX_ABOVE = 20_000

    def match_sql(self, parsed, joined):
        """Without filters the FTS table alone counts. Otherwise matches are joined through
        the narrow covering index (named, since SQLite would otherwise pick the wide table
        when it has no statistics)."""
        expression = [_fts_expression(parsed.groups)]
        if not joined:
            return "FROM search_fts WHERE search_fts MATCH %s", expression
        return (
            "FROM search_fts JOIN search_searchdocument d INDEXED BY search_document_facets"
            " ON d.page_id = search_fts.rowid WHERE search_fts MATCH %s",
            expression,
        )

    def head_sql(self, parsed):
        """Head matches through the head's own FTS table; with several query groups the whole
        query must match too. A single group that matches the head matches the document,
        whose tokens hold the head's words."""
        source = (
            "FROM search_head_fts JOIN search_searchdocument d INDEXED BY search_document_facets"
            " ON d.page_id = search_head_fts.rowid WHERE search_head_fts MATCH %s"
        )
        params = [_fts_expression(_any_term(parsed))]
        if len(parsed.groups) > 1:
            source += " AND d.page_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
            params.append(_fts_expression(parsed.groups))
        return source, params

    def head_score(self, parsed):
        return "-bm25(search_head_fts)", []

    def outside_head(self, parsed):
        return (
            " AND d.page_id NOT IN"
            " (SELECT rowid FROM search_head_fts WHERE search_head_fts MATCH %s)",
            [_fts_expression(_any_term(parsed))],
        )

    def _facet_rows(self, parsed, filters, where, params):
        """Without filters, a word found in many documents is counted by reading the facet-
        and tag-ordered indexes once each, probing the set of matches, instead of joining and
        sorting every match; filtered searches join the (fewer) matches in scope."""
        expression = _fts_expression(parsed.groups)
        matches = "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s"
        if filters.narrowing or self._run(matches, [expression])[0][0] <= self.GROUPS_INDEX_ABOVE:
            return super()._facet_rows(parsed, filters, where, params)
        in_matches = "IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        groups = self._run(
            "SELECT 0, kind, year, school_id, activity_type_id, count(*)"
            " FROM search_searchdocument d INDEXED BY search_document_groups"
            f" WHERE +d.page_id {in_matches} GROUP BY school_id, kind, year, activity_type_id",
            [expression],
        )
        tags = self._run(
            "SELECT 1, t.facet || '|' || t.name, NULL, NULL, NULL, count(*)"
            " FROM search_searchtag t INDEXED BY search_tag_groups"
            f" WHERE +t.document_id {in_matches} GROUP BY t.facet, t.name",
            [expression],
        )
        return groups + tags


class PostgresEngine(DatabaseEngine):
    """Words and single characters live in two vectors (see migration 0004): a word matches
    in ``words``, a character or the character phrase of an unknown word in ``characters``.
    Both are stored out of line and only the small head inline (migration 0007), so every
    statement matches through the GIN indexes and never reads the long vectors row by row: a
    sequential scan that detoasted the words of every row is what the planner would otherwise
    pick for a word found almost everywhere."""

    name = "postgresql"
    facet_groups = "GROUP BY GROUPING SETS ((kind), (year), (school_id), (activity_type_id))"

    def count(self, parsed, filters):
        with self._through_indexes():
            return super().count(parsed, filters)

    def search(self, parsed, filters, sort, offset, limit, facets=True):
        with self._through_indexes():
            return super().search(parsed, filters, sort, offset, limit, facets)

    @contextmanager
    def _through_indexes(self):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL work_mem = '32MB'")  # the matches' facet columns
            yield

    def _facet_rows(self, parsed, filters, where, params):
        """Two passes over the matches, both through the GIN index: the facet columns by
        grouping sets, and the labels kept in each row. Materialising the matches once for
        both, or joining them with search_searchtag, cost more than reading them twice."""
        condition, match_params = self._match(parsed)
        return self._run(
            "SELECT 0, kind, year, school_id, activity_type_id, count(*)"
            f" FROM search_searchdocument d WHERE {condition}{where} {self.facet_groups}"
            " UNION ALL SELECT 1, label, NULL, NULL, NULL, count(*) FROM search_searchdocument d"
            " CROSS JOIN LATERAL unnest(string_to_array(d.labels, chr(10))) label"
            f" WHERE {condition}{where} GROUP BY label",
            (match_params + params) * 2,
        )

    @staticmethod
    def _tsquery(alternatives_):
        return " | ".join(" <-> ".join(f"'{token}'" for token in alt) for alt in alternatives_)

    def _split(self, group):
        words, characters = [], []
        for term in group:
            for alt in alternatives(term):
                (characters if len(alt) > 1 or HAN.fullmatch(alt[0]) else words).append(alt)
        return words, characters

    def _match(self, parsed):
        clauses, params = [], []
        for group in parsed.groups:
            words, characters = self._split(group)
            either = []
            if words:
                either.append("d.words @@ to_tsquery('simple', %s)")
                params.append(self._tsquery(words))
            if characters:
                either.append("d.characters @@ to_tsquery('simple', %s)")
                params.append(self._tsquery(characters))
            clauses.append("(" + " OR ".join(either) + ")")
        return " AND ".join(clauses), params

    def match_sql(self, parsed, joined):
        condition, params = self._match(parsed)
        return f"FROM search_searchdocument d WHERE {condition}", params

    def _head_query(self, parsed):
        """The query's words as one OR query for the head, which holds words only; None when
        the query has no word (single characters, names the dictionary does not know)."""
        words = [
            alt
            for term in _any_term(parsed)[0]
            for alt in alternatives(term)
            if len(alt) == 1 and not HAN.fullmatch(alt[0])
        ]
        return self._tsquery(words) if words else None

    def head_sql(self, parsed):
        """With one query group the head's GIN index finds the head matches (a head match is
        a match). With several, the matches are found through the words and the inline head
        is tested on each (``IS TRUE`` keeps the planner off the head's index, which would
        instead read every head match's words out of line)."""
        query = self._head_query(parsed)
        if query is None:
            return "FROM search_searchdocument d WHERE FALSE", []
        condition = "d.head @@ to_tsquery('simple', %s)"
        if len(parsed.groups) == 1:
            return f"FROM search_searchdocument d WHERE {condition}", [query]
        source, params = self.match_sql(parsed, joined=True)
        return f"{source} AND ({condition}) IS TRUE", params + [query]

    def head_score(self, parsed):
        return "ts_rank(d.head, to_tsquery('simple', %s), 1)", [self._head_query(parsed)]

    def outside_head(self, parsed):
        query = self._head_query(parsed)
        if query is None:
            return "", []
        return " AND NOT (d.head @@ to_tsquery('simple', %s))", [query]


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
