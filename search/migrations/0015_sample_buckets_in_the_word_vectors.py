"""PostgreSQL's word and character vectors each hold one more lexeme, ``#n``, the document's
sample bucket (its page id modulo 64). A search whose facets are estimated from a sample
(more than EXACT_FACETS_UP_TO matches) asks for a few buckets inside the same GIN match, so
only the sample's rows are read: counting a facet of a word in 97,000 of 100,000 documents
took 40 ms reading every match to keep one in 16, and takes 9 reading the one. No analysed
token holds "#" (analysis.WORD), so no query matches a bucket by its words.

Generated columns cannot change their expression in place before PostgreSQL 17: both are
dropped and added again with their indexes, which rewrites the table (about a minute for
100,000 documents, during which searches wait: migrate outside busy hours). SQLite is
untouched.
"""

import importlib

from django.db import migrations

initial = importlib.import_module("search.migrations.0001_squashed_0009_facetvalue")
BUCKET = "('#' || (page_id % 64))::tsvector"


def vectors_sql(bucket):
    suffix = f" || {bucket}" if bucket else ""
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


def run(bucket):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in vectors_sql(bucket):
                schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0014_language_index")]

    operations = [migrations.RunPython(run(BUCKET), run(None))]
