"""What is overdue, for a curator's screen and dashboard, and the records' attachments."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from plugins import api
from plugins.liaison import supervision
from plugins.liaison.models import SupervisionRecord

LIST_LIMIT = 200


class OverdueView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Overdue supervision")
    header_icon = "warning"
    template_name = "liaison/overdue.html"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_superuser or api.region_paths(request.user, api.CURATOR)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        links = supervision.links_of(self.request.user)
        context["today"] = today
        context["silent"] = supervision.without_monthly_exchange(links, today)[:LIST_LIMIT]
        context["late"] = supervision.late_follow_ups(links, today)[:LIST_LIMIT]
        return context


def attachment(request, pk):
    record = get_object_or_404(SupervisionRecord, pk=pk)
    policy = policy_registry.get_by_type(SupervisionRecord)
    if not policy.user_has_permission_for_instance(request.user, "view", record):
        raise Http404
    if not record.attachment:
        raise Http404
    return FileResponse(record.attachment.open("rb"), as_attachment=True)


class OverduePanel(Component):
    name = "liaison_overdue"
    order = 140
    template_name = "liaison/dashboard_panel.html"

    def __init__(self, silent, late):
        self.silent, self.late = silent, late

    def get_context_data(self, parent_context=None):
        return {"silent": self.silent, "late": self.late}


def dashboard_panel(request):
    user = request.user
    if user.is_superuser or not api.region_paths(user, api.CURATOR):
        return None
    today = timezone.localdate()
    links = supervision.links_of(user)
    silent = supervision.without_monthly_exchange(links, today).count()
    late = supervision.late_follow_ups(links, today).count()
    if not silent and not late:
        return None
    return OverduePanel(silent, late)
