"""Search tests run against whichever engine is configured: the database's own (SQLite FTS5 or
PostgreSQL) or, with SEARCH_URL, a real Elasticsearch / OpenSearch cluster. The database's
rollbacks do not reach a cluster, so its index is made anew before each test that uses the
database (marked, or through a fixture) from the rows the test starts with (those of the
province)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_remote_index(settings, request):
    settings.SEARCH_REFRESH_ON_WRITE = True
    uses_database = request.node.get_closest_marker("django_db") or "db" in request.fixturenames
    if settings.SEARCH_URL and uses_database:
        request.getfixturevalue("transactional_db")
        from search.engines import remote_engine
        from search.indexing import mirror_after_commit
        from search.models import SearchDocument

        remote = remote_engine()
        remote.reset_index()
        remote.down_since = None  # an earlier test's outage is not this test's
        mirror_after_commit(SearchDocument.objects.values_list("page_id", flat=True))
