"""The exports screen: ask for a school's ledger or a region's compendium, watch it being
built, download it. Only the person who asked sees or downloads an export."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from plugins import api
from plugins.ledger.forms import CompendiumForm, SchoolLedgerForm, regions_for, schools_for
from plugins.ledger.models import LedgerExport
from plugins.ledger.tasks import build

SHOWN = 50


def may_export(user):
    return schools_for(user).exists() or regions_for(user).exists()


class LedgerView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Ledgers and compendiums")
    header_icon = "download"
    template_name = "ledger/index.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_export(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def forms(self, data=None):
        user = self.request.user
        kind = data.get("kind") if data else None
        school = SchoolLedgerForm(data if kind == "school_year" else None, user=user)
        region = CompendiumForm(data if kind == "compendium" else None, user=user)
        return school, region

    def post(self, request):
        school_form, region_form = self.forms(request.POST)
        form = school_form if request.POST.get("kind") == "school_year" else region_form
        if not form.is_valid():
            context = self.get_context_data(school_form=school_form, region_form=region_form)
            return self.render_to_response(context)
        export = LedgerExport.objects.create(
            kind=request.POST["kind"], requested_by=request.user, **form.cleaned_data
        )
        transaction.on_commit(partial(build.enqueue, export.pk))
        messages.success(request, _("The export is being built; it will be listed below."))
        return redirect("ledger:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        school_form, region_form = self.forms()
        context.setdefault("school_form", school_form)
        context.setdefault("region_form", region_form)
        exports = list(
            LedgerExport.objects.filter(requested_by=self.request.user).select_related(
                "school", "region", "compendium"
            )[:SHOWN]
        )
        context["exports"] = exports
        context["building"] = any(e.status in ("queued", "running") for e in exports)
        return context


def download(request, pk):
    export = get_object_or_404(LedgerExport, pk=pk, status=LedgerExport.Status.DONE)
    if export.requested_by_id != request.user.pk or not export.file:
        raise Http404
    return api.exports.file_response(export.file, export.file.name.rsplit("/", 1)[-1])
