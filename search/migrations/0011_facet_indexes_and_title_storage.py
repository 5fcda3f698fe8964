"""Two changes to what the search statements read, one per database.

SQLite: the facet- and tag-ordered indexes counted a common word's facets by reading them
whole. Facets above search.engines.base.EXACT_FACETS_UP_TO matches are now counted from a
sample of the matches, so nothing reads the indexes and every write paid for them: dropped.

PostgreSQL: a document's title stays in its row. At ``toast_tuple_target`` 128 the title
(storage EXTENDED) moved out of line in every row, and ranking a query of several Chinese words
tests each head match's title for the words as one phrase (search.engines.postgres.direct_sql):
a query whose head matches 28,000 documents read 28,000 titles from the TOAST table, 470 of its
700 ms. MAIN keeps it in the row (about 50 bytes); the rows already written are rewritten
here, since only a changed value is stored anew.
"""

from django.db import migrations

SQL = {
    "sqlite": (
        ["DROP INDEX search_tag_groups", "DROP INDEX search_document_groups"],
        [
            """CREATE INDEX search_document_groups ON search_searchdocument
                (language, school_id, kind, year, activity_type_id, page_id)""",
            "CREATE INDEX search_tag_groups ON search_searchtag (facet, name, document_id)",
        ],
    ),
    "postgresql": (
        [
            "ALTER TABLE search_searchdocument ALTER COLUMN title SET STORAGE MAIN",
            "UPDATE search_searchdocument SET title = title || ''",
        ],
        ["ALTER TABLE search_searchdocument ALTER COLUMN title SET STORAGE EXTENDED"],
    ),
}


def statements(forwards):
    def run(apps, schema_editor):
        found = SQL.get(schema_editor.connection.vendor)
        for statement in found[0 if forwards else 1] if found else ():
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0010_document_language")]

    operations = [migrations.RunPython(statements(True), statements(False))]
