"""The engine-side full-text index over SearchDocument.tokens.

SQLite: an FTS5 table kept in step by triggers. PostgreSQL: a generated tsvector column with a
GIN index. The tokens are already segmented, so both use a plain whitespace/Unicode tokenizer.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        tokens, content='search_searchdocument', content_rowid='page_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, tokens) VALUES (new.page_id, new.tokens); END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, tokens)
        VALUES ('delete', old.page_id, old.tokens); END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, tokens)
        VALUES ('delete', old.page_id, old.tokens);
        INSERT INTO search_fts(rowid, tokens) VALUES (new.page_id, new.tokens); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED""",
    "CREATE INDEX search_document_tsv ON search_searchdocument USING GIN (tsv)",
]
POSTGRES_BACKWARD = ["ALTER TABLE search_searchdocument DROP COLUMN tsv"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
