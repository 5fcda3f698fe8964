"""Sections that apps above this one add to region portals and school home pages.

A plugin's list (an alliance's members, say) cannot be written into the core's templates, so
region portals and school home pages ask the hooks ``region_portal_sections`` and
``school_home_sections``: each registered function gets the page and the request and returns a
``Section`` (a template and its context) or None, and the page includes each section's
template in turn. A disabled plugin's hooks are never imported, so its sections disappear.

A page's sections are kept with its other parts (pages.fragments) until something in its
school or region changes, so a section may show only what the page and the day decide, and
whatever it shows, its app refreshes the pages when that changes
(``plugins.api.refresh_public_pages``), as the first-party plugins do.
"""

from dataclasses import dataclass, field

from wagtail import hooks


@dataclass(frozen=True)
class Section:
    template_name: str
    context: dict = field(default_factory=dict)


def sections_for(hook_name, page, request):
    found = (contribute(page, request) for contribute in hooks.get_hooks(hook_name))
    return [section for section in found if section is not None]
