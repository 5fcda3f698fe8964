"""The plugin SDK: everything of the core a plugin may use, and nothing else.

A plugin imports the core only from here (tests/cms/test_architecture.py fails otherwise), so
the core can reorganise its apps without breaking plugins; what is here keeps its meaning
within a platform major version (PLATFORM_VERSION, which plugins name in ``requires``).
docs/plugins.md describes each part with an example.
"""

from functools import partial

from django.db import transaction
from wagtail.log_actions import log

from curation.charts import Chart, ChartsPanel
from curation.features import feature
from curation.models import Feature, Submission
from pages import exports
from pages.content_checks import banned_words_in, banned_words_warning
from pages.generations import invalidate_above as refresh_public_pages
from pages.models import (
    ActivityReportPage,
    AnnualPlanPage,
    BrandPage,
    ColumnPostPage,
    ExemplarCasePage,
    RegionPage,
    SchoolHomePage,
)
from pages.models.base import SchoolPageMixin
from pages.networks import network_of
from pages.sections import Section
from pages.visibility import media_used_by
from pages.visibility import public as public_pages
from plugins.contract import PLATFORM_VERSION
from schools.admin_access import (
    AdminScreenMixin,
    QueuePanel,
    RegionChoiceMixin,
    RoleMenuItem,
    RoleViewSet,
    ScopedModelViewSet,
    ScopedObjectMixin,
)
from schools.models import bureau_collections
from schools.permissions import RegionCuratorPolicy
from schools.provisioning import add_school_user
from schools.roles import (
    CURATOR,
    EDITOR,
    MANAGER,
    MODERATOR,
    REGION_ROLES,
    SCHOOL_ROLES,
    Role,
    below,
    curated_regions,
    name_of,
    people_of,
    region_paths,
    regions_of,
    school_paths,
    schools_below,
    schools_of,
    works_for_school_of,
)
from search.tasks import reindex_subtree_task

__all__ = [
    # the platform
    "PLATFORM_VERSION",
    # page types and the mixin of every page inside a school's site
    "ActivityReportPage",
    "AnnualPlanPage",
    "BrandPage",
    "ColumnPostPage",
    "ExemplarCasePage",
    "RegionPage",
    "SchoolHomePage",
    "SchoolPageMixin",
    # roles and the scope they give
    "CURATOR",
    "EDITOR",
    "MANAGER",
    "MODERATOR",
    "REGION_ROLES",
    "SCHOOL_ROLES",
    "Role",
    "add_school_user",
    "below",
    "bureau_collections",
    "curated_regions",
    "name_of",
    "people_of",
    "region_paths",
    "regions_of",
    "school_paths",
    "schools_below",
    "schools_of",
    "works_for_school_of",
    # admin screens scoped to the user's schools or regions, headed with their own titles
    "AdminScreenMixin",
    "QueuePanel",
    "RegionChoiceMixin",
    "RegionCuratorPolicy",
    "RoleMenuItem",
    "RoleViewSet",
    "ScopedModelViewSet",
    "ScopedObjectMixin",
    # public pages: only the live, unrestricted ones; sections a plugin adds to region portals
    # and school home pages (hooks region_portal_sections, school_home_sections); dropping the
    # cached public pages of a region or school (and those above) after a change they show
    "public_pages",
    "media_used_by",
    "Section",
    "refresh_public_pages",
    # dashboard panels (a plugin's ``dashboard_panels``): charts with their numbers as tables
    "Chart",
    "ChartsPanel",
    # files to take away (CSV, XLSX, ZIP, PDF): what a bureau export may hold, inert cells,
    # safe names, Beijing time, the download's headers; every export goes through it
    "exports",
    # content safety: the banned words that apply at a page's path, and the warning text
    "banned_words_in",
    "banned_words_warning",
    # per-address limits: the network an address counts as (an IPv6 /64 is one visitor)
    "network_of",
    # featuring, submissions (报送), search, audit
    "Feature",
    "Submission",
    "audit",
    "feature",
    "reindex",
]


def reindex(page_ids):
    """Bring the public search index in step for these pages (and what is below them) once the
    current transaction commits: call it when a plugin changes what a page is found by (its
    search facets' values, say)."""
    transaction.on_commit(partial(_enqueue, list(page_ids)))


def _enqueue(page_ids):
    for page_id in page_ids:
        reindex_subtree_task.enqueue(page_id)


def audit(instance, action, user=None, data=None):
    """Record ``action`` on ``instance`` in Wagtail's log (the admin's history and site history
    report). The action must be registered through the ``register_log_actions`` hook."""
    return log(instance, action, user=user, data=data or {})
