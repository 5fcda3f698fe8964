"""The active Locale without a query each time it is asked for.

Upstream: wagtail#10329 (fixed only for sites without WAGTAIL_I18N_ENABLED; verified against
Wagtail 8.0.1). Wagtail looks the active Locale up in the database on every call of
``Locale.get_active``: when routing a request and for every page link it renders
(``Page.localized``), a dozen queries for one column post. Locales are a few rows that change
when an administrator adds a language, so each process keeps them by language code and drops
them in every process when a Locale is saved or deleted (pages.invalidation). Can go when
Wagtail caches the active Locale itself.
"""

from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale

from overrides import fence
from pages.invalidation import Kept

FENCE = fence.warned(fence.Code("wagtail.models", "Locale.get_active", "71993294b1ef4d25"))

_kept = Kept("locales", max_age=300)
_wagtail_get_active = Locale.get_active.__func__


def forget(**kwargs):
    _kept.forget()


def _get_active(cls):
    return _kept.get(translation.get_language(), lambda: _wagtail_get_active(cls))


def install():
    Locale.get_active = classmethod(_get_active)
    post_save.connect(forget, sender=Locale, dispatch_uid="yxyp_locales_saved")
    post_delete.connect(forget, sender=Locale, dispatch_uid="yxyp_locales_deleted")
