"""The active Locale without a query each time it is asked for.

Wagtail looks the active Locale up in the database on every call of ``Locale.get_active``:
when routing a request and for every page link it renders (``Page.localized``), a dozen
queries for one column post. Locales are a few rows that change when an administrator adds
a language, so each process keeps them by language code for a few minutes and forgets them
at once when a Locale is saved or deleted in that process.
"""

import time

from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale

MAX_AGE = 300
_by_language = {}
_original_get_active = Locale.get_active.__func__


def forget(**kwargs):
    _by_language.clear()


def _get_active(cls):
    language = translation.get_language()
    found = _by_language.get(language)
    if found is None or time.monotonic() - found[1] > MAX_AGE:
        found = _by_language[language] = (_original_get_active(cls), time.monotonic())
    return found[0]


def install():
    Locale.get_active = classmethod(_get_active)
    post_save.connect(forget, sender=Locale, dispatch_uid="yxyp_locales_saved")
    post_delete.connect(forget, sender=Locale, dispatch_uid="yxyp_locales_deleted")
