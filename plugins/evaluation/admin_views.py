"""Admin views of the evaluation: a campaign's results desk for its bureau, the application
form for schools, the scoring form for reviewers, and a dashboard panel."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from plugins import api
from plugins.evaluation import procedure, scoring
from plugins.evaluation.export import results_workbook
from plugins.evaluation.forms import ApplicationForm, AssignForm, ReviewForm
from plugins.evaluation.models import Application, Campaign, Inspection, ReviewAssignment


def _managed_campaign(request, pk):
    campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
    if not procedure.may_manage(request.user, campaign):
        raise Http404
    return campaign


class CampaignResultsView(api.AdminScreenMixin, TemplateView):
    header_icon = "calendar-check"
    template_name = "evaluation/admin/results.html"

    def dispatch(self, request, pk):
        self.campaign = _managed_campaign(request, pk)
        return super().dispatch(request)

    def get_page_title(self):
        return _("Results of “%(title)s”") % {"title": self.campaign}

    def post(self, request):
        form = AssignForm(self.campaign, request.POST)
        try:
            if "publish" in request.POST:
                _rows, not_featured = procedure.publish_results(self.campaign, request.user)
                messages.success(request, _("The results are published."))
                if not_featured:
                    messages.warning(
                        request,
                        _("Not featured (the portal's limit is reached): %(names)s")
                        % {"names": "、".join(not_featured)},
                    )
                return redirect("evaluation_campaigns:results", self.campaign.pk)
            if form.is_valid():
                procedure.assign(
                    form.cleaned_data["application"], form.cleaned_data["reviewer"], request.user
                )
                messages.success(request, _("The reviewer is assigned."))
                return redirect("evaluation_campaigns:results", self.campaign.pk)
        except procedure.Refused as refusal:
            form.add_error(None, str(refusal))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", AssignForm(self.campaign))
        context["campaign"] = self.campaign
        context["rows"] = scoring.results(self.campaign)
        context["provisional"] = scoring.provisional(context["rows"])
        context["unfiled"] = self.campaign.applications.filter(signed_off_at=None).count()
        context["stage"] = self.campaign.stage()
        context["assignments"] = ReviewAssignment.objects.filter(
            application__campaign=self.campaign
        ).select_related("application__school", "reviewer")
        return context


def export_results(request, pk):
    campaign = _managed_campaign(request, pk)
    return api.exports.response(results_workbook(campaign), f"evaluation-{campaign.pk}.xlsx")


def warn_about_banned_words(request, texts, path):
    """The applicant on saving, and the reviewer on opening, see the banned words found in an
    application's summary and self-assessment narratives, which the results may publish."""
    if found := api.banned_words_in("\n".join(text for text in texts if text), path):
        messages.warning(request, api.banned_words_warning(found))


class ProcedureFormView(api.AdminScreenMixin, TemplateView):
    """A form whose valid data goes to one step of the procedure; a refusal shows on the form."""

    success_message = ""
    success_url = ""

    def make_form(self, data=None):
        raise NotImplementedError

    def perform(self, form):
        raise NotImplementedError

    def post(self, request):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                self.perform(form)
            except procedure.Refused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, self.success_message)
                return redirect(self.success_url)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.make_form())
        return context


def _schools_for(user):
    schools = api.SchoolHomePage.objects.schools() if user.is_superuser else api.schools_of(user)
    return schools.order_by("path")


class ApplicationIndexView(api.AdminScreenMixin, TemplateView):
    page_title = gettext_lazy("Evaluation applications")
    header_icon = "form"
    template_name = "evaluation/admin/applications.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schools = list(_schools_for(self.request.user)[:200])
        campaigns = list(
            Campaign.objects.filter(applications_close__gte=timezone.localdate())
            .select_related("region")
            .order_by("applications_close")
        )
        applied = set(
            Application.objects.filter(school__in=schools).values_list("campaign_id", "school_id")
        )
        context["open"] = [
            (campaign, school, (campaign.pk, school.pk) in applied)
            for campaign in campaigns
            for school in schools
            if school.path.startswith(campaign.region.path)
        ]
        context["applications"] = Application.objects.filter(school__in=schools).select_related(
            "campaign", "school", "signed_off_by"
        )
        moderated = api.schools_of(self.request.user, (api.MODERATOR,))
        context["may_sign"] = set(
            context["applications"]
            .filter(school__in=moderated, signed_off_at=None)
            .values_list("pk", flat=True)
        )
        return context


