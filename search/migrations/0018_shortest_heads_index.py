"""On PostgreSQL, the documents shortest head first, then newest first: the order in which a
query of one word ranks its head matches. The engine walks this index for the first of them
(search.engines.postgres, PostgresEngine._ranked_head) instead of ranking every head match of a
common word. Not on SQLite, whose engine ranks through its full-text tables.
"""

from django.db import migrations

INDEX = "search_document_shortest_heads"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON search_searchdocument"
            " ((length(head)), date DESC NULLS LAST, page_id DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0017_language_in_the_word_vectors")]

    operations = [migrations.RunPython(create, drop)]
