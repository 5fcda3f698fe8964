"""The campaign's stages screen: where the bureau opens, closes and extends the stages
(``stages.py`` decides and logs), and the links to it from the campaign's other screens."""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import TemplateView
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets import AdminDateInput, HeaderButton

from plugins import api
from plugins.evaluation import procedure, stages
from plugins.evaluation.models import STAGE_DAYS, Campaign


class ExtendForm(forms.Form):
    until = forms.DateField(
        label=gettext_lazy("Extend to"), widget=AdminDateInput, validators=STAGE_DAYS
    )


def day_after(day):
    """The first day of the stage after one ending on ``day``; none after the calendar's last
    (a row stored before the campaign's days were bounded may end on it)."""
    return day + timedelta(days=1) if day < date.max else None


# The campaign list says where each campaign stands today.
stage_column = Column(
    "stage", label=gettext_lazy("Stage"), accessor=lambda campaign: stages.LABELS[campaign.stage()]
)


def campaign_links(campaign):
    """(label, url, icon) of the campaign's stages and results screens."""
    return [
        (_("Stages"), reverse("evaluation_campaigns:stages", args=[campaign.pk]), "time"),
        (
            pgettext("evaluation", "Results"),
            reverse("evaluation_campaigns:results", args=[campaign.pk]),
            "list-ol",
        ),
    ]


class CampaignIndexView(api.ScopedModelViewSet.index_view_class):
    def get_list_more_buttons(self, instance):
        links = [
            MenuItem(label, url=url, icon_name=icon, priority=order)
            for order, (label, url, icon) in enumerate(campaign_links(instance), start=11)
        ]
        return [*super().get_list_more_buttons(instance), *links]


class CampaignEditView(api.ScopedObjectMixin, generic.EditView):
    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            *(
                HeaderButton(label, url, icon_name=icon)
                for label, url, icon in campaign_links(self.object)
            ),
        ]


class CampaignStagesView(api.AdminScreenMixin, TemplateView):
    """Only the bureau of the campaign's region finds the campaign here (404 for others);
    each button is one act of ``stages``."""

    header_icon = "time"
    template_name = "evaluation/admin/stages.html"

    def dispatch(self, request, pk):
        policy = api.RegionCuratorPolicy(Campaign)
        campaigns = policy.instances_user_has_permission_for(request.user, "change")
        self.campaign = get_object_or_404(campaigns.select_related("region"), pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        return _("Stages of “%(title)s”") % {"title": self.campaign}

    def post(self, request):
        action, form = request.POST.get("action"), ExtendForm(request.POST)
        try:
            if action == "open":
                stages.open_applications(self.campaign, request.user)
            elif action == "close":
                stages.close_stage(self.campaign, request.user)
            elif action == "extend":
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form), status=400)
                stages.extend_stage(self.campaign, request.user, form.cleaned_data["until"])
            else:
                return HttpResponseBadRequest(_("Choose open, close or extend."))
        except procedure.Refused as refusal:
            self.campaign.refresh_from_db()
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            request, _("The stages of “%(title)s” are updated.") % {"title": self.campaign}
        )
        return redirect("evaluation_campaigns:stages", self.campaign.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.campaign
        context.setdefault("form", ExtendForm())
        context["campaign"] = campaign
        context["stage"] = campaign.stage()
        context["stage_label"] = stages.LABELS[context["stage"]]
        context["actions"] = stages.actions(campaign)
        context["rows"] = [
            (
                "applying",
                stages.LABELS["applying"],
                campaign.applications_open,
                campaign.applications_close,
            ),
            (
                "rating",
                stages.LABELS["rating"],
                day_after(campaign.applications_close),
                campaign.rating_close,
            ),
            (
                "reviewing",
                stages.LABELS["reviewing"],
                day_after(campaign.rating_close),
                campaign.review_close,
            ),
        ]
        context["history_url"] = reverse("evaluation_campaigns:history", args=[campaign.pk])
        return context
