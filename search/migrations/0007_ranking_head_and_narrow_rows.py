"""Rank on what a page is about, and keep the rows that matching reads narrow.

A common word matches most documents, and reading every match's word vector to rank it cost
more than the 100 ms a search may take. Ranking now reads only the ``head`` (the words of the title
and tags), which is small: matches in the head rank first, by how well
they match; the rest follow newest first (see engines.py).

SQLite: a second FTS5 table over ``head_tokens`` (its posting lists are short, so bm25 over it is
cheap), and indexes in facet and tag order, so counting a common word's matches reads each
index once in order instead of sorting every match.

PostgreSQL: a ``head`` vector (positions stripped: a title rarely repeats a word) kept in the row
with its own GIN index. Every long column, the word vector included, moves out of line as soon
as a row is written (a ``toast_tuple_target`` of 128 bytes, storage EXTERNAL; ``path`` stays
PLAIN because scopes filter on it), so the table that GIN matches point into is about 300 bytes
a row: matching and counting 100,000 documents read some 30 MB instead of 180 MB. Rows written
before this migration keep their old layout until ``rebuild_search`` writes them again, which
also fills ``head_tokens``.
"""

from importlib import import_module

from django.db import migrations

FULL_TEXT_INDEX = import_module("search.migrations.0002_full_text_index")
run = FULL_TEXT_INDEX.run  # statements by database vendor

# Adding head_tokens made SQLite rebuild the documents table, which drops its triggers: the
# full-text triggers of 0002 are created again first.
FULL_TEXT_TRIGGERS = [
    statement
    for statement in FULL_TEXT_INDEX.SQLITE_FORWARD
    if statement.startswith("CREATE TRIGGER")
]

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    *FULL_TEXT_TRIGGERS,
    """CREATE VIRTUAL TABLE search_head_fts USING fts5(
        head_tokens, content='search_searchdocument', content_rowid='page_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_head_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_head_fts(rowid, head_tokens) VALUES (new.page_id, new.head_tokens);
        END""",
    """CREATE TRIGGER search_head_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_head_fts(search_head_fts, rowid, head_tokens)
        VALUES ('delete', old.page_id, old.head_tokens); END""",
    """CREATE TRIGGER search_head_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_head_fts(search_head_fts, rowid, head_tokens)
        VALUES ('delete', old.page_id, old.head_tokens);
        INSERT INTO search_head_fts(rowid, head_tokens) VALUES (new.page_id, new.head_tokens);
        END""",
    "INSERT INTO search_head_fts(search_head_fts) VALUES ('rebuild')",
    """CREATE INDEX search_document_groups ON search_searchdocument
        (school_id, kind, year, activity_type_id, page_id)""",
    "CREATE INDEX search_tag_groups ON search_searchtag (facet, name, document_id)",
]
SQLITE_BACKWARD = [
    "DROP INDEX search_tag_groups",
    "DROP INDEX search_document_groups",
    "DROP TRIGGER search_head_fts_update",
    "DROP TRIGGER search_head_fts_delete",
    "DROP TRIGGER search_head_fts_insert",
    "DROP TABLE search_head_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN head tsvector
        GENERATED ALWAYS AS (strip(to_tsvector('simple', head_tokens))) STORED""",
    """ALTER TABLE search_searchdocument
        ALTER COLUMN head SET STORAGE MAIN,
        ALTER COLUMN words SET STORAGE EXTERNAL,
        ALTER COLUMN head_tokens SET STORAGE EXTERNAL,
        ALTER COLUMN path SET STORAGE PLAIN""",
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
    "CREATE INDEX search_document_head ON search_searchdocument USING GIN (head)",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchdocument DROP COLUMN head",
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
    """ALTER TABLE search_searchdocument
        ALTER COLUMN words SET STORAGE MAIN,
        ALTER COLUMN path SET STORAGE EXTENDED""",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_searchdocument_head_tokens")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
