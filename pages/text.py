"""The plain text of a page, as its own ``search_fields`` define it: what search indexes and
what the pre-publish checks read, so both follow the page models."""

from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText
from wagtail.search import index


def plain_text(value):
    """A field's value as one line of plain text (StreamField, rich text or a plain value)."""
    if value is None:
        return ""
    if isinstance(value, StreamValue):
        return " ".join(
            part.strip()
            for part in value.stream_block.get_searchable_content(value)
            if part.strip()
        )
    if isinstance(value, RichText):
        value = value.source
    return " ".join(strip_tags(str(value)).split())


def page_text(page):
    """The text of the page's own ``search_fields``, so indexing follows the models."""
    parts = []
    for search_field in page.get_search_fields():
        if isinstance(search_field, index.SearchField):
            value = getattr(page, search_field.field_name, None)
            if callable(value):
                value = value()
            parts.append(plain_text(value))
        elif isinstance(search_field, index.RelatedFields):
            related = getattr(page, search_field.field_name, None)
            if related is None:
                continue
            objects = related.all() if hasattr(related, "all") else [related]
            parts.extend(str(obj) for obj in objects)
    return "\n".join(part for part in parts if part)
