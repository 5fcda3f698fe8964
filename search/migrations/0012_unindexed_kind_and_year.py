"""The documents' kind and year lose their single-column indexes.

Each holds a large share of the documents (activity reports: 30 %, a year: 18 %). With an index
on them, PostgreSQL answered "activities of 2023 mentioning 学生" by fetching those 5,000 rows
and testing each one's out-of-line word vector (a TOAST read apiece: 145 ms a statement, four
statements a search) instead of intersecting with the words' GIN index; without, GIN finds the
matches and kind and year are tested in the row (50 ms). SQLite never used them (its search
statements name the covering index), and no other query filters documents by them alone.

The indexes are dropped by name as the database reports them, not by AlterField: on SQLite
that rebuilds the table, which would drop the full-text triggers (search.E001).
"""

from django.db import migrations, models

COLUMNS = (["kind"], ["year"])


def drop_indexes(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "search_searchdocument")
    for name, details in constraints.items():
        single = details["index"] and not details["unique"] and not details["primary_key"]
        if single and details["columns"] in COLUMNS:
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_indexes(apps, schema_editor):
    model = apps.get_model("search", "SearchDocument")
    for (column,) in COLUMNS:
        field = model._meta.get_field(column)
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [("search", "0011_facet_indexes_and_title_storage")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
            state_operations=[
                migrations.AlterField(
                    model_name="searchdocument",
                    name="kind",
                    field=models.CharField(
                        choices=[
                            ("column", "Column post"),
                            ("activity", "Activity report"),
                            ("case", "Exemplar case"),
                            ("brand", "Brand"),
                            ("school", "School"),
                        ],
                        max_length=10,
                    ),
                ),
                migrations.AlterField(
                    model_name="searchdocument",
                    name="year",
                    field=models.PositiveSmallIntegerField(null=True),
                ),
            ],
        )
    ]
