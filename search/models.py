"""The search index: one row per live, public, searchable page, in analysed form.

Kept in the platform's own table rather than Wagtail's index so that every engine (SQLite FTS5,
PostgreSQL full text, Elasticsearch) searches the same pre-segmented tokens, and so that scopes
and facets are plain columns that SQL can filter and count exactly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        COLUMN = "column", _("Column post")
        ACTIVITY = "activity", _("Activity report")
        CASE = "case", _("Exemplar case")
        BRAND = "brand", _("Brand")
        SCHOOL = "school", _("School")

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # A Chinese page's own tree path; for an edition in another language, the path of its
    # Chinese page, so that scopes, the school and the region facets are one for both.
    path = models.CharField(max_length=255, db_index=True)
    # Nullable for a plain ALTER TABLE on SQLite (see ``labels``); every row has one.
    language = models.CharField(max_length=10, null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    school = models.ForeignKey(
        "pages.SchoolHomePage", null=True, on_delete=models.CASCADE, related_name="+"
    )
    activity_type = models.ForeignKey(
        "pages.ActivityType", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(null=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    text = models.TextField(
        blank=True, help_text="Plain text in simplified characters, for snippets."
    )
    tokens = models.TextField(help_text="Analysed tokens, space-separated.")
    head_tokens = models.TextField(
        blank=True,
        help_text="Analysed words of what the page is about: its title and tags. "
        "Matches here rank first.",
    )
    # Nullable so that adding it is a plain ALTER TABLE on SQLite: rebuilding the table would
    # drop the full-text triggers and indexes the search migrations made in SQL.
    labels = models.TextField(
        null=True,
        blank=True,
        help_text="The values in FacetValue again, 'facet|value' a line, so that PostgreSQL "
        "counts them in the matching rows instead of joining every match's tags.",
    )

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            # Covers the columns facets and filters read for every match, so counting
            # 100,000 matches never touches the wide rows (text, tokens), and the title,
            # which ranking tests every head match's for the query as one phrase.
            models.Index(
                fields=[
                    "page",
                    "path",
                    "kind",
                    "year",
                    "school",
                    "activity_type",
                    "date",
                    "language",
                    "title",
                ],
                name="search_document_facets",
            )
        ]

    def __str__(self):
        return self.title


class FacetValue(models.Model):
    """A value a document is counted and filtered under: one of its page's tags (``facet``
    empty) or a value of a plugin's search facet (``facet`` is the facet's name). Its table
    keeps the name it had as SearchTag, which the engines' SQL uses."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="tags")
    facet = models.CharField(max_length=40, blank=True, default="")
    name = models.CharField(max_length=100, db_index=True)

    class Meta:
        db_table = "search_searchtag"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "facet", "name"], name="unique_search_facet_value"
            )
        ]

    def __str__(self):
        return self.name
