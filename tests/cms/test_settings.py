import pytest
from modelsearch.backends import database
from wagtail.search.backends import get_search_backend

from search.config import search_cluster


def test_database_search_is_the_embedded_default(db):
    """Wagtail's own backend is the database's, with the Chinese analysis on top."""
    assert search_cluster(None, None) == (None, "elasticsearch")
    stock = type(database.SearchBackend({}))
    assert isinstance(get_search_backend(), stock) and type(get_search_backend()) is not stock


def test_search_url_selects_a_search_cluster():
    assert search_cluster("http://127.0.0.1:9200", None) == (
        "http://127.0.0.1:9200",
        "elasticsearch",
    )
    assert search_cluster("http://127.0.0.1:9201", "OpenSearch")[1] == "opensearch"


def test_bad_search_settings_are_refused_with_advice():
    with pytest.raises(ValueError, match="unset it"):
        search_cluster("redis://localhost", None)
    with pytest.raises(ValueError, match="SEARCH_ENGINE"):
        search_cluster("http://localhost:9200", "solr")


@pytest.mark.django_db
def test_both_content_locales_exist():
    from wagtail.models import Locale

    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"zh-hans", "en"}


def test_health_check_needs_no_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200 and response.content == b"ok"
