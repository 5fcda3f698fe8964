"""Wagtail's own search backend (the admin's page search and choosers, image and document
search) with queries analysed like the public search's.

The database backend Wagtail would use, with each query string segmented by
``analysis.query_words`` before it is matched, and every word required (an editor narrowing a
search by adding words expects fewer results, not more). The index side, where each indexed
value becomes ``analysis.index_tokens``, is overrides/admin_search.py. Named in
WAGTAILSEARCH_BACKENDS (search/config.py).
"""

from functools import cache

from modelsearch.backends import database
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from analysis import query_words


def analysed(query):
    """The query with every text in it segmented; query objects keep their structure (the
    admin's page search parses quoted phrases and filters into them). A part left without a
    word (``(``, ``*``, a lone quote) is dropped, and a query left without any is ``""``,
    which the stock backend answers with no results: its SQLite compiler failed on an empty
    text (a 500 for any admin search of punctuation)."""
    if isinstance(query, str):
        return " ".join(query_words(query))
    if isinstance(query, PlainText):
        words = analysed(query.query_string)
        return words and PlainText(words, query.operator, query.boost)
    if isinstance(query, Phrase):
        words = analysed(query.query_string)
        return words and Phrase(words)
    if isinstance(query, And | Or):
        subqueries = [part for part in map(analysed, query.subqueries) if part != ""]
        if len(subqueries) > 1:
            return type(query)(subqueries)
        return subqueries[0] if subqueries else ""
    if isinstance(query, Boost):
        subquery = analysed(query.subquery)
        return subquery and Boost(subquery, query.boost)
    if isinstance(query, Not):
        subquery = analysed(query.subquery)
        return subquery and Not(subquery)
    return query


class ChineseQueries:
    def _analysed(self, query, operator):
        """A plain string's words are all required unless the caller says otherwise."""
        return analysed(query), operator or ("and" if isinstance(query, str) else None)

    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        query, operator = self._analysed(query, operator)
        return super().search(query, model_or_queryset, fields, operator, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        query, operator = self._analysed(query, operator)
        return super().autocomplete(query, model_or_queryset, fields, operator, **kwargs)


@cache
def _chinese(stock):
    """One class per stock backend class, so that backends made by separate calls share it."""
    return type(f"Chinese{stock.__name__}", (ChineseQueries, stock), {})


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = database.SearchBackend(params)  # the database's own, built once
    backend.__class__ = _chinese(type(backend))
    return backend
