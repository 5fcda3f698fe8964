"""The search engines and the one place that chooses between them.

``engine()`` answers searches: the cluster when SEARCH_URL names one, else the database's own
engine. Engines take everything they need as arguments (which label facets to count, for
instance) and import nothing above the search app. See docs/search.md for what each does.
"""

from functools import cache

from django.conf import settings
from django.db import connection

from search.engines.base import FACET_SIZE, EngineResult, Filters
from search.engines.postgres import PostgresEngine
from search.engines.remote import RemoteEngine
from search.engines.sqlite import SQLiteEngine

__all__ = [
    "FACET_SIZE",
    "EngineResult",
    "Filters",
    "database_engine",
    "engine",
    "remote_engine",
]

DATABASE_ENGINES = {"postgresql": PostgresEngine, "sqlite": SQLiteEngine}


def database_engine():
    try:
        return DATABASE_ENGINES[connection.vendor]()
    except KeyError:
        raise RuntimeError(f"No search engine for the {connection.vendor} database.") from None


@cache
def _remote(engine_name, url, index):
    """One per configuration and process, so that a cluster found down stays marked down."""
    return RemoteEngine(engine_name, url, index, fallback=database_engine)


def remote_engine():
    """The Elasticsearch / OpenSearch engine when SEARCH_URL names one, else None."""
    if not settings.SEARCH_URL:
        return None
    return _remote(settings.SEARCH_ENGINE, settings.SEARCH_URL, settings.SEARCH_INDEX)


def engine():
    """The remote engine when SEARCH_URL names one, else the database's own."""
    return remote_engine() or database_engine()
