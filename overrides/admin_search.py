"""Wagtail's own search index (the admin's page search, choosers, image and document search)
fed the platform's Chinese analysis.

Upstream: none (modelsearch 1.3.2, with Wagtail 8.0.1, has no hook to analyse text before it
indexes it). SQLite's FTS5 and PostgreSQL's ``simple`` configuration keep a run of Han
characters as one token, so an editor searching 红梅 found nothing in titles such as 红梅先锋.
Every string the database backends index passes through ``ObjectIndexer.prepare_value``; here
it is turned into ``analysis.index_tokens`` (words and every Han character), and the queries
are segmented the same way by the backend in search/wagtail_backend.py. Can go if modelsearch
lets a project analyse field values (or its SQLite backend takes an FTS5 tokenizer option).
"""

import importlib
from functools import lru_cache

from django.db import connection

from analysis import index_tokens

# The backend module of each database (each can only be imported on its own database).
BACKENDS = {
    "sqlite": "modelsearch.backends.database.sqlite.sqlite",
    "postgresql": "modelsearch.backends.database.postgres.postgres",
}


# modelsearch builds an object's title, body and autocomplete texts each from every field, so
# each value arrives three times per save: it is analysed once.
_index_tokens = lru_cache(maxsize=64)(index_tokens)


def _analysed(prepare_value):
    def prepare_value_analysed(self, value):
        return _index_tokens(prepare_value(self, value))

    return prepare_value_analysed


def install():
    if connection.vendor in BACKENDS:
        indexer = importlib.import_module(BACKENDS[connection.vendor]).ObjectIndexer
        indexer.prepare_value = _analysed(indexer.prepare_value)
