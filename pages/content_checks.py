"""Checks run when an editor saves content, before anyone publishes it: words from the
banned-word list (the platform's and the page's regions', pages.BannedWord), and dates that
are missing or in the future. They warn rather than block, since only the editor knows whether
a match is a false alarm; the reviewer is shown the same warnings before approving."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from analysis import fold
from pages.models import BannedWord
from pages.text import page_text


def banned_words(path=None):
    """The words that apply at the tree ``path`` of a page: the platform's and those of the
    regions above it. Without a path, every region's too (for what the whole province sees)."""
    words = BannedWord.objects.all()
    if path is not None:
        above = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
        words = words.filter(Q(region=None) | Q(region__path__in=above))
    return sorted({fold(word) for word in words.values_list("word", flat=True)})


def banned_words_in(text, path=None):
    """The banned words (see ``banned_words``) in ``text``, whatever its width or script."""
    folded = fold(text)
    return [word for word in banned_words(path) if word in folded]


def banned_words_warning(found):
    return _("Words from the banned-word list: %(words)s. Check them before publishing.") % {
        "words": "、".join(found)
    }


def prepublish_warnings(page):
    """Human-readable warnings for a specific page; an empty list when all is well."""
    warnings = []
    if found := banned_words_in(f"{page.title}\n{page_text(page)}", page.path):
        warnings.append(banned_words_warning(found))
    today = timezone.localdate()
    for field_name in ("date", "year"):
        if not hasattr(page, field_name):
            continue
        value = getattr(page, field_name)
        label = page._meta.get_field(field_name).verbose_name
        if value is None:
            warnings.append(_("The %(field)s is missing.") % {"field": label})
        elif isinstance(value, datetime.date) and value > today:
            warnings.append(
                _("The %(field)s is in the future; to publish later, use scheduled publishing.")
                % {"field": label}
            )
    return warnings
