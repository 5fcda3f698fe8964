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
import math
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from wagtail.models import Page

from analysis import HAN, is_known_word
from pages.invalidation import Kept

logger = logging.getLogger(__name__)
FACET_SIZE = 20
# Facet counts are exact up to this many matches. Above it, reading every match's facet values
# is most of a search's time (a word found in 74,000 documents: 200 ms of 360 on SQLite), so
# they are estimated from an evenly spread sample of about FACET_SAMPLE matches, every k-th
# page id, and marked approximate; the total stays exact.
EXACT_FACETS_UP_TO = 10_000
FACET_SAMPLE = 5_000


@dataclass
class Filters:
    """Where to search: a tree-path prefix and exact column values, in one language's
    documents (Chinese unless told)."""

    language: str = settings.LANGUAGE_CODE
    path: str = ""
    kind: str = ""
    school_id: int | None = None
    activity_type_id: int | None = None
    year: int | None = None
    tag: str = ""
    labels: tuple = ()  # (plugin facet, value) pairs
    region_level_path: str = ""  # facet regions one level below this path

    def columns(self):
        """The filters on the documents' own columns, as (column, value) pairs."""
        return [
            (column, value)
            for column, value in (
                ("language", self.language),
                ("kind", self.kind),
                ("school_id", self.school_id),
                ("activity_type_id", self.activity_type_id),
                ("year", self.year),
            )
            if value
        ]

    @property
    def narrowed(self):
        """Whether anything but the language restricts the documents."""
        return bool(
            self.path
            or self.kind
            or self.school_id
            or self.activity_type_id
            or self.year
            or self.tag
            or self.labels
        )


@dataclass
class EngineResult:
    total: int = 0
    page_ids: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # name -> [(value, count)]
    approximate: bool = False  # the facet counts are estimates (see EXACT_FACETS_UP_TO)


def sampling_step(total):
    """Every how many matches (by page id) facets are counted from, for ``total`` matches."""
    return 1 if total <= EXACT_FACETS_UP_TO else math.ceil(total / FACET_SAMPLE)


