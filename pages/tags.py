"""Tags as Chinese writers type them: the full-width comma "，" and the enumeration comma
"、" separate tags as the ASCII comma does (issue 18, item 9). taggit parses every tag string
through TAGGIT_TAGS_FROM_STRING: the admin's tag field, forms, imports."""

from taggit.utils import _parse_tags

SEPARATORS = str.maketrans({"，": ",", "、": ","})


def tags_from_string(text):
    """Outside double quotes only: a quoted tag stays as written, commas and all."""
    parts = text.split('"')
    parts[::2] = [part.translate(SEPARATORS) for part in parts[::2]]
    return _parse_tags('"'.join(parts))
