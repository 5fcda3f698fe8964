"""Admin screens of an application's way to the superior review: the school secretary's
sign-off, and the bureau's on-site inspection record. Each only translates a step of the
procedure (``procedure.sign_off``, ``inspections.record``) into a response."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets import AdminDateInput

from plugins import api
from plugins.evaluation import inspections, procedure
from plugins.evaluation.admin_views import ProcedureFormView
from plugins.evaluation.models import Application, Inspection


@require_POST
def sign_off(request, pk):
    """The school's secretary files an application of their school; staff of other schools
    are told it does not exist."""
    application = get_object_or_404(
        Application.objects.select_related("campaign__region", "school"), pk=pk
    )
    if not procedure.may_apply_for(request.user, application.school):
        raise Http404
    try:
        procedure.sign_off(application, request.user)
    except procedure.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("The application of %(school)s is signed off and filed.")
            % {"school": application.school.title},
        )
    return redirect("evaluation_applications:index")


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["date", "members", "other_members", "findings", "score"]
        widgets = {
            "date": AdminDateInput,
            "members": forms.CheckboxSelectMultiple,
            "findings": forms.Textarea(attrs={"rows": 6}),
            "other_members": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, campaign, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = self.fields["members"]
        members.queryset = inspections.possible_members(campaign)
        members.label_from_instance = api.name_of


class InspectionView(ProcedureFormView):
    """Open to the campaign region's curators and the campaign's reviewers; to anyone else,
    and to a reviewer who works for the school, the application does not exist."""

    header_icon = "site"
    template_name = "evaluation/admin/inspection.html"
    success_message = gettext_lazy("The on-site inspection is recorded.")

    def dispatch(self, request, pk, application_pk):
        self.application = get_object_or_404(
            Application.objects.filed().select_related("campaign__region", "school"),
            pk=application_pk,
            campaign_id=pk,
        )
        campaign = self.application.campaign
        if not inspections.may_inspect(request.user, campaign) or api.works_for_school_of(
            request.user, self.application.school
        ):
            raise Http404
        self.inspection = Inspection.objects.filter(application=self.application).first()
        self.success_url = (
            reverse("evaluation_campaigns:results", args=[campaign.pk])
            if procedure.may_manage(request.user, campaign)
            else "evaluation_reviews:index"
        )
        return super().dispatch(request)

    def get_page_title(self):
        return _("On-site inspection of %(school)s") % {"school": self.application.school.title}

    def make_form(self, data=None):
        return InspectionForm(self.application.campaign, data, instance=self.inspection)

    def perform(self, form):
        data = form.cleaned_data
        inspections.record(
            self.application,
            self.request.user,
            data["date"],
            data["findings"],
            data["score"],
            members=data["members"],
            other_members=data["other_members"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.application
        return context
