"""PostgreSQL: match and rank on a vector of words, kept apart from the vector of characters.

Every Han character is indexed on its own (for phrase matching of names the segmenter does not
know), which more than doubles the size of one combined vector and pushes it out of line into
TOAST: a common word then read and decompressed a TOAST entry for every matching row. Words
alone stay inline in the row (storage MAIN) while the long columns move out of line
(EXTERNAL), so a full scan for a word found in most documents reads only the table itself.
"""

from django.db import migrations

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
SINGLE_HAN = rf"(^| ){HAN}(?= |$)"
NOT_SINGLE_HAN = rf"(^| )(?!{HAN}(?= |$))[^ ]+"

FORWARD = [
    "ALTER TABLE search_searchdocument DROP COLUMN tsv",
    f"""ALTER TABLE search_searchdocument
        ADD COLUMN words tsvector GENERATED ALWAYS AS
            (to_tsvector('simple', regexp_replace(tokens, '{SINGLE_HAN}', '', 'g'))) STORED,
        ADD COLUMN characters tsvector GENERATED ALWAYS AS
            (to_tsvector('simple', regexp_replace(tokens, '{NOT_SINGLE_HAN}', '', 'g'))) STORED""",
    """ALTER TABLE search_searchdocument
        ALTER COLUMN words SET STORAGE MAIN,
        ALTER COLUMN characters SET STORAGE EXTERNAL,
        ALTER COLUMN tokens SET STORAGE EXTERNAL,
        ALTER COLUMN text SET STORAGE EXTERNAL,
        ALTER COLUMN summary SET STORAGE EXTERNAL""",
    # Storage applies to rows written from now on: write the existing ones again.
    "UPDATE search_searchdocument SET tokens = tokens",
    "CREATE INDEX search_document_words ON search_searchdocument USING GIN (words)",
    "CREATE INDEX search_document_characters ON search_searchdocument USING GIN (characters)",
]
BACKWARD = [
    "ALTER TABLE search_searchdocument DROP COLUMN words, DROP COLUMN characters",
    """ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED""",
    "CREATE INDEX search_document_tsv ON search_searchdocument USING GIN (tsv)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0003_facet_index")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