def estimate(count, scale):
    """A count in a sample scaled to every match, to the two significant figures a sample of
    a few thousand can claim (4,937.2 is said as 4,900), and never below 1."""
    value = count * scale
    if value < 100:
        return max(1, round(value))
    return int(round(value, 2 - len(str(int(value)))))


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
    sampled_id = "d.page_id"  # what the sample's step divides (an engine may name a cheaper copy)
    order_by_date = "d.date DESC NULLS LAST, d.page_id DESC"
    matched = ()  # the Filters.columns() that the engine's match_sql asks for itself

    def _where(self, filters):
        """Every filter but those the engine's match asks for itself (``matched``)."""
        clauses, params = [], []
        if filters.path:
            clauses.append("d.path LIKE %s")
            params.append(filters.path + "%")
        for column, value in filters.columns():
            if column not in self.matched:
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
        return self._count(parsed, filters)

    def _count(self, parsed, filters):
        """The count inside whatever statement settings the engine's caller already holds."""
        source, match_params = self.match_sql(parsed, filters)
        where, params = self._where(filters)
        return self._run(f"SELECT count(*) {source}{where}", match_params + params)[0][0]

    def search(self, parsed, filters, sort, offset, limit, facets=True, labels=()):
        """``labels`` names the facets counted from documents' labels besides tags (those
        registered in search.facets): the caller says which, so no engine looks them up."""
        where, params = self._where(filters)
        result = EngineResult(total=self._count(parsed, filters))
        if not result.total:
            return result
        if facets:
            step = sampling_step(result.total)
            result.facets = self._facets(parsed, filters, where, params, labels, step, result.total)
            result.approximate = step > 1
        if sort == "date":
            result.page_ids = self._by_date(
                parsed, filters, where, params, offset, limit, result.total
            )
        else:
            result.page_ids = self._by_relevance(
                parsed, filters, where, params, offset, limit, result.total
            )
        return result

    def direct_sql(self, parsed):
        """How directly a head match answers the query as typed: 2 more when the document
        holds the query's words as one phrase (typed_phrase), 1 more when its head holds a
        word as typed rather than only a synonym of it (engine-specific SQL)."""
        return "0", []

    def _by_relevance(self, parsed, filters, where, params, offset, limit, total):
        """Head matches rank by how directly they answer the query as typed (the exact phrase,
        a word as typed rather than a synonym), then by how well the head matches, then newest
        first; the other matches follow newest first. How many head matches there are follows
        from a page they do not fill (the page's offset and rows); it is counted only for a
        page that lies past all of them. Counting them in the ranking statement (a window
        count) kept every head match of a common word until the sort: 15 ms of 66 on
        PostgreSQL at 100,000 documents."""
        page_ids = self._ranked_head(parsed, filters, where, params, offset, limit)
        if len(page_ids) < limit:
            if page_ids or not offset:
                in_head = offset + len(page_ids)
            else:
                source, head_params = self.head_sql(parsed, filters)
                in_head = self._run(f"SELECT count(*) {source}{where}", head_params + params)[0][0]
            page_ids += self._by_date(
                parsed,
                filters,
                where,
                params,
                max(0, offset - in_head),
                limit - len(page_ids),
                total,
                outside_head=True,
            )
        return page_ids

    def _ranked_head(self, parsed, filters, where, params, offset, limit):
        """One page of the head matches, in their order."""
        source, head_params = self.head_sql(parsed, filters)
        score, score_params = self.head_score(parsed)
        direct, direct_params = self.direct_sql(parsed)
        return [
            row[0]
            for row in self._run(
                "SELECT d.page_id FROM"
                f" (SELECT d.page_id, d.date, {direct} AS direct, {score} AS score {source}{where})"
                f" d ORDER BY d.direct DESC, d.score DESC, {self.order_by_date} LIMIT %s OFFSET %s",
                direct_params + score_params + head_params + params + [limit, offset],
            )
        ]

    def _by_date(self, parsed, filters, where, params, offset, limit, total, outside_head=False):
        """Newest first. ``total`` (all the query's matches) lets an engine choose how to find
        them: a common word's newest few by walking the documents in date order."""
        source, match_params = self.match_sql(parsed, filters)
        condition, condition_params = self.outside_head(parsed) if outside_head else ("", [])
        return [
            row[0]
            for row in self._run(
                f"SELECT d.page_id {source}{condition}{where}"
                f" ORDER BY {self.order_by_date} LIMIT %s OFFSET %s",
                match_params + condition_params + params + [limit, offset],
            )
        ]

    def _sample(self, where, step):
        """``where`` narrowed to every ``step``-th match by page id (an int, never input; the
        modulo doubled, as every statement here goes through parameter substitution)."""
        return f"{where} AND {self.sampled_id} %% {int(step)} = 0" if step > 1 else where

    def _facet_rows(self, parsed, filters, where, params, step):
        """Rows of (is_tag, kind or facet|value, year, school, activity type, count), counted
        from the matches (or the sample of them) materialised once."""
        source, match_params = self.match_sql(parsed, filters)
        return self._run(
            "WITH m AS MATERIALIZED (SELECT d.page_id, d.kind, d.year, d.school_id,"
            f" d.activity_type_id {source}{self._sample(where, step)})"
            " SELECT 0, kind, year, school_id, activity_type_id, count(*) FROM m"
            f" {self.facet_groups}"
            " UNION ALL SELECT 1, t.facet || '|' || t.name, NULL, NULL, NULL, count(*) FROM m"
            " JOIN search_searchtag t ON t.document_id = m.page_id GROUP BY t.facet, t.name",
            match_params + params,
        )

    def _facets(self, parsed, filters, where, params, labels, step, total):
        """Every facet: the matches (every ``step``-th of the ``total``) grouped by every facet
        column (all at once, or by grouping sets where the engine has them), then summed per
        facet here. Regions come from the schools' tree paths; tags and plugin facet values,
        many per document, are counted apart. Sampled counts are scaled by how many matches
        the sample stands for."""
        names = ("type", "year", "school", "activity_type")
        counts = {name: Counter() for name in (*names, "tag", "region", *labels)}
        sampled = 0
        for is_tag, *values, count in self._facet_rows(parsed, filters, where, params, step):
            if is_tag:
                facet, _bar, value = values[0].partition("|")
                if (facet or "tag") in counts:
                    counts[facet or "tag"][value] += count
                continue
            if values[0] is not None:
                sampled += count
            for name, value in zip(names, values, strict=True):
                if value is not None:
                    counts[name][value] += count
        length = len(filters.region_level_path) + Page.steplen
        for school_id, path in school_paths(counts["school"]).items():
            if len(path) >= length and path.startswith(filters.region_level_path):
                counts["region"][path[:length]] += counts["school"][school_id]
        if step > 1 and sampled:
            scale = total / sampled
            counts = {
                name: Counter({value: estimate(n, scale) for value, n in counter.items()})
                for name, counter in counts.items()
            }
        return {
            name: sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))[:FACET_SIZE]
            for name, counter in counts.items()
        }


_school_paths = Kept("school-paths", max_age=3600)


def school_paths(school_ids):
    """The tree paths of ``school_ids``, kept in this process until a page moves (the only
    change to a path; search.signal_handlers forgets them). A search that counts regions asks
    for every school it matched: up to 2,000 pages, 12-17 ms on PostgreSQL at 100,000
    documents, of a cold search's 110."""
    paths = _school_paths.get("paths", dict)
    if missing := [pk for pk in school_ids if pk not in paths]:
        paths.update(Page.objects.filter(pk__in=missing).values_list("pk", "path"))
    return {pk: paths[pk] for pk in school_ids if pk in paths}


def forget_school_paths():
    _school_paths.forget()


def any_term(parsed):
    """One group holding every term: a head matches when it holds any query word."""
    return (tuple(term for group in parsed.groups for term in group),)


def typed_words(parsed):
    """One group of the words as typed, without their synonyms."""
    return (tuple(parsed.words or any_term(parsed)[0]),)


def widened(parsed):
    """Whether synonyms widened the query. Only then can a head match hold none of the words
    as typed; otherwise every head match holds one, and the engines leave that test out (for
    a common word, 14 of 67 ms of SQLite's ranking)."""
    return set(typed_words(parsed)[0]) != set(any_term(parsed)[0])


def typed_phrase(parsed):
    """A query of several Chinese words as typed, run together (劳动实践课程): a title that
    holds it verbatim ranks above one holding the same words apart. None for a single word or
    a query with other than Han characters."""
    text = "".join(parsed.words)
    if len(parsed.words) < 2 or not all(HAN.fullmatch(character) for character in text):
        return None
    return text
