"""Checks run when an editor saves a page, before anyone publishes it: words from the
maintained banned-word list, and dates that are missing or in the future. They warn rather
than block, since only the editor knows whether a match is a false alarm."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from analysis import banned_words_in
from pages.text import page_text


def prepublish_warnings(page):
    """Human-readable warnings for a specific page; an empty list when all is well."""
    warnings = []
    found = banned_words_in(f"{page.title}\n{page_text(page)}")
    if found:
        warnings.append(
            _("Words from the banned-word list: %(words)s. Check them before publishing.")
            % {"words": "、".join(found)}
        )
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
