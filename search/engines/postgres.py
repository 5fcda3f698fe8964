"""PostgreSQL's engine: tsvector columns matched through their GIN indexes."""

import math
from contextlib import contextmanager

from django.db import connection, transaction

from analysis import HAN
from search.engines.base import (
    DatabaseEngine,
    alternatives,
    any_term,
    typed_phrase,
    typed_words,
    widened,
)

SAMPLE_BUCKETS = 64  # the sample buckets in the word vectors: page id modulo this
# Walk the documents newest first (migration 0016) when about this many rows or fewer are
# expected to be read before a page of matches is found; beyond it, gather the matches through
# GIN and sort them. A row the walk reads costs about 10 us (its word vector is out of line);
# gathering and sorting a word in 54,000 documents, 27 ms.
WALK_ROWS = 1_000
# The head matches' order for a query of one word (see _ranked_head), and what the walk in
# that order reads of each document: the columns the filters and the head's match test.
SHORTEST_HEAD_FIRST = "length(d.head), d.date DESC NULLS LAST, d.page_id DESC"
WALKED_COLUMNS = (
    "page_id",
    "head",
    "date",
    "path",
    "language",
    "kind",
    "year",
    "school_id",
    "activity_type_id",
)


class PostgresEngine(DatabaseEngine):
    """Words and single characters live in two vectors (see migration 0004): a word matches
    in ``words``, a character or the character phrase of an unknown word in ``characters``.
    Both are stored out of line and only the small head inline (migration 0007), so every
    statement matches through the GIN indexes and never reads the long vectors row by row: a
    sequential scan that detoasted the words of every row is what the planner would otherwise
    pick for a word found almost everywhere."""

    name = "postgresql"
    # Asked for as lexemes of the vectors (migrations 0015 and 0017), so GIN intersects them
    # with the words. Tested on each match's row instead, the language alone cost a third of
    # counting a word in 97,000 of 100,000 documents (31 against 18 ms): the row is read up to
    # its fifteenth column.
    matched = ("language", "kind", "year")

    def count(self, parsed, filters):
        with self._through_indexes():
            return super().count(parsed, filters)

    def search(self, parsed, filters, sort, offset, limit, facets=True, labels=()):
        with self._through_indexes():
            return super().search(parsed, filters, sort, offset, limit, facets, labels)

    @contextmanager
    def _through_indexes(self):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL work_mem = '32MB'")  # the matches' facet columns
            yield

    def _by_date(self, parsed, filters, where, params, offset, limit, total, outside_head=False):
        """The planner cannot tell a common word from a rare one well enough to choose here: it
        estimates about 500 matches for any word outside its statistics' most common ones, and
        walked the date index for a word in 31 documents, reading 39,000 rows (2.3 s). The
        exact ``total`` is known, so the engine chooses: walk the date index when matches are
        dense enough to find a page within WALK_ROWS rows (a word in 54,000 documents: 27 ms
        -> 1 ms), else gather them through GIN. Not with a year filter: its matches lie
        together in date order, far from the newest."""
        walk = not filters.year and (offset + limit) * self._documents() <= WALK_ROWS * total
        plan = "enable_bitmapscan" if walk else "enable_indexscan"
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {plan} = off")
            try:
                return super()._by_date(
                    parsed, filters, where, params, offset, limit, total, outside_head
                )
            finally:
                cursor.execute(f"SET LOCAL {plan} = on")

    def _ranked_head(self, parsed, filters, where, params, offset, limit):
        """A query of one word, as typed, ranks its head matches by ts_rank over heads that
        hold only words (no positions): the same for every head match but divided by the
        log of the head's length, so they rank shortest head first, then newest first. The
        documents in that order (migration 0018) are walked for the first WALK_ROWS: their
        head matches, when enough, are the page, found without ranking every head match (a
        word in 37,000 heads of 100,000: 28 -> 3 ms). Too few, and the head matches are
        gathered through GIN and ranked."""
        words = self._head_words(parsed)
        if len(parsed.groups) > 1 or len(words) != 1 or self.direct_sql(parsed)[0] != "0":
            return super()._ranked_head(parsed, filters, where, params, offset, limit)
        condition, condition_params = self._head_condition(parsed, filters)
        walked = [
            row[0]
            for row in self._run(
                f"SELECT d.page_id FROM (SELECT {', '.join(WALKED_COLUMNS)}"
                f" FROM search_searchdocument d ORDER BY {SHORTEST_HEAD_FIRST} LIMIT %s) d"
                f" WHERE {condition}{where} ORDER BY {SHORTEST_HEAD_FIRST} LIMIT %s",
                [WALK_ROWS] + condition_params + params + [offset + limit],
            )
        ]
        if len(walked) == offset + limit:
            return walked[offset:]
        return super()._ranked_head(parsed, filters, where, params, offset, limit)

    def _documents(self):
        """The planner's estimate of the documents' number (kept by autovacuum): enough to
        choose a plan, and no statement over the table. A table never analysed counts as too
        big to walk."""
        rows = self._run(
            "SELECT reltuples FROM pg_class WHERE oid = 'search_searchdocument'::regclass", []
        )[0][0]
        return rows if rows > 0 else math.inf

    def _facet_rows(self, parsed, filters, where, params, step):
        """One pass over the matches, through the GIN index: grouping sets count each match
        under its facet columns and under its labels as one string, and only the few distinct
        strings are split into labels and summed. Two passes (columns, then labels) read the
        matches' heap rows twice: 100 against 56 ms for a word in 97,000 of 100,000
        documents. Materialising the matches, or joining them with search_searchtag, cost
        more still. A sample is asked for in the match itself (sample buckets), so GIN never
        points at the rest: 56 -> 22 ms. Splitting every match's labels into rows of their
        own before grouping (the same counts) cost 22 ms against 15."""
        condition, match_params = self._match(parsed, step, filters)
        return self._run(
            "WITH g AS MATERIALIZED (SELECT GROUPING(labels) = 0 AS tagged, kind, year,"
            " school_id, activity_type_id, labels, count(*) AS n FROM search_searchdocument d"
            f" WHERE {condition}{where} GROUP BY GROUPING SETS"
            " ((kind), (year), (school_id), (activity_type_id), (labels)))"
            " SELECT false, kind, year, school_id, activity_type_id, n FROM g WHERE NOT tagged"
            " UNION ALL SELECT true, label, NULL, NULL, NULL, sum(n)::bigint FROM g"
            " CROSS JOIN LATERAL unnest(string_to_array(g.labels, chr(10))) label"
            " WHERE tagged GROUP BY label",
            match_params + params,
        )

    def _matched(self, filters):
        """The filters the match asks for itself, as (column, value) pairs."""
        if filters is None:
            return []
        return [pair for pair in filters.columns() if pair[0] in self.matched]

    @staticmethod
    def _tsquery(alternatives_):
        return " | ".join(" <-> ".join(f"'{token}'" for token in alt) for alt in alternatives_)

    def _split(self, group):
        words, characters = [], []
        for term in group:
            for alt in alternatives(term):
                (characters if len(alt) > 1 or HAN.fullmatch(alt[0]) else words).append(alt)
        return words, characters

    def _match(self, parsed, step=1, filters=None):
        """The query's groups as GIN conditions. The first group's also asks for the language,
        the kind and the year ``filters`` name and, for a sample (``step`` above 1), every
        ``step``-th sample bucket, all lexemes of the vectors (migrations 0015 and 0017), so
        the index itself leaves out every other match. Every step-th bucket, not the first
        few, so that even a few consecutive page ids are sampled."""
        prefixes = {"language": "#l", "kind": "#k", "year": "#y"}
        extra = [f"'{prefixes[column]}{value}'" for column, value in self._matched(filters)]
        if step > 1:
            buckets = range(0, SAMPLE_BUCKETS, step)
            extra.append("(" + " | ".join(f"'#{bucket}'" for bucket in buckets) + ")")
        clauses, params = [], []
        for number, group in enumerate(parsed.groups):
            words, characters = self._split(group)
            either = []
            for column, alternatives_ in (("words", words), ("characters", characters)):
                if not alternatives_:
                    continue
                params.append(self._tsquery(alternatives_))
                if number == 0 and extra:
                    # A cast, not to_tsquery, which would parse "#0" as the word "0".
                    either.append(f"d.{column} @@ (to_tsquery('simple', %s) && %s::tsquery)")
                    params.append(" & ".join(extra))
                else:
                    either.append(f"d.{column} @@ to_tsquery('simple', %s)")
            clauses.append("(" + " OR ".join(either) + ")")
        return " AND ".join(clauses), params

    def match_sql(self, parsed, filters=None):
        condition, params = self._match(parsed, filters=filters)
        return f"FROM search_searchdocument d WHERE {condition}", params

    @staticmethod
    def _head_words(parsed, group=any_term):
        """The query's words (``group``: all, or those as typed) the head can hold: it holds
        words only, not single characters or the characters of names the dictionary does not
        know."""
        return [
            alt
            for term in group(parsed)[0]
            for alt in alternatives(term)
            if len(alt) == 1 and not HAN.fullmatch(alt[0])
        ]

    def _head_query(self, parsed, group=any_term):
        """The head words as one OR query; None when the query has none."""
        words = self._head_words(parsed, group)
        return self._tsquery(words) if words else None

    def direct_sql(self, parsed):
        terms, params = [], []
        if widened(parsed) and (query := self._head_query(parsed, typed_words)) is not None:
            terms.append("(d.head @@ to_tsquery('simple', %s))::int")
            params.append(query)
        if (phrase := typed_phrase(parsed)) is not None:
            terms.append("2 * (strpos(d.title, %s) > 0)::int")
            params.append(phrase)
        return ("(" + " + ".join(terms) + ")" if terms else "0"), params

    def head_sql(self, parsed, filters=None):
        """With one query group the head's GIN index finds the head matches (a head match is
        a match). With several, the matches are found through the words and the inline head
        is tested on each (``IS TRUE`` keeps the planner off the head's index, which would
        instead read every head match's words out of line)."""
        query = self._head_query(parsed)
        if query is None:
            return "FROM search_searchdocument d WHERE FALSE", []
        if len(parsed.groups) == 1:
            condition, params = self._head_condition(parsed, filters)
            return f"FROM search_searchdocument d WHERE {condition}", params
        source, params = self.match_sql(parsed, filters)
        return f"{source} AND (d.head @@ to_tsquery('simple', %s)) IS TRUE", params + [query]

    def _head_condition(self, parsed, filters):
        """A head match, tested on its own row for the filters the match would ask for: the
        head holds no lexemes but words."""
        columns = self._matched(filters)
        return "d.head @@ to_tsquery('simple', %s)" + "".join(
            f" AND d.{column} = %s" for column, _value in columns
        ), [self._head_query(parsed)] + [value for _column, value in columns]

    def head_score(self, parsed):
        return "ts_rank(d.head, to_tsquery('simple', %s), 1)", [self._head_query(parsed)]

    def outside_head(self, parsed):
        query = self._head_query(parsed)
        if query is None:
            return "", []
        return " AND NOT (d.head @@ to_tsquery('simple', %s))", [query]
