"""The exports screen: ask for a school's ledger, a county's or city's ledger or a region's
compendium, watch it being built, download it. Only the person who asked sees or downloads an
export; what each person may ask for is what the forms offer them (plugins.ledger.forms)."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from plugins import api
from plugins.ledger.forms import (
    CompendiumForm,
    RegionLedgerForm,
    SchoolLedgerForm,
    regions_for,
    schools_for,
)
from plugins.ledger.models import LedgerExport
from plugins.ledger.tasks import build

SHOWN = 50
# The form of each kind of export, under its name in the screen's context.
FORMS = {
    LedgerExport.Kind.SCHOOL_YEAR: ("school_form", SchoolLedgerForm),
    LedgerExport.Kind.REGION_YEAR: ("region_ledger_form", RegionLedgerForm),
    LedgerExport.Kind.COMPENDIUM: ("region_form", CompendiumForm),
}


def may_export(user):
    return schools_for(user).exists() or regions_for(user).exists()


class LedgerView(api.AdminScreenMixin, TemplateView):
    page_title = gettext_lazy("Ledgers and compendiums")
    header_icon = "download"
    template_name = "ledger/index.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_export(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def forms(self, kind=None, data=None):
        """Every form of the screen, by its name; the one of ``kind`` bound to ``data``."""
        return {
            name: form_class(data if kind == each else None, user=self.request.user)
            for each, (name, form_class) in FORMS.items()
        }

    def post(self, request):
        kind = request.POST.get("kind")
        if kind not in FORMS:
            return HttpResponseBadRequest(_("Choose a ledger or a compendium to build."))
        forms = self.forms(kind, request.POST)
        form = forms[FORMS[kind][0]]
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**forms))
        export = LedgerExport.objects.create(
            kind=kind, requested_by=request.user, **form.cleaned_data
        )
        transaction.on_commit(partial(build.enqueue, export.pk))
        messages.success(request, _("The export is being built; it will be listed below."))
        return redirect("ledger:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for name, form in self.forms().items():
            context.setdefault(name, form)
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
