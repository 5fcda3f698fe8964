"""On PostgreSQL, the documents newest first: the engine walks this index for the newest
matches of a query that matches densely, instead of gathering and sorting them all
(search.engines.postgres, PostgresEngine._by_date). The engine chooses when; the planner,
left to itself, also walked it for rare words.

Not on SQLite, whose engine finds matches through its full-text tables.
"""

from django.db import migrations

INDEX = "search_document_newest"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON search_searchdocument (date DESC NULLS LAST, page_id DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0015_lexemes_in_the_word_vectors")]

    operations = [migrations.RunPython(create, drop)]
