"""Indexes on Wagtail's page table that keep tree lookups independent of the number of pages.

* SQLite: Wagtail and treebeard find a page's descendants with ``path LIKE 'prefix%'``.
  SQLite's LIKE is case-insensitive, so only an index with the NOCASE collation can answer it;
  the path's own unique index is BINARY, and every descendant query scanned the whole tree
  (with 2,000 schools a school's home page spent 120 ms in three such scans). Paths are digits
  and capital letters, which NOCASE orders exactly as BINARY does. PostgreSQL already has
  Django's ``varchar_pattern_ops`` index on the path for LIKE.
* Every database: routing looks a child up by slug within its parent's path range. With one
  slug index the database picked the slug and read every page of that slug in the province
  (each school has its own "column", and generated or copied slugs repeat); slug and path
  together find the one child.
* Every database: treebeard finds children by depth and a path range that, for the province,
  spans the whole tree (the portal's menu read 100,000 index entries to find 13 cities); depth
  and path together find the children alone. On SQLite the same pair is indexed once more with
  NOCASE for queries that combine a depth with LIKE (a child found by type, the brand page).
"""

from django.db import migrations

NOCASE = "yxyp_page_path_nocase"
SLUG_PATH = "yxyp_page_slug_path"
DEPTH_PATH = "yxyp_page_depth_path"
DEPTH_NOCASE = "yxyp_page_depth_path_nocase"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for index, columns in ((NOCASE, "path"), (DEPTH_NOCASE, "depth, path")):
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {index} ON wagtailcore_page"
                f" ({columns} COLLATE NOCASE)"
            )
    for index, columns in ((SLUG_PATH, "slug, path"), (DEPTH_PATH, "depth, path")):
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON wagtailcore_page ({columns})")


def drop(apps, schema_editor):
    for index in (NOCASE, DEPTH_NOCASE, SLUG_PATH, DEPTH_PATH):
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_school_moderation_task")]

    operations = [migrations.RunPython(create, drop)]
