"""SQLite's engine: FTS5 tables for the words and for the head (see the search migrations)."""

from django.conf import settings

from search.engines.base import (
    DatabaseEngine,
    alternatives,
    any_term,
    typed_phrase,
    typed_words,
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
    # Above this many matches, reading the facet-ordered indexes whole is cheaper than
    # joining and sorting every match.
    GROUPS_INDEX_ABOVE = 20_000

    def match_sql(self, parsed):
        """Matches joined through the narrow covering index, which holds their language
        (named, since SQLite would otherwise pick the wide table when it has no statistics)."""
        expression = [_fts_expression(parsed.groups)]
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
        params = [_fts_expression(any_term(parsed))]
        if len(parsed.groups) > 1:
            source += " AND d.page_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
            params.append(_fts_expression(parsed.groups))
        return source, params

    def head_score(self, parsed):
        return "-bm25(search_head_fts)", []

    def direct_sql(self, parsed):
        sql = "(d.page_id IN (SELECT rowid FROM search_head_fts WHERE search_head_fts MATCH %s))"
        params = [_fts_expression(typed_words(parsed))]
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
            f" WHERE d.language = %s AND +d.page_id {in_matches}"
            " GROUP BY school_id, kind, year, activity_type_id",
            [filters.language, expression],
        )
        # Other languages' documents are the few to leave out (editions of some pages).
        others = [code for code, _name in settings.LANGUAGES if code != filters.language]
        in_others = (
            "IN (SELECT page_id FROM search_searchdocument INDEXED BY search_document_groups"
            f" WHERE language IN ({', '.join(['%s'] * len(others))}))"
        )
        tags = self._run(
            "SELECT 1, t.facet || '|' || t.name, NULL, NULL, NULL, count(*)"
            " FROM search_searchtag t INDEXED BY search_tag_groups"
            f" WHERE +t.document_id {in_matches} AND +t.document_id NOT {in_others}"
            " GROUP BY t.facet, t.name",
            [expression, *others],
        )
        return groups + tags
