"""The public read-only content API (Wagtail API v2) at /api/v2/: published pages only.

Wagtail's images and documents endpoints are not mounted: they list every school's files,
drafts' included, with download links (issue 16). Pages carry their images as renditions
(``ImageRenditionField``), which is all the public side needs.
"""

from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

MAX_OFFSET = 1_000_000


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination, refusing an offset no listing reaches before the database sees
    it: an offset beyond a 64-bit integer was a 500."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    pagination_class = BoundedPagination


class AdminPagesAPIViewSet(PagesAdminAPIViewSet):
    """The admin's page API (/admin/api/main/pages/, registered in cms/wagtail_hooks.py),
    bounded like the public one."""

    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
