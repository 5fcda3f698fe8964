"""Admin screens: bureaus run campaigns, schools apply, reviewers score. Each is a Wagtail
viewset, so the plugin loader can register them (and leave them out when disabled)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.permissions import register_permission_policy

from plugins import api
from plugins.evaluation import admin_views, application_views, stage_views
from plugins.evaluation.forms import CampaignForm
from plugins.evaluation.models import Campaign


class CampaignViewSet(api.ScopedModelViewSet):
    """Bureaus see and change only the campaigns of the regions they curate."""

    model = Campaign
    list_select_related = ["region"]
    icon = "calendar-check"
    menu_label = _("Evaluation campaigns")
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = stage_views.CampaignIndexView
    edit_view_class = stage_views.CampaignEditView
    list_display = ["__str__", "region", "kind", stage_views.stage_column, "review_close"]
    list_filter = ["kind", "rehearsal"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("region"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
            FieldPanel("rehearsal"),
            FieldPanel("introduction"),
            FieldPanel("notice"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("applications_open"), FieldPanel("applications_close")]
                    ),
                    FieldRowPanel([FieldPanel("rating_close"), FieldPanel("review_close")]),
                    FieldPanel("show_ratings"),
                ],
                heading=_("Dates"),
            ),
            FieldRowPanel(
                [
                    FieldPanel("self_weight"),
                    FieldPanel("public_weight"),
                    FieldPanel("superior_weight"),
                ],
                heading=_("Stage weights"),
            ),
            FieldPanel("inspection_weight"),
            InlinePanel(
                "criteria",
                heading=_("Criteria"),
                help_text=_(
                    "Leave empty for the five construction requirements, equally weighted."
                ),
            ),
            InlinePanel(
                "tiers",
                heading=_("Award tiers"),
                help_text=_("Leave empty for first, second and third prize."),
            ),
            FieldPanel("reviewers"),
        ],
        base_form_class=CampaignForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/results/", admin_views.CampaignResultsView.as_view(), name="results"),
            path("<int:pk>/export/", admin_views.export_results, name="export"),
            path(
                "<int:pk>/inspection/<int:application_pk>/",
                application_views.InspectionView.as_view(),
                name="inspection",
            ),
            path("<int:pk>/stages/", stage_views.CampaignStagesView.as_view(), name="stages"),
        ]


register_permission_policy(Campaign, api.RegionCuratorPolicy(Campaign))
campaign_viewset = CampaignViewSet("evaluation_campaigns")


class ApplicationsViewSet(api.RoleViewSet):
    """Schools' applications: the open campaigns of their region and their own applications."""

    icon = "form"
    menu_label = _("Evaluation applications")
    menu_order = 321
    shown_to = staticmethod(api.school_paths)

    def get_urlpatterns(self):
        return [
            path("", admin_views.ApplicationIndexView.as_view(), name="index"),
            path(
                "<int:campaign_pk>/<int:school_pk>/",
                admin_views.ApplicationEditView.as_view(),
                name="apply",
            ),
            path("<int:pk>/sign-off/", application_views.sign_off, name="sign_off"),
        ]


class ReviewsViewSet(api.RoleViewSet):
    """A reviewer's assigned applications, and nothing else."""

    icon = "tasks"
    menu_label = _("My reviews")
    menu_order = 322

    @staticmethod
    def shown_to(user):
        return Campaign.objects.filter(reviewers=user).exists()

    def get_urlpatterns(self):
        return [
            path("", admin_views.ReviewIndexView.as_view(), name="index"),
            path("<int:pk>/", admin_views.ReviewEditView.as_view(), name="review"),
        ]


applications_viewset = ApplicationsViewSet("evaluation_applications")
reviews_viewset = ReviewsViewSet("evaluation_reviews")
