"""The plugin contract: what a plugin declares about itself (DESIGN.md §4).

A declaration is plain data, read while Django's settings load, before any model exists: so
every contribution is named by a dotted path ("package.module.attribute") or a model label
("app_label.ModelName") and only resolved once the apps are ready. The loader
(``cms.plugin_loader``) validates declarations and wires contributions into Wagtail; a plugin
never registers anything itself, which is what lets an operator disable it.

See docs/plugins.md for how to write one.
"""

import re
from dataclasses import dataclass, field

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
CORE = "core"
# The platform's one version number (also the project's, see pyproject.toml): plugins name the
# range they work with in ``requires={"core": ...}``; the SDK (plugins/api.py) keeps its
# meaning within a major version.
PLATFORM_VERSION = "1.0.0"
# Parameters of the search page and API, which a plugin's search facet cannot be called.
SEARCH_PARAMETERS = frozenset(
    {"q", "scope", "region", "school", "type", "activity_type", "tag", "year", "sort", "page"}
)


@dataclass(frozen=True)
class Block:
    """A block added to the shared body StreamField of every content page type."""

    name: str
    block: str


@dataclass(frozen=True)
class UrlRoutes:
    """A URLconf mounted at ``/<prefix>/`` on every site, in front of the page tree."""

    prefix: str
    urlconf: str


@dataclass(frozen=True)
class SearchFacet:
    """A facet (and filter) of the public search. ``values`` names a callable that takes a
    batch of pages being indexed and returns {page id: [values]}; the search counts documents
    per value exactly, like the core facets, and ``?<name>=<value>`` filters by one."""

    name: str
    label: str
    values: str


@dataclass(frozen=True)
class Plugin:
    name: str
    version: str
    app: str
    label: str = ""
    description: str = ""
    requires: dict = field(default_factory=dict)
    page_types: tuple = ()
    blocks: tuple = ()
    admin_viewsets: tuple = ()
    menu_items: tuple = ()
    dashboard_panels: tuple = ()
    search_facets: tuple = ()
    urls: UrlRoutes | None = None
    site_settings: tuple = ()
    demo_data: str = ""

    def contributions(self):
        """Each kind of contribution with its entries, for listings (``manage.py plugins``)."""
        return {
            "page_types": list(self.page_types),
            "blocks": [block.name for block in self.blocks],
            "admin_viewsets": list(self.admin_viewsets),
            "menu_items": list(self.menu_items),
            "dashboard_panels": list(self.dashboard_panels),
            "search_facets": [facet.name for facet in self.search_facets],
            "urls": [f"/{self.urls.prefix}/"] if self.urls else [],
            "site_settings": list(self.site_settings),
            "demo_data": [self.demo_data] if self.demo_data else [],
        }
