"""Wagtail's page chooser, opened inside the user's part of the tree.

Upstream: wagtail#9714 (open: a "choose" permission for pages, so that a multi-tenant chooser
shows no one else's pages; wagtail#1700, closed, asked the same). Wagtail 8.0.1's chooser opens
at the tree's root, or at the common ancestor of the page type asked for, and has no hook to
choose where (construct_page_chooser_queryset only filters the rows). A city curator's chooser
opened at the root and offered the province to walk through; a school's editor walked down from
the province. These views answer on the chooser's browse URLs (mounted before Wagtail's admin
by cms.urls) and open at the deepest page above every school and region the user works in; a
parent outside it is replaced by it. schools.wagtail_hooks shows no ancestor above it. Can go
if Wagtail lets a project pick the chooser's starting page per user.

Fails closed (overrides.fence): Wagtail's BrowseView and the two routes these shadow are
fingerprinted; were a route moved, Wagtail's own view would answer, so a change stops the start.

Wagtail's browse view also asks three queries of every row (its parent for ``data-parent-id``,
its approved schedule and its workflow for the status column), so a county of 100 schools cost
300 more than an empty one; here the rows come with their schedule and workflow state, and
know their parent, the page browsed. No upstream issue found; can go with the rest.
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView, PageTitleColumn
from wagtail.models import Page

from overrides import fence
from schools import roles

FENCE = fence.closed(
    fence.Code("wagtail.admin.views.chooser", "BrowseView", "3099ea5df2359f63"),
    fence.Route("wagtail.admin.urls", "wagtailadmin_choose_page", "22e88cda391b667c"),
    fence.Route("wagtail.admin.urls", "wagtailadmin_choose_page_child", "0fd9aac1ed5cc09f"),
)


class ChildTitleColumn(PageTitleColumn):
    """The title column of a browsed page's rows, which are its children but for itself."""

    def __init__(self, *args, parent_page, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_page = parent_page

    def get_cell_context_data(self, instance, parent_context):
        if instance.pk != self.parent_page.pk:
            instance._cached_parent_obj = self.parent_page  # what treebeard's get_parent keeps
        return super().get_cell_context_data(instance, parent_context)


class ScopedBrowseView(BrowseView):
    @property
    def columns(self):
        return [
            ChildTitleColumn(
                column.name,
                label=column.label,
                is_multiple_choice=column.is_multiple_choice,
                parent_page=self.parent_page,
            )
            if isinstance(column, PageTitleColumn)
            else column
            for column in super().columns
        ]

    def get_object_list(self):
        pages = super().get_object_list()
        return pages.annotate_approved_schedule().prefetch_workflow_states()

    def get(self, request, parent_page_id=None):
        paths = [] if request.user.is_superuser else roles.scope_paths(request.user)
        if paths:
            top = roles.common_root(paths)
            inside = Page.objects.filter(pk=parent_page_id, path__startswith=top)
            if parent_page_id is None or not inside.exists():
                parent_page_id = Page.objects.values_list("pk", flat=True).get(path=top)
        return super().get(request, parent_page_id)


browse = require_admin_access(ScopedBrowseView.as_view())

# Wagtail's names, so that what keys on them (schools.isolation) treats these views as its.
urlpatterns = [
    path("admin/choose-page/", browse, name="wagtailadmin_choose_page"),
    path("admin/choose-page/<int:parent_page_id>/", browse, name="wagtailadmin_choose_page_child"),
]
