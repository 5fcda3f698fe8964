"""Search tests run against whichever engine is configured: the database's own (SQLite FTS5 or
PostgreSQL) or, with SEARCH_URL, a real Elasticsearch / OpenSearch cluster, whose index is
emptied before each test because the database's rollbacks do not reach it."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_remote_index(settings):
    settings.SEARCH_REFRESH_ON_WRITE = True
    if settings.SEARCH_URL:
        from search.engines import remote_engine

        remote_engine().reset_index()
