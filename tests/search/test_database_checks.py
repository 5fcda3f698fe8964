"""Start-up checks name a missing full-text object or page index instead of letting searches
return nothing (search/checks.py, pages/checks.py)."""

import pytest
from django.db import connection

from pages.checks import page_indexes
from search.checks import full_text_objects

pytestmark = pytest.mark.django_db


def test_a_migrated_database_passes():
    assert full_text_objects() == [] and page_indexes() == []


def test_a_dropped_trigger_or_vector_index_is_named():
    dropped = "search_fts_insert" if connection.vendor == "sqlite" else "search_document_words"
    statement = "DROP TRIGGER" if connection.vendor == "sqlite" else "DROP INDEX"
    with connection.cursor() as cursor:
        cursor.execute(f"{statement} {dropped}")  # rolled back with the test
    (error,) = full_text_objects()
    assert error.id == "search.E001" and dropped in error.msg and "migrate" in error.hint


def test_a_dropped_page_index_is_named():
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX yxyp_page_slug_path")
    (error,) = page_indexes()
    assert error.id == "pages.E001" and "yxyp_page_slug_path" in error.msg


def test_before_the_migration_that_builds_them_nothing_is_required(monkeypatch):
    from django.db.migrations.recorder import MigrationRecorder

    monkeypatch.setattr(MigrationRecorder, "applied_migrations", lambda self: {})
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX yxyp_page_slug_path")
    assert page_indexes() == [] and full_text_objects() == []
