"""Tags as Chinese writers type them, within bounds.

The full-width comma "，" and the enumeration comma "、" separate tags as the ASCII comma does
(issue 18, item 9). taggit parses every tag string through TAGGIT_TAGS_FROM_STRING: the admin's
tag field, forms, imports.

A page has at most MAX_TAGS tags of at most MAX_TAG_LENGTH characters (issue 33, item 6): 3,000
tags on one page tied up a worker for two minutes on save, and every page showing them grew with
them. The parser refuses more, so every form says so on its tag field before any tag is made;
the page's own ``clean`` (SchoolContentPage) refuses them from every other writer (imports,
translations, plugin code, publishing a revision).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from taggit.utils import _parse_tags

SEPARATORS = str.maketrans({"，": ",", "、": ","})
MAX_TAGS = 20
MAX_TAG_LENGTH = 30


def tags_from_string(text):
    """Outside double quotes only: a quoted tag stays as written, commas and all."""
    parts = text.split('"')
    parts[::2] = [part.translate(SEPARATORS) for part in parts[::2]]
    names = _parse_tags('"'.join(parts))
    check(names)
    return names


def check(names):
    """Refuses more than MAX_TAGS tags, or a tag longer than MAX_TAG_LENGTH characters."""
    if len(names) > MAX_TAGS:
        raise ValidationError(
            _("A page has at most %(limit)d tags; these are %(count)d.")
            % {"limit": MAX_TAGS, "count": len(names)},
            code="too_many_tags",
        )
    for name in names:
        if len(name) > MAX_TAG_LENGTH:
            raise ValidationError(
                _("A tag has at most %(limit)d characters; “%(start)s…” has %(length)d.")
                % {"limit": MAX_TAG_LENGTH, "start": name[:10], "length": len(name)},
                code="tag_too_long",
            )


def check_page(page):
    """``check`` on the tags ``page`` is about to be saved with. Tags the page already has in
    the database pass, so a page from before the limit can still be saved, and trimmed; it only
    never gains a tag beyond them."""
    names = [tag.name for tag in page.tags.all()]
    try:
        check(names)
    except ValidationError as error:
        stored = set()
        if page.pk is not None:
            rows = page.tags.through.objects.filter(content_object_id=page.pk)
            stored = set(rows.values_list("tag__name", flat=True))
        if not set(names) <= stored:
            raise ValidationError({"tags": error}) from error
