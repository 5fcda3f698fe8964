"""System checks that the database holds what the search migrations build outside Django's
models: full-text tables and their triggers on SQLite, generated word vectors on PostgreSQL,
and the indexes the engines name. Without one, searches quietly return nothing or crawl; with
this check the server's start (``manage.py check``, run by bin/test and at deployment) says
which object is missing and what to run."""

from django.core import checks
from django.db import connection

from pages.checks import built, missing

SQLITE = {
    "table": {"search_fts", "search_head_fts"},
    "trigger": {
        f"{table}_{event}"
        for table in ("search_fts", "search_head_fts")
        for event in ("insert", "update", "delete")
    },
    "index": {"search_document_facets"},
}
# From migration 0014 on: SQLite's count of a search without filters names it (INDEXED BY).
SQLITE_LANGUAGE = {**SQLITE, "index": SQLITE["index"] | {"search_document_language"}}
POSTGRESQL = {
    "column": {"words", "characters", "head"},
    "index": {
        "search_document_facets",
        "search_document_words",
        "search_document_characters",
        "search_document_head",
    },
}

# From migration 0016 on: the engine walks it for a dense query's newest matches; from 0018
# on, the other for a one-word query's first head matches.
POSTGRESQL_NEWEST = {**POSTGRESQL, "index": POSTGRESQL["index"] | {"search_document_newest"}}
POSTGRESQL_WALKS = {
    **POSTGRESQL,
    "index": POSTGRESQL_NEWEST["index"] | {"search_document_shortest_heads"},
}


def full_text_objects(app_configs=None, **kwargs):
    expected = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor)
    if expected is None or not built("search", "0001_squashed_0009_facetvalue", "0009_facetvalue"):
        return []
    if connection.vendor == "sqlite" and built("search", "0014_language_index"):
        expected = SQLITE_LANGUAGE
    if connection.vendor == "postgresql" and built("search", "0016_newest_first_index"):
        expected = POSTGRESQL_NEWEST
    if connection.vendor == "postgresql" and built("search", "0018_shortest_heads_index"):
        expected = POSTGRESQL_WALKS
    absent = missing(expected, "search_searchdocument")
    if not absent:
        return []
    return [
        checks.Error(
            f"The search index is missing {', '.join(absent)}.",
            hint="Run `manage.py migrate search` (if the migrations are applied, migrate search "
            "back to zero and forward again, then run `manage.py rebuild_search`).",
            id="search.E001",
        )
    ]
