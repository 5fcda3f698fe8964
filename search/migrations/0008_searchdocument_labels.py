"""Facet values in the document row, so PostgreSQL counts them where it reads the matches.

Counting the tags of a common word's matches joined every match with its rows in
search_searchtag (about 200,000 at 100,000 documents), which took longer than the rest of the
search. ``labels`` holds the same values, 'facet|value' a line; it is kept in the row on
PostgreSQL (storage MAIN) and filled here from search_searchtag. SearchTag stays: filters and
SQLite's index-ordered counting read it.
"""

from importlib import import_module

from django.db import migrations, models

run = import_module("search.migrations.0002_full_text_index").run

FILL = """UPDATE search_searchdocument SET labels = (
    SELECT {aggregate} FROM search_searchtag t
    WHERE t.document_id = search_searchdocument.page_id)"""

FORWARD = {
    "postgresql": [
        "ALTER TABLE search_searchdocument ALTER COLUMN labels SET STORAGE MAIN",
        FILL.format(aggregate="string_agg(t.facet || '|' || t.name, E'\\n')"),
    ],
    "sqlite": [FILL.format(aggregate="group_concat(t.facet || '|' || t.name, char(10))")],
}


class Migration(migrations.Migration):
    dependencies = [("search", "0007_ranking_head_and_narrow_rows")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="labels",
            field=models.TextField(
                blank=True,
                help_text="The values in SearchTag again, 'facet|value' a line, so that "
                "PostgreSQL counts them in the matching rows instead of joining every "
                "match's tags.",
                null=True,
            ),
        ),
        migrations.RunPython(run(FORWARD), migrations.RunPython.noop),
    ]
