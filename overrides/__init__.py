"""The one fenced place where Wagtail's and third parties' internals are patched.

Each module names the upstream issue it works around, the Wagtail version it was verified
against (VERIFIED_WAGTAIL; a system check warns when the installed one differs) and when it can
go. ``install()`` puts the patches in place, once, from OverridesConfig.ready(), after checking
each fenced module's record of the upstream code it replaces (overrides.fence): a patch that
enforces the school boundary or privacy ([closed] below) stops the start when that code
changed, rather than silently not applying; for the others ([warned]) a system check warns.
The other modules are called where they are needed (the plugin loader adds body blocks and
child page types through them; cms.urls mounts the tag autocomplete first). Data the patches
keep per process is dropped in every process through one scheme, pages.invalidation.

| module | what it changes |
|---|---|
| routing | Page URLs: Sites by path prefix (wagtail#14620), Site kept (wagtail#4014) [warned] |
| locales | Locale.get_active kept per process (wagtail#10329) [warned] |
| subpages | plugin page types added to core parents' subpage_types |
| body_blocks | plugin blocks added to the shared body StreamField |
| tag_autocomplete | Wagtail's tag autocomplete URLs, inside the school boundary [closed] |
| page_chooser | the page chooser opens atop the user's part of the tree (wagtail#9714) [closed] |
| page_create | a page created twice at once: a form error, not a 500 [warned] |
| restriction_groups | the privacy screens offer only the user's own Groups [closed] |
| jieba_import | jieba imported without pkg_resources |
| unmounted_api | Wagtail's v3 API (django-ninja) not loaded when not installed |
| admin_search | Wagtail's own search index fed the Chinese analysis |
| plugin_hooks | disabled plugins' wagtail_hooks never imported [closed] |
| people_filters | the admin's user filters offer only the user's colleagues [closed] |
| people_names | people outside the user's colleagues named by role only [closed] |
| translations_report | wagtail-localize's translations report, inside the user's schools [closed] |
| chooser_values | choosers show only objects inside the viewer's part of the platform [closed] |
| translation_buttons | wagtail-localize's explorer buttons, for a whole listing at once [warned] |
| account_language | the account page's confirmation in the language just chosen [warned] |
| account_name | the account page asks one 姓名, kept in Chinese order [warned] |
| spreadsheet_export | Wagtail's CSV and XLSX exports written through pages.exports [closed] |
| log_count | the site history report counts log entries, not page log entries [warned] |
| publish_actor | the user a publishing action was given, told to the publishing gate [warned] |
| restriction_history | view restrictions named in the history in the reader's language |
| untranslated_labels | labels Wagtail derives from field names, given through gettext |
| wagtail_translations | Chinese for the strings Wagtail's zh-hans catalogue lacks (not a patch) |
| po_upload | a PO file without wagtail-localize's header: a 400, not a 500 [warned] |
| stream_data | StreamField form data missing its count: a 400, not a 500 [warned] |
| integer_lookups | ``in`` and a key's ``exact`` drop ids the column cannot hold [warned] |
| fence | the records of upstream code each patch replaces, checked at start-up (not a patch) |
"""

import importlib

from django.core.exceptions import ImproperlyConfigured

VERIFIED_WAGTAIL = "8.0.1"
# The modules whose FENCE is checked at start-up (overrides.fence), before any patch.
FENCED = (
    "people_names",
    "people_filters",
    "translations_report",
    "chooser_values",
    "tag_autocomplete",
    "page_chooser",
    "restriction_groups",
    "plugin_hooks",
    "page_create",
    "account_language",
    "account_name",
    "locales",
    "po_upload",
    "stream_data",
    "integer_lookups",
    "routing",
    "translation_buttons",
    "publish_actor",
    "spreadsheet_export",
    "log_count",
)
_installed = False


def fenced():
    """The fenced modules. One that cannot import what it patches (moved, renamed, gone) stops
    the start too, saying which."""
    modules = []
    for name in FENCED:
        try:
            modules.append(importlib.import_module(f"overrides.{name}"))
        except (ImportError, AttributeError) as error:
            raise ImproperlyConfigured(
                f"overrides.{name} cannot import what it patches ({error}), so the process "
                "does not start. Find where upstream moved it, adapt the module and its FENCE."
            ) from error
    return modules


def install():
    global _installed
    if _installed:
        return
    from overrides import fence

    fence.verify(fenced())
    from overrides import (
        account_language,
        account_name,
        admin_search,
        chooser_values,
        integer_lookups,
        locales,
        log_count,
        page_create,
        people_filters,
        people_names,
        plugin_hooks,
        po_upload,
        publish_actor,
        restriction_groups,
        routing,
        spreadsheet_export,
        stream_data,
        translation_buttons,
        translations_report,
        untranslated_labels,
    )

    plugin_hooks.install()
    publish_actor.install()
    people_filters.install()
    people_names.install()
    routing.install()
    locales.install()
    admin_search.install()
    integer_lookups.install()
    untranslated_labels.install()
    page_create.install()
    restriction_groups.install()
    translations_report.install()
    chooser_values.install()
    translation_buttons.install()
    account_language.install()
    account_name.install()
    po_upload.install()
    stream_data.install()
    spreadsheet_export.install()
    log_count.install()
    _installed = True
