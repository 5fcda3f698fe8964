"""Wagtail's help links lead to its English documentation; school and bureau staff read
Chinese, and the platform's own screens carry their help text, so the links go."""

from wagtail import hooks

ENGLISH_GUIDES = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def without_english_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(ENGLISH_GUIDES)]
