"""Alliances on region portals and on their schools' home pages (pages.sections)."""

from wagtail import hooks

from plugins.alliance import views

hooks.register("region_portal_sections", views.portal_section)
hooks.register("school_home_sections", views.school_section)
