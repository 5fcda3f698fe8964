"""Wagtail's tag autocomplete URLs, answered inside the school boundary.

Upstream: no issue for page tags (Wagtail's ``wagtailadmin_tag_autocomplete`` view offers every
tag in the database and has no hook to narrow it; verified against Wagtail 8.0.1); the nearest,
wagtail#7899 (open), asks for documents' tags per collection. These views answer on the same
URLs, mounted before Wagtail's admin (``urlpatterns`` below, included first by cms.urls). Can
go if Wagtail lets a project filter the tags its autocomplete offers.

Fails closed (overrides.fence): Wagtail's view, the two routes these shadow and the tag widget
that calls them are fingerprinted; were a route moved, Wagtail's own view would answer every
tag, so a change stops the start.
"""

from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from taggit.models import Tag
from wagtail.admin.auth import require_admin_access

from overrides import fence
from pages.models import ActivityReportTag, ColumnPostTag, ExemplarCaseTag
from schools import roles
from search.models import FacetValue

FENCE = fence.closed(
    fence.Code("wagtail.admin.views.tags", "autocomplete", "1c14d73cb07a6a35"),
    fence.Route("wagtail.admin.urls", "wagtailadmin_tag_autocomplete", "5ef548c7a75fa82f"),
    fence.Route("wagtail.admin.urls", "wagtailadmin_tag_model_autocomplete", "3d54723a0dfb28ba"),
    fence.Code("wagtail.admin.widgets.tags", "AdminTagWidget", "d5cf583884eb058b"),
)

TAG_SUGGESTIONS = 10


@require_admin_access
def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete offers every tag in the database, including tags used only
    on other schools' drafts. This one, on the same URLs, offers the tags of published public
    pages (already public through search facets) and of the user's own schools."""
    term = request.GET.get("term", "").strip()
    if not term:
        return JsonResponse([], safe=False)
    tags = Tag.objects.filter(name__istartswith=term)
    user = request.user
    if not user.is_superuser:
        visible = Q(name__in=FacetValue.objects.values("name"))
        inside = roles.below(roles.school_paths(user), field="content_object__path")
        if inside is not None:
            for through in (ColumnPostTag, ActivityReportTag, ExemplarCaseTag):
                visible |= Q(pk__in=through.objects.filter(inside).values("tag_id"))
        tags = tags.filter(visible)
    names = tags.order_by("name").values_list("name", flat=True)[:TAG_SUGGESTIONS]
    return JsonResponse(list(names), safe=False)


urlpatterns = [
    path("admin/tag-autocomplete/", tag_autocomplete),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", tag_autocomplete),
]
