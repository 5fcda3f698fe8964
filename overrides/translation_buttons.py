"""wagtail-localize's "Translate this page" and "Sync translated pages" buttons in the admin's
explorer, answered for the whole listing at once.

No upstream issue found: wagtail-localize 1.14.5 (verified) asks two or three queries of every
row of a listing (is a locale left to translate into; is the page a translation source with
translations), so a county's explorer of 100 schools cost some 250 queries more than one of 10.
Here the explorer's queryset carries both answers as annotations (one subquery each), and the
listing's button hook reads them; rows without them (the page header, other listings) are asked
as wagtail-localize asks. Can go if wagtail-localize batches its listing buttons.

Its hook function is fingerprinted (overrides.fence): a change is a system check warning (a hook
renamed leaves wagtail-localize's own buttons, slower but right).
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page

from overrides import fence

HOOK = "register_page_listing_more_buttons"
FENCE = fence.warned(
    fence.Code("wagtail_localize.wagtail_hooks", "page_listing_more_buttons", "feb61f021e17ebeb"),
)


def annotated(pages):
    """``pages`` with what the buttons ask: a locale without a (non-alias) translation, and
    the page's translation source when one of its translations is enabled."""
    from wagtail_localize.models import TranslationSource

    translated = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return pages.annotate(
        localize_untranslated=Exists(Locale.objects.exclude(id__in=translated)),
        localize_source=Subquery(sources),
    )


def _listing_buttons(original):
    def buttons(page, user, view_name=None, next_url=None):
        if not hasattr(page, "localize_untranslated"):
            yield from original(page, user, view_name=view_name, next_url=next_url)
            return
        if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
            return
        if page.localize_untranslated:
            url = reverse(
                "wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]
            )
            yield ListingButton(
                _("Translate this page"), url, priority=60, icon_name="wagtail-localize-language"
            )
        if page.localize_source is not None:
            url = reverse("wagtail_localize:update_translations", args=[page.localize_source])
            if next_url is not None:
                url += "?" + urlencode({"next": next_url})
            yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")

    return buttons


def install():
    from wagtail_localize import wagtail_hooks as localize_hooks

    original = localize_hooks.page_listing_more_buttons
    hooks._hooks[HOOK] = [
        (_listing_buttons(fn) if fn is original else fn, order)
        for fn, order in hooks._hooks.get(HOOK, [])
    ]
