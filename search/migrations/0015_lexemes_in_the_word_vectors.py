"""PostgreSQL's word and character vectors each hold three more lexemes: ``#n``, the
document's sample bucket (its page id modulo 64), ``#k`` and its kind, ``#y`` and its year. A
search whose facets are estimated from a sample (more than EXACT_FACETS_UP_TO matches) asks
for a few buckets inside the same GIN match, so only the sample's rows are read: counting a
facet of a word in 97,000 of 100,000 documents took 40 ms reading every match to keep one in
16, and takes 9 reading the one. A search for a kind or a year asks for them there too, so GIN
intersects them with the words instead of every match of the words being read to test them.
No analysed token holds "#" (analysis.WORD), so no query matches these by its words.

Generated columns cannot change their expression in place before PostgreSQL 17: both are
dropped and added again with their indexes, which rewrites the table (about a minute for
100,000 documents, during which searches wait: migrate outside busy hours). SQLite is
untouched.
"""

import importlib

from django.db import migrations

initial = importlib.import_module("search.migrations.0001_squashed_0009_facetvalue")
# The sample bucket, the kind and the year (0 for none) as three lexemes.
LEXEMES = "('#' || (page_id % 64) || ' #k' || kind || ' #y' || coalesce(year, 0))::tsvector"


def vectors_sql(lexemes):
    suffix = f" || {lexemes}" if lexemes else ""
    return [
        "DROP INDEX search_document_words",
        "DROP INDEX search_document_characters",
        "ALTER TABLE search_searchdocument DROP COLUMN words, DROP COLUMN characters",
        f"""ALTER TABLE search_searchdocument
            ADD COLUMN words tsvector GENERATED ALWAYS AS
                (to_tsvector('simple', regexp_replace(tokens, '{initial.SINGLE_HAN}', '', 'g'))
                 {suffix}) STORED,
            ADD COLUMN characters tsvector GENERATED ALWAYS AS
                (to_tsvector('simple', regexp_replace(tokens, '{initial.NOT_SINGLE_HAN}', '', 'g'))
                 {suffix}) STORED""",
        """ALTER TABLE search_searchdocument
            ALTER COLUMN words SET STORAGE EXTERNAL,
            ALTER COLUMN characters SET STORAGE EXTERNAL""",
        "CREATE INDEX search_document_words ON search_searchdocument USING GIN (words)",
        "CREATE INDEX search_document_characters ON search_searchdocument USING GIN (characters)",
    ]


def run(lexemes):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in vectors_sql(lexemes):
                schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0014_language_index")]

    operations = [migrations.RunPython(run(LEXEMES), run(None))]
