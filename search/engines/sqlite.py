"""SQLite's engine: FTS5 tables for the words and for the head (see the search migrations)."""

from search.engines.base import (
    DatabaseEngine,
    alternatives,
    any_term,
    typed_phrase,
    typed_words,
    widened,
)


def _fts_expression(groups):
    """An FTS5 expression requiring one alternative of every group."""

    def phrase(tokens):
        return '"' + " ".join(tokens) + '"'

    return " AND ".join(
        "(" + " OR ".join(phrase(alt) for term in group for alt in alternatives(term)) + ")"
        for group in groups
    )


class SQLiteEngine(DatabaseEngine):
    name = "sqlite-fts5"
    # The match's rowid is its page id: sampling by it joins only the sample to the documents.
    sampled_id = "search_fts.rowid"

    def match_sql(self, parsed, filters=None):
        """Matches joined through the narrow covering index, which holds their language
        (named, since SQLite would otherwise pick the wide table when it has no statistics)."""
        expression = [_fts_expression(parsed.groups)]
        return (
            "FROM search_fts JOIN search_searchdocument d INDEXED BY search_document_facets"
            " ON d.page_id = search_fts.rowid WHERE search_fts MATCH %s",
            expression,
        )

    def _count(self, parsed, filters):
        """Without a filter but the language, the matches are counted in the full-text index
        alone, less those in other languages (few, found through their index): joining every
        match to its document for its language cost 39 ms for a word in 97,000 of 100,000
        documents, this 10. The unary plus keeps SQLite from handing the other languages'
        ids to FTS5 one by one, which costs a lookup each."""
        if filters.narrowed:
            return super()._count(parsed, filters)
        expression = _fts_expression(parsed.groups)
        return self._run(
            "SELECT (SELECT count(*) FROM search_fts WHERE search_fts MATCH %s)"
            " - (SELECT count(*) FROM search_fts WHERE search_fts MATCH %s AND +rowid IN"
            " (SELECT page_id FROM search_searchdocument INDEXED BY search_document_language"
            " WHERE language < %s OR language > %s OR language IS NULL))",
            [expression, expression, filters.language, filters.language],
        )[0][0]

    def head_sql(self, parsed, filters=None):
        """Head matches through the head's own FTS table; with several query groups the whole
        query must match too. A single group that matches the head matches the document,
        whose tokens hold the head's words."""
        source = (
            "FROM search_head_fts JOIN search_searchdocument d INDEXED BY search_document_facets"
            " ON d.page_id = search_head_fts.rowid WHERE search_head_fts MATCH %s"
        )
        params = [_fts_expression(any_term(parsed))]
        if len(parsed.groups) > 1:
            source += " AND d.page_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
            params.append(_fts_expression(parsed.groups))
        return source, params

    def head_score(self, parsed):
        return "-bm25(search_head_fts)", []

    def direct_sql(self, parsed):
        sql, params = "0", []
        if widened(parsed):
            sql = "d.page_id IN (SELECT rowid FROM search_head_fts WHERE search_head_fts MATCH %s)"
            params.append(_fts_expression(typed_words(parsed)))
        if (phrase := typed_phrase(parsed)) is not None:
            sql += " + 2 * (instr(d.title, %s) > 0)"
            params.append(phrase)
        return f"({sql})", params

    def outside_head(self, parsed):
        return (
            " AND d.page_id NOT IN"
            " (SELECT rowid FROM search_head_fts WHERE search_head_fts MATCH %s)",
            [_fts_expression(any_term(parsed))],
        )
