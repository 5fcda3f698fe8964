"""Which engines serve search, chosen from environment variables.

Kept free of Django imports because settings.py calls it before Django is configured.

Wagtail's own search backend (used by the admin's listings and choosers) is always the
database backend, with the platform's Chinese analysis (search/wagtail_backend.py). Public
search runs on the platform's analysed index (search/models.py), answered by the database
itself or, when SEARCH_URL names a cluster, by Elasticsearch 8 or OpenSearch 2
(SEARCH_ENGINE).
"""

from urllib.parse import urlsplit

ENGINES = ("elasticsearch", "opensearch")
WAGTAIL_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}


def search_cluster(url, engine_name):
    """Validate SEARCH_URL and SEARCH_ENGINE; returns (url or None, engine name)."""
    engine_name = (engine_name or "elasticsearch").lower()
    if engine_name not in ENGINES:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, got {engine_name!r}.")
    if not url:
        return None, engine_name
    for host in search_hosts(url):
        if urlsplit(host).scheme not in {"http", "https"}:
            raise ValueError(
                f"SEARCH_URL must be the http(s) URLs of an Elasticsearch 8 or OpenSearch 2 "
                f"cluster's nodes, separated by commas, got {url!r}; unset it to search with "
                "the database."
            )
    return url, engine_name


def search_hosts(url):
    """The nodes SEARCH_URL names ("http://a:9200,http://b:9200"): the client spreads requests
    over them and retries a request on another node when one does not answer."""
    return [host.strip() for host in url.split(",") if host.strip()]
