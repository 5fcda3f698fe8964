"""Full-text matching and ranking inside the database engine.

Each engine turns a ParsedQuery into a filter plus a ``score`` column on a SearchDocument
queryset, ranked by the engine itself (FTS5 bm25, PostgreSQL ts_rank) so a common term over tens
of thousands of matches is still one indexed query. Scopes, facets, counts and paging are then
plain ORM on the same queryset, identical for every engine.

A Han term matches as the word the segmenter produced or as the phrase of its characters
(every Han character is also indexed on its own, in order), so a word inside a long run of
characters is found whatever the segmenter made of that run.
"""

from django.db import connection

from search.analysis import HAN


def _alternatives(term):
    alternatives = [(term,)]
    if HAN.search(term) and len(term) > 1:
        alternatives.append(tuple(term))
    return alternatives


class SQLiteEngine:
    name = "sqlite-fts5"

    @staticmethod
    def expression(parsed):
        def phrase(tokens):
            return '"' + " ".join(tokens) + '"'

        return " AND ".join(
            "(" + " OR ".join(phrase(alt) for term in group for alt in _alternatives(term)) + ")"
            for group in parsed.groups
        )

    def match(self, queryset, parsed):
        return queryset.extra(
            tables=["search_fts"],
            where=["search_fts.rowid = search_searchdocument.page_id", "search_fts MATCH %s"],
            params=[self.expression(parsed)],
            select={"score": "-bm25(search_fts)"},
        )


class PostgresEngine:
    name = "postgresql"

    @staticmethod
    def expression(parsed):
        def phrase(tokens):
            return " <-> ".join(f"'{token}'" for token in tokens)

        return " & ".join(
            "(" + " | ".join(phrase(alt) for term in group for alt in _alternatives(term)) + ")"
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
