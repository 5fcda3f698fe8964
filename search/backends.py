"""Which Wagtail search backend serves the site, chosen from one URL.

Kept free of Django imports because settings.py calls it before Django is configured.
"""

from urllib.parse import urlsplit


def search_backends_from_url(url, index_prefix="yxyp"):
    """Return WAGTAILSEARCH_BACKENDS for SEARCH_URL.

    No URL means the database backend (SQLite FTS5 locally, PostgreSQL full text in
    production). An http(s) URL names an Elasticsearch 8 cluster.
    """
    if not url:
        return {"default": {"BACKEND": "wagtail.search.backends.database"}}
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise ValueError(
            f"SEARCH_URL must be an http(s) URL of an Elasticsearch 8 cluster, got {url!r}; "
            "unset it to use the database search backend."
        )
    return {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [url],
            "INDEX": index_prefix,
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
