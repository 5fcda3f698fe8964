"""Admin views of submissions (报送): a school's outbox, a bureau's inbox, one decision page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.models import Page

from curation import submissions as curation
from curation.forms import DecisionForm, SubmitForm
from curation.models import Submission
from schools import roles
from schools.admin_access import AdminScreenMixin


def visible_submissions(user):
    """Submissions to the regions a user curates and from the schools they work for."""
    queryset = Submission.objects.select_related("page", "school", "region")
    if user.is_superuser:
        return queryset
    return queryset.filter(
        Q(region__in=roles.regions_of(user, roles.CURATOR)) | Q(school__in=roles.schools_of(user))
    )


class SubmissionIndexView(AdminScreenMixin, TemplateView):
    page_title = gettext_lazy("Submissions")
    header_icon = "upload"
    template_name = "curation/admin/submissions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = visible_submissions(self.request.user)
        status = self.request.GET.get("status", "")
        if status in Submission.Status.values:
            queryset = queryset.filter(status=status)
        year = timezone.localdate().year
        context.update(
            may_submit=self.request.user.is_superuser
            or bool(roles.school_paths(self.request.user)),
            submissions=Paginator(queryset, 50).get_page(self.request.GET.get("p")),
            statuses=Submission.Status.choices,
            status=status,
            year=year,
            adoptions=[
                (region, curation.adoption_counts(region, year))
                for region in roles.regions_of(self.request.user, roles.CURATOR).order_by("path")
            ],
        )
        return context


class SubmissionDetailView(AdminScreenMixin, TemplateView):
    header_icon = "upload"
    template_name = "curation/admin/submission.html"

    def dispatch(self, request, pk):
        self.submission = get_object_or_404(visible_submissions(request.user), pk=pk)
        self.actions = curation.allowed_actions(request.user, self.submission)
        # The bureau decides; the school may only take its submission back.
        self.decisions = [action for action in self.actions if action != curation.WITHDRAW]
        return super().dispatch(request)

    def get_page_title(self):
        return _("Submission: %(title)s") % {"title": self.submission.page.title}

    def post(self, request):
        form = DecisionForm(request.POST, actions=self.actions)
        if form.is_valid() and not form.cleaned_data["confirmed"]:
            return self.render_to_response(self.get_context_data(confirming=form))
        if form.is_valid():
            try:
                curation.decide(
                    self.submission,
                    request.user,
                    form.cleaned_data["action"],
                    form.cleaned_data["reason"],
                )
            except curation.CurationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your decision was saved and the school informed."))
                return redirect("submission_detail", self.submission.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chain, step = [], self.submission
        while step.forwarded_from_id:
            step = step.forwarded_from
        while step is not None:
            chain.append(step)
            step = getattr(step, "forwarded_to", None)
        context.setdefault("form", DecisionForm(actions=self.decisions) if self.decisions else None)
        context.update(
            submission=self.submission,
            chain=chain,
            may_withdraw=curation.WITHDRAW in self.actions,
        )
        return context


class NewSubmissionView(AdminScreenMixin, TemplateView):
    """新建报送: the school's published work that can be submitted, newest first, each with
    the way to submit it and where it stands if it already was."""

    page_title = gettext_lazy("New submission")
    header_icon = "upload"
    template_name = "curation/admin/new_submission.html"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_superuser or roles.school_paths(request.user)):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pages"] = Paginator(curation.submittable_pages(self.request.user), 30).get_page(
            self.request.GET.get("p")
        )
        return context


class SubmitView(AdminScreenMixin, TemplateView):
    header_icon = "upload"
    template_name = "curation/admin/submit.html"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id)
        user = request.user
        if not (user.is_superuser or roles.works_for_school_of(user, self.page)):
            raise Http404
        return super().dispatch(request)

    def get_page_title(self):
        return _("Submit to the bureau: %(title)s") % {"title": self.page.title}

    def post(self, request):
        form = SubmitForm(request.POST)
        if form.is_valid():
            try:
                submission = curation.submit(self.page, request.user, form.cleaned_data["note"])
            except curation.CurationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Submitted to %(region)s.") % {"region": submission.region.title},
                )
                return redirect("submission_detail", submission.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SubmitForm())
        context["page"] = self.page
        return context
