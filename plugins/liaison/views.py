"""What is overdue, for a curator's screen and dashboard, and the records' attachments."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from plugins import api
from plugins.liaison import supervision
from plugins.liaison.models import SupervisionRecord

LIST_LIMIT = 200


class OverdueView(api.AdminScreenMixin, TemplateView):
    page_title = gettext_lazy("Overdue supervision")
    header_icon = "warning"
    template_name = "liaison/overdue.html"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_superuser or api.region_paths(request.user, api.CURATOR)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = api.exports.today()
        links = supervision.links_of(self.request.user)
        context["today"] = today
        context["cycles"] = [
            {
                "cycle": cycle,
                "due_by": cycle.period(today)[1],
                "overdue": supervision.overdue(links, cycle, today)[:LIST_LIMIT],
                "due": supervision.due(links, cycle, today)[:LIST_LIMIT],
            }
            for cycle in supervision.CYCLES
        ]
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

    def __init__(self, counts, late):
        self.counts, self.late = counts, late

    def get_context_data(self, parent_context=None):
        return {"counts": self.counts, "late": self.late}


def dashboard_panel(request):
    """How many schools are due or overdue in each cycle, and how many follow-ups are late."""
    user = request.user
    if user.is_superuser or not api.region_paths(user, api.CURATOR):
        return None
    today = api.exports.today()
    links = supervision.links_of(user)
    counts = [
        (number, heading)
        for cycle in supervision.CYCLES
        for number, heading in (
            (supervision.overdue(links, cycle, today).count(), cycle.overdue_heading),
            (supervision.due(links, cycle, today).count(), cycle.due_heading),
        )
        if number
    ]
    late = supervision.late_follow_ups(links, today).count()
    if not counts and not late:
        return None
    return OverduePanel(counts, late)
