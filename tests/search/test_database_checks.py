"""Start-up checks name a missing full-text object or page index instead of letting searches
return nothing (search/checks.py, pages/checks.py)."""

from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from pages.checks import page_indexes
from search.checks import full_text_objects

pytestmark = pytest.mark.django_db


def test_a_migrated_database_passes():
    assert full_text_objects() == [] and page_indexes() == []


@contextmanager
def dropped(statement):
    """The database with one object dropped, put back afterwards by a rollback (DDL is
    transactional on SQLite and PostgreSQL), also when the test itself runs outside a
    transaction, as search tests do against a cluster."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement)
        yield
        transaction.set_rollback(True)


def test_a_dropped_trigger_or_vector_index_is_named():
    name = "search_fts_insert" if connection.vendor == "sqlite" else "search_document_words"
    statement = "DROP TRIGGER" if connection.vendor == "sqlite" else "DROP INDEX"
    with dropped(f"{statement} {name}"):
        (error,) = full_text_objects()
    assert error.id == "search.E001" and name in error.msg and "migrate" in error.hint
    assert full_text_objects() == []  # back


def test_a_dropped_page_index_is_named():
    with dropped("DROP INDEX yxyp_page_slug_path"):
        (error,) = page_indexes()
    assert error.id == "pages.E001" and "yxyp_page_slug_path" in error.msg


def test_before_the_migration_that_builds_them_nothing_is_required(monkeypatch):
    from django.db.migrations.recorder import MigrationRecorder

    monkeypatch.setattr(MigrationRecorder, "applied_migrations", lambda self: {})
    with dropped("DROP INDEX yxyp_page_slug_path"):
        assert page_indexes() == [] and full_text_objects() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_search_sql_is_one_reversible_operation_that_sqlmigrate_shows(capsys):
    """(Outside a transaction: SQLite's schema editor, which sqlmigrate uses, needs that.)"""
    migration = "0001_squashed_0009_facetvalue"
    call_command("sqlmigrate", "search", migration)
    forwards = capsys.readouterr().out
    call_command("sqlmigrate", "search", migration, "--backwards")
    backwards = capsys.readouterr().out
    if connection.vendor == "sqlite":
        assert "CREATE VIRTUAL TABLE search_head_fts USING fts5" in forwards
        assert "CREATE TRIGGER search_fts_update" in forwards
        assert "DROP TABLE search_fts" in backwards
    else:
        assert "ADD COLUMN words tsvector GENERATED ALWAYS" in forwards
        assert "toast_tuple_target = 128" in forwards
        assert "DROP COLUMN head" in backwards
    assert "CANNOT BE WRITTEN AS SQL" not in forwards + backwards

    call_command("migrate", "search", "zero", verbosity=0)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert not {"search_searchdocument", "search_fts", "search_head_fts"} & set(tables)
    call_command("migrate", "search", verbosity=0)
    assert full_text_objects() == []
