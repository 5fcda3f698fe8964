"""SQL queries per page of the benchmark's pages, in a generated province.

    VAR_DIR=var/bench/province-2000x50 python bench/query_counts.py ['{"name": [host, path]}']

Prints one JSON object: page name -> number of queries for an anonymous visitor with the page
cache off, after one warming request (the same count the tests hold flat). bench/pages.py runs
it for each province it serves, so the counts at 10 and at 2,000 schools stand side by side.
Given pages as JSON, it counts those instead, in whatever project DJANGO_SETTINGS_MODULE names:
bench/side_by_side.py counts bakerydemo's pages, or the serve floor's, the same way.
"""

import json
import os
import sys

from django_setup import setup_django

# The same pages at every scale: school s00003's home and first column post (live, public),
# the first city's portal, a province-wide search and the trivial view.
TARGETS = {
    "school home": ("s00003.localhost", "/"),
    "column post": ("s00003.localhost", "/column/p1/"),
    "region portal": ("localhost", "/c1/"),
    "search": ("localhost", "/search/?q=%E5%85%9A%E5%BB%BA"),
    "trivial view": ("localhost", "/healthz/"),
}


def main():
    targets = json.loads(sys.argv[1]) if len(sys.argv) > 1 else TARGETS
    os.environ.update(BASE_DOMAIN="localhost", ALLOWED_HOSTS="*", PAGE_CACHE_SECONDS="0")
    setup_django("yxyp-bench-queries-")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, (host, path) in targets.items():
        client.get(path, HTTP_HOST=host)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path, HTTP_HOST=host).status_code
        if status != 200:
            raise SystemExit(f"{host}{path} answered {status}")
        counts[name] = len(queries)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
