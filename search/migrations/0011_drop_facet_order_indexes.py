from django.db import migrations

# SQLite's facet- and tag-ordered indexes counted a common word's facets by reading them whole;
# facets above search.engines.base.EXACT_FACETS_UP_TO matches are now counted from a sample of
# the matches, so nothing reads them and every write paid for them.
SQL = {
    "sqlite": (
        ["DROP INDEX search_tag_groups", "DROP INDEX search_document_groups"],
        [
            """CREATE INDEX search_document_groups ON search_searchdocument
                (language, school_id, kind, year, activity_type_id, page_id)""",
            "CREATE INDEX search_tag_groups ON search_searchtag (facet, name, document_id)",
        ],
    )
}


def facet_order_indexes(drop):
    def run(apps, schema_editor):
        statements = SQL.get(schema_editor.connection.vendor)
        for statement in statements[0 if drop else 1] if statements else ():
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0010_document_language")]

    operations = [migrations.RunPython(facet_order_indexes(drop=True), facet_order_indexes(drop=False))]
