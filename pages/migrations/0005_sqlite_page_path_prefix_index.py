"""SQLite: an index that answers Wagtail's descendant queries.

Wagtail and treebeard find a page's descendants with ``path LIKE 'prefix%'``. SQLite's LIKE is
case-insensitive, so it can only use an index built with the NOCASE collation; the path's own
unique index is BINARY, and every descendant query scanned the whole page tree (with 2,000
schools a school's home page spent 120 ms in three such scans). Paths are digits and capital
letters, which NOCASE orders exactly as BINARY does. PostgreSQL already has Django's
``varchar_pattern_ops`` index on the path for LIKE.
"""

from django.db import migrations

INDEX = "yxyp_page_path_nocase"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (path COLLATE NOCASE)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_school_moderation_task")]

    operations = [migrations.RunPython(create, drop)]