class ApplicationEditView(ProcedureFormView):
    """Apply, or change the application, while the window is open."""

    header_icon = "form"
    template_name = "evaluation/admin/apply.html"
    success_message = gettext_lazy("The application is saved.")
    success_url = "evaluation_applications:index"

    def dispatch(self, request, campaign_pk, school_pk):
        self.campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=campaign_pk)
        self.school = get_object_or_404(api.SchoolHomePage, pk=school_pk)
        if not procedure.may_apply_for(request.user, self.school):
            raise Http404
        self.application = Application.objects.filter(
            campaign=self.campaign, school=self.school
        ).first()
        return super().dispatch(request)

    def get_page_title(self):
        return _("%(school)s: application to “%(title)s”") % {
            "school": self.school.title,
            "title": self.campaign,
        }

    def make_form(self, data=None):
        initial, initial_scores = {}, {}
        if self.application:
            initial = {
                "summary": self.application.summary,
                "brand_page": self.application.brand_page_id,
                "evidence": list(self.application.evidence.all()),
                "attachments": list(self.application.attachments.all()),
            }
            initial_scores = {
                item.criterion_id: (item.score, item.narrative)
                for item in self.application.self_assessments.all()
            }
        return ApplicationForm(
            self.campaign.criteria.all(),
            self.school,
            data,
            initial=initial,
            initial_scores=initial_scores,
        )

    def perform(self, form):
        data = form.cleaned_data
        arguments = {
            "summary": data["summary"],
            "scores": form.scores_with_narratives(),
            "brand_page": data["brand_page"],
            "evidence": list(data["evidence"]),
            "attachments": list(data["attachments"]),
        }
        user = self.request.user
        if self.application:
            procedure.update(self.application, user, **arguments)
        else:
            procedure.apply(self.campaign, self.school, user, **arguments)
        narratives = [narrative for _score, narrative in arguments["scores"].values()]
        warn_about_banned_words(self.request, [data["summary"], *narratives], self.school.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.campaign
        return context


class ReviewIndexView(api.AdminScreenMixin, TemplateView):
    page_title = gettext_lazy("My reviews")
    header_icon = "tasks"
    template_name = "evaluation/admin/reviews.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assignments"] = procedure.assignments_of(self.request.user)
        return context


class ReviewEditView(ProcedureFormView):
    """Only the reviewer an application was assigned to ever sees it here."""

    header_icon = "tasks"
    template_name = "evaluation/admin/review.html"
    success_message = gettext_lazy("Your review is saved.")
    success_url = "evaluation_reviews:index"

    def dispatch(self, request, pk):
        self.assignment = get_object_or_404(procedure.assignments_of(request.user), pk=pk)
        if request.method == "GET":
            application = self.assignment.application
            texts = [
                application.summary,
                *application.self_assessments.values_list("narrative", flat=True),
            ]
            warn_about_banned_words(request, texts, application.school.path)
        return super().dispatch(request)

    def get_page_title(self):
        return _("Review of %(school)s") % {"school": self.assignment.application.school.title}

    def make_form(self, data=None):
        criteria = self.assignment.application.campaign.criteria.all()
        scores = {item.criterion_id: (item.score, "") for item in self.assignment.scores.all()}
        return ReviewForm(
            criteria, data, initial={"comment": self.assignment.comment}, initial_scores=scores
        )

    def perform(self, form):
        comment = form.cleaned_data["comment"]
        procedure.review(self.assignment, self.request.user, form.scores(), comment)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.assignment.application
        context["application"] = application
        context.update(inspection_context(application))
        return context


def inspection_context(application):
    """The application's on-site inspection as the reviewer reads it, members by name."""
    inspection = Inspection.objects.filter(application=application).first()
    return {
        "inspection": inspection,
        "inspection_members": [
            *(api.name_of(person) for person in inspection.members.all()),
            *inspection.other_member_list,
        ]
        if inspection
        else [],
        "inspection_url": reverse(
            "evaluation_campaigns:inspection", args=[application.campaign_id, application.pk]
        ),
    }
