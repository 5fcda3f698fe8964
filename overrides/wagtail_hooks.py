"""Wagtail's help links lead to its English documentation; school and bureau staff read
Chinese, and the platform's own screens carry their help text, so the links go.

wagtail-localize 1.14.5 names its report menu item with ``gettext``, once per process (Wagtail
keeps menu items): the first request's language named it for everyone, "翻译" in an English
admin. It is named again lazily, in each reader's language (no upstream issue found)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from overrides import restriction_history, translation_buttons

ENGLISH_GUIDES = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def without_english_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(ENGLISH_GUIDES)]


@hooks.register("construct_reports_menu")
def translations_report_in_readers_language(request, menu_items):
    report = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if item.url == report:
            item.label = gettext_lazy("Translations")


@hooks.register("construct_explorer_page_queryset")
def with_translation_state(parent_page, pages, request):
    return translation_buttons.annotated(pages)


@hooks.register("register_log_actions", order=1)  # after Wagtail's own (order 0)
def view_restrictions_in_readers_language(actions):
    restriction_history.install(actions)
