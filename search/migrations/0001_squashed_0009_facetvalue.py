"""The search index's tables, and what each database needs besides them to search them.

The tokens are segmented before they are stored, so both databases index them with a plain
whitespace/Unicode tokenizer.

SQLite: FTS5 tables over ``tokens`` and over ``head_tokens`` (the words of the title and tags,
whose short posting lists make bm25 ranking cheap), kept in step by triggers; indexes in facet
and tag order, so counting a common word's matches reads each index once in order.

PostgreSQL: generated vectors of the words (``words``) and of the single Han characters
(``characters``, for phrase matching of names the segmenter does not know) kept apart, since one
combined vector is twice as large; a ``head`` vector without positions, kept in the row with its
own GIN index, which ranking reads. Every long column moves out of line as soon as a row is
written (``toast_tuple_target`` of 128 bytes, storage EXTERNAL; ``path`` stays PLAIN because
scopes filter on it; ``labels`` stays MAIN because facet counts read it), so the table the GIN
matches point into is about 300 bytes a row.

The SQL is one RunSQL per database, so ``sqlmigrate`` shows it and migrating back removes it;
search.E001 (search/checks.py) fails the start-up when any of it is missing.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models, router

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
SINGLE_HAN = rf"(^| ){HAN}(?= |$)"
NOT_SINGLE_HAN = rf"(^| )(?!{HAN}(?= |$))[^ ]+"


def fts5_table(table, column):
    """An external-content FTS5 table over one column of the documents and its three triggers."""
    return [
        f"""CREATE VIRTUAL TABLE {table} USING fts5(
            {column}, content='search_searchdocument', content_rowid='page_id',
            tokenize='unicode61 remove_diacritics 0')""",
        f"""CREATE TRIGGER {table}_insert AFTER INSERT ON search_searchdocument BEGIN
            INSERT INTO {table}(rowid, {column}) VALUES (new.page_id, new.{column}); END""",
        f"""CREATE TRIGGER {table}_delete AFTER DELETE ON search_searchdocument BEGIN
            INSERT INTO {table}({table}, rowid, {column})
            VALUES ('delete', old.page_id, old.{column}); END""",
        f"""CREATE TRIGGER {table}_update AFTER UPDATE ON search_searchdocument BEGIN
            INSERT INTO {table}({table}, rowid, {column})
            VALUES ('delete', old.page_id, old.{column});
            INSERT INTO {table}(rowid, {column}) VALUES (new.page_id, new.{column}); END""",
    ]


def drop_fts5_table(table):
    return [f"DROP TRIGGER {table}_{event}" for event in ("update", "delete", "insert")] + [
        f"DROP TABLE {table}"
    ]


SQL = {
    "sqlite": (
        [
            *fts5_table("search_fts", "tokens"),
            *fts5_table("search_head_fts", "head_tokens"),
            """CREATE INDEX search_document_groups ON search_searchdocument
                (school_id, kind, year, activity_type_id, page_id)""",
            "CREATE INDEX search_tag_groups ON search_searchtag (facet, name, document_id)",
        ],
        [
            "DROP INDEX search_tag_groups",
            "DROP INDEX search_document_groups",
            *drop_fts5_table("search_head_fts"),
            *drop_fts5_table("search_fts"),
        ],
    ),
    "postgresql": (
        [
            f"""ALTER TABLE search_searchdocument
                ADD COLUMN words tsvector GENERATED ALWAYS AS
                    (to_tsvector('simple', regexp_replace(tokens, '{SINGLE_HAN}', '', 'g')))
                    STORED,
                ADD COLUMN characters tsvector GENERATED ALWAYS AS
                    (to_tsvector('simple', regexp_replace(tokens, '{NOT_SINGLE_HAN}', '', 'g')))
                    STORED,
                ADD COLUMN head tsvector GENERATED ALWAYS AS
                    (strip(to_tsvector('simple', head_tokens))) STORED""",
            """ALTER TABLE search_searchdocument
                ALTER COLUMN head SET STORAGE MAIN,
                ALTER COLUMN labels SET STORAGE MAIN,
                ALTER COLUMN path SET STORAGE PLAIN,
                ALTER COLUMN words SET STORAGE EXTERNAL,
                ALTER COLUMN characters SET STORAGE EXTERNAL,
                ALTER COLUMN tokens SET STORAGE EXTERNAL,
                ALTER COLUMN head_tokens SET STORAGE EXTERNAL,
                ALTER COLUMN text SET STORAGE EXTERNAL,
                ALTER COLUMN summary SET STORAGE EXTERNAL""",
            "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
            "CREATE INDEX search_document_words ON search_searchdocument USING GIN (words)",
            "CREATE INDEX search_document_characters ON search_searchdocument USING GIN (characters)",
            "CREATE INDEX search_document_head ON search_searchdocument USING GIN (head)",
        ],
        [
            "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
            """ALTER TABLE search_searchdocument
                DROP COLUMN head, DROP COLUMN characters, DROP COLUMN words""",
        ],
    ),
}


class RunSQLFor(migrations.RunSQL):
    """RunSQL with statements per database vendor (forwards, backwards)."""

    def __init__(self, statements):
        self.statements = statements
        super().__init__(sql=statements, reverse_sql=statements)

    def deconstruct(self):
        return self.__class__.__name__, [self.statements], {}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, 0)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, 1)

    def _run(self, app_label, schema_editor, direction):
        connection = schema_editor.connection
        if router.allow_migrate(connection.alias, app_label, **self.hints):
            self._run_sql(schema_editor, self.statements.get(connection.vendor, ([], []))[direction])

    def describe(self):
        return "Full-text tables, vectors and indexes of the search documents"


class Migration(migrations.Migration):
    replaces = [
        ("search", "0001_initial"),
        ("search", "0002_full_text_index"),
        ("search", "0003_facet_index"),
        ("search", "0004_postgres_word_and_character_vectors"),
        ("search", "0005_plugin_facets"),
        ("search", "0006_searchdocument_head_tokens"),
        ("search", "0007_ranking_head_and_narrow_rows"),
        ("search", "0008_searchdocument_labels"),
        ("search", "0009_facetvalue"),
    ]

    initial = True

    dependencies = [
        ("pages", "0002_seed_activity_types_and_locales"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("path", models.CharField(db_index=True, max_length=255)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("column", "Column post"),
                            ("activity", "Activity report"),
                            ("case", "Exemplar case"),
                            ("brand", "Brand"),
                            ("school", "School"),
                        ],
                        db_index=True,
                        max_length=10,
                    ),
                ),
                ("date", models.DateField(db_index=True, null=True)),
                ("year", models.PositiveSmallIntegerField(db_index=True, null=True)),
                ("title", models.CharField(max_length=255)),
                ("summary", models.TextField(blank=True)),
                (
                    "text",
                    models.TextField(
                        blank=True, help_text="Plain text in simplified characters, for snippets."
                    ),
                ),
                ("tokens", models.TextField(help_text="Analysed tokens, space-separated.")),
                (
                    "head_tokens",
                    models.TextField(
                        blank=True,
                        help_text="Analysed words of what the page is about: its title and "
                        "tags. Matches here rank first.",
                    ),
                ),
                (
                    "labels",
                    models.TextField(
                        blank=True,
                        null=True,
                        help_text="The values in FacetValue again, 'facet|value' a line, so "
                        "that PostgreSQL counts them in the matching rows instead of joining "
                        "every match's tags.",
                    ),
                ),
                (
                    "activity_type",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="pages.activitytype",
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="pages.schoolhomepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
                "indexes": [
                    models.Index(
                        fields=["page", "path", "kind", "year", "school", "activity_type", "date"],
                        name="search_document_facets",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="FacetValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(blank=True, default="", max_length=40)),
                ("name", models.CharField(db_index=True, max_length=100)),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tags",
                        to="search.searchdocument",
                    ),
                ),
            ],
            options={
                "db_table": "search_searchtag",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("document", "facet", "name"), name="unique_search_facet_value"
                    )
                ],
            },
        ),
        RunSQLFor(SQL),
    ]
