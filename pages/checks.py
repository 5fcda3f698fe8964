"""System checks that the database holds what migrations build outside Django's models (the
page-table indexes of pages/migrations/0005 here; search/checks.py for the search index).
Without them pages still render, slowly enough to fall over at scale, so their absence is an
error that names the object and the command that builds it."""

from django.core import checks
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

PAGE_INDEXES = {
    "sqlite": {
        "yxyp_page_path_nocase",
        "yxyp_page_depth_path_nocase",
        "yxyp_page_slug_path",
        "yxyp_page_depth_path",
    },
    "postgresql": {"yxyp_page_slug_path", "yxyp_page_depth_path"},
}


def built(app_label, *migrations):
    """Whether one of ``migrations`` is applied: before it, the objects are migrate's to build,
    and a check must not stand in the way of the migrate that builds them. Several names, for
    a squashed migration and the last one it replaces (a database migrated before the squash
    records only that one until its next ``migrate``)."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    applied = recorder.applied_migrations()
    return any((app_label, migration) in applied for migration in migrations)


def present(kinds, table):
    """{kind: names} of the database's tables, triggers and indexes, and ``table``'s columns."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT type, name FROM sqlite_master")
            rows = cursor.fetchall()
        else:
            cursor.execute(
                "SELECT 'index', indexname FROM pg_indexes WHERE schemaname = current_schema()"
            )
            rows = cursor.fetchall()
        rows += [
            ("column", column.name)
            for column in connection.introspection.get_table_description(cursor, table)
        ]
    return {kind: {name for found, name in rows if found == kind} for kind in kinds}


def missing(expected, table):
    """'kind name' of every expected object that is not in the database, sorted."""
    found = present(expected, table)
    return sorted(
        f"{kind} {name}" for kind, names in expected.items() for name in names - found[kind]
    )


def page_indexes(app_configs=None, **kwargs):
    expected = PAGE_INDEXES.get(connection.vendor)
    if expected is None or not built("pages", "0005_page_path_indexes"):
        return []
    absent = missing({"index": expected}, "wagtailcore_page")
    if not absent:
        return []
    return [
        checks.Error(
            f"Wagtail's page table is missing {', '.join(absent)}.",
            hint="Run `manage.py migrate pages`; if it is applied, run `manage.py migrate pages "
            "0004` and `manage.py migrate pages` to build them again.",
            id="pages.E001",
        )
    ]
