"""Curation in the admin: the featured-work screens, the submissions (报送) screens and the
"submit" button on pages, and the lists curation adds to region portals."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.panels.group import ObjectList
from wagtail.admin.widgets import AdminPageChooser
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from curation import annual_plans, dashboard, portal
from curation import submissions as curation
from curation.forms import DecisionForm, FeatureForm, PlatformOrRegionForm
from curation.models import Feature, Submission
from curation.views import (
    NewSubmissionView,
    SubmissionDetailView,
    SubmissionIndexView,
    SubmitView,
)
from pages.models import BannedWord, BrandPage, ExemplarCasePage, MourningPeriod
from schools import roles
from schools.admin_access import RoleMenuItem, ScopedModelViewSet
from schools.permissions import RegionCuratorPolicy


@hooks.register("region_portal_lists")
def featured_and_adopted(region):
    return {"featured": portal.featured(region), "adopted": portal.adopted(region, 6)}


# Featured work on region portals


class FeatureViewSet(ScopedModelViewSet):
    model = Feature
    icon = "pick"
    menu_label = _("Featured work")
    menu_order = 250
    add_to_admin_menu = True
    list_select_related = ["region", "page"]
    list_display = ["work", "region", "reason", "starts_on", "ends_on", "sort_order"]
    list_filter = ["region"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("region"),
            FieldPanel(
                "page", widget=AdminPageChooser(target_models=[BrandPage, ExemplarCasePage])
            ),
            FieldPanel("reason"),
            FieldPanel("sort_order"),
            FieldPanel("starts_on"),
            FieldPanel("ends_on"),
        ],
        base_form_class=FeatureForm,
    )


register_permission_policy(Feature, RegionCuratorPolicy(Feature))


@hooks.register("register_admin_viewset")
def feature_viewset():
    return FeatureViewSet("features")


# The banned-word list: the platform's, and each region's additions


class BannedWordViewSet(ScopedModelViewSet):
    model = BannedWord
    icon = "warning"
    menu_label = _("Banned words")
    menu_order = 255
    add_to_admin_menu = True
    list_select_related = ["region"]
    list_display = ["word", "region", "note", "created_at"]
    search_fields = ["word", "note"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("word"), FieldPanel("region"), FieldPanel("note")],
        base_form_class=PlatformOrRegionForm,
    )


register_permission_policy(BannedWord, RegionCuratorPolicy(BannedWord))


@hooks.register("register_admin_viewset")
def banned_word_viewset():
    return BannedWordViewSet("banned_words")


# Mourning days: the platform's, and each region's


class MourningPeriodViewSet(ScopedModelViewSet):
    model = MourningPeriod
    icon = "date"
    menu_label = _("Mourning days")
    menu_order = 256
    add_to_admin_menu = True
    list_select_related = ["region"]
    list_display = ["note", "region", "starts_on", "ends_on"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("note"), FieldPanel("region"), FieldPanel("starts_on"), FieldPanel("ends_on")],
        base_form_class=PlatformOrRegionForm,
    )


register_permission_policy(MourningPeriod, RegionCuratorPolicy(MourningPeriod))


@hooks.register("register_admin_viewset")
def mourning_period_viewset():
    return MourningPeriodViewSet("mourning_periods")


# Submissions (报送)


@hooks.register("construct_homepage_panels")
def my_work_panels(request, panels):
    if (panel := dashboard.my_work_panel(request.user)) is not None:
        panels.append(panel)
    if (panel := dashboard.bureau_queue_panel(request.user)) is not None:
        panels.append(panel)
    if (panel := dashboard.region_charts_panel(request.user)) is not None:
        panels.append(panel)


@hooks.register("construct_homepage_panels")
def annual_plan_panels(request, panels):
    year = annual_plans.this_year()
    for panel in (
        annual_plans.own_plan_panel(request.user, year),
        annual_plans.region_plans_panel(request.user, year),
    ):
        if panel is not None:
            panels.append(panel)


@hooks.register("register_admin_urls")
def submission_urls():
    return [
        path("submissions/", SubmissionIndexView.as_view(), name="submission_index"),
        path("submissions/<int:pk>/", SubmissionDetailView.as_view(), name="submission_detail"),
        path("submissions/new/", NewSubmissionView.as_view(), name="submission_new"),
        path("submissions/new/<int:page_id>/", SubmitView.as_view(), name="submission_submit"),
    ]


class SubmissionsMenuItem(RoleMenuItem):
    """报送, with the number waiting for the curator's decision (one count query)."""

    def render_component(self, request):
        component = super().render_component(request)
        waiting = curation.pending_for(request.user).count()
        if waiting:
            component.label = f"{self.label} ({waiting})"
        return component


@hooks.register("register_admin_menu_item")
def submissions_menu_item():
    return SubmissionsMenuItem(
        _("Submissions"),
        reverse("submission_index"),
        icon_name="upload",
        order=240,
        shown_to=lambda user: roles.school_paths(user) or roles.region_paths(user, roles.CURATOR),
    )


@hooks.register("register_page_header_buttons")
def submit_button(page, user, view_name, next_url=None):
    submittable = page.specific_class._meta.model_name in Submission.SUBMITTABLE and page.live
    if submittable and (user.is_superuser or roles.works_for_school_of(user, page)):
        yield Button(
            _("Submit to the bureau"),
            reverse("submission_submit", args=[page.pk]),
            icon_name="upload",
            priority=80,
        )


# Curation's actions in Wagtail's log (the site history report).


@hooks.register("register_log_actions")
def curation_log_actions(actions):
    actions.register_action(
        "yxyp.submission.submit", _("Submitted to the bureau"), _("Submitted to the bureau")
    )

    @actions.register_action("yxyp.submission.decide")
    class Decide(LogFormatter):
        label = _("Submission decided")

        def format_message(self, log_entry):
            action = log_entry.data.get("action", "")
            return _("Decision: %(action)s") % {"action": DecisionForm.LABELS.get(action, action)}

    @actions.register_action("yxyp.feature")
    class Featured(LogFormatter):
        label = _("Featured on the portal")

        def format_message(self, log_entry):
            return _("Featured: %(reason)s") % {"reason": log_entry.data.get("reason", "")}
