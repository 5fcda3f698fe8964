from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.panels.group import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages import page_cache, roles
from pages.account_views import SchoolAccountsView
from pages.admin_access import RoleMenuItem, ScopedObjectMixin
from pages.content_checks import prepublish_warnings
from pages.forms import FeatureForm
from pages.models import (
    ActivityType,
    BrandPage,
    ExemplarCasePage,
    Feature,
    SchoolHomePage,
    Submission,
)
from pages.permissions import RegionCuratorPolicy
from pages.rich_text import SingleQueryPageLinkHandler
from pages.submission_views import SubmissionDetailView, SubmissionIndexView, SubmitView
from pages.views import ProvisionRegionView, ProvisionSchoolView


class ActivityTypeViewSet(SnippetViewSet):
    model = ActivityType
    icon = "list-ul"
    menu_label = _("Activity types")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    add_to_settings_menu = True


register_snippet(ActivityTypeViewSet)


hooks.register("before_serve_page", page_cache.mark_cacheable)


@hooks.register("register_admin_urls")
def provisioning_urls():
    return [
        path("provision/school/", ProvisionSchoolView.as_view(), name="provision_school"),
        path("provision/region/", ProvisionRegionView.as_view(), name="provision_region"),
    ]


@hooks.register("register_settings_menu_item")
def provision_school_menu_item():
    return RoleMenuItem(
        _("Provision a school"), reverse("provision_school"), icon_name="home", order=10
    )


@hooks.register("register_settings_menu_item")
def provision_region_menu_item():
    return RoleMenuItem(
        _("Provision a region"), reverse("provision_region"), icon_name="site", order=11
    )


# Curation: featured work on region portals


class FeatureIndexView(ScopedObjectMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.scoped_queryset().select_related("region", "page")


class FeatureEditView(ScopedObjectMixin, generic.EditView):
    pass


class FeatureDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class FeatureHistoryView(ScopedObjectMixin, generic.HistoryView):
    pass


class FeatureUsageView(ScopedObjectMixin, generic.UsageView):
    pass


class FeatureViewSet(ModelViewSet):
    model = Feature
    icon = "pick"
    menu_label = _("Featured work")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = FeatureIndexView
    edit_view_class = FeatureEditView
    delete_view_class = FeatureDeleteView
    history_view_class = FeatureHistoryView
    usage_view_class = FeatureUsageView
    list_display = ["page", "region", "reason", "starts_on", "ends_on", "sort_order"]
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


# Submissions (报送)


@hooks.register("register_admin_urls")
def submission_urls():
    return [
        path("submissions/", SubmissionIndexView.as_view(), name="submission_index"),
        path("submissions/<int:pk>/", SubmissionDetailView.as_view(), name="submission_detail"),
        path("submissions/new/<int:page_id>/", SubmitView.as_view(), name="submission_submit"),
    ]


@hooks.register("register_admin_menu_item")
def submissions_menu_item():
    return RoleMenuItem(
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


# Isolation between schools


@hooks.register("construct_page_chooser_queryset")
def only_own_pages_in_chooser(pages, request):
    """A school's people choose among their school's pages, a curator among the region's;
    the ancestors stay visible only as the way down the tree."""
    user = request.user
    if user.is_superuser:
        return pages
    paths = roles.scope_paths(user)
    if not paths:
        return pages.none()
    ancestors = {
        root[:end] for root in paths for end in range(Page.steplen, len(root), Page.steplen)
    }
    return pages.filter(roles.below(paths) | Q(path__in=ancestors))


@hooks.register("before_move_page")
def keep_pages_inside_their_school(request, page, destination):
    """Content never moves from one school into another, whoever asks (a school's home page
    moves between regions, which only platform admins may do)."""
    is_content = page.specific_class is not SchoolHomePage
    if is_content and roles.school_of(page) != roles.school_of(destination):
        messages.error(request, _("A page can only be moved within its own school."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    # Wagtail checks this only when the move is confirmed; the confirmation page itself
    # would otherwise show the page to anyone.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    return None


@hooks.register("construct_reports_menu")
def hide_platform_reports(request, menu_items):
    """The page types usage report names the latest page edited anywhere in the tree."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_before_publishing(request, page):
    for warning in prepublish_warnings(page.specific):
        messages.warning(request, warning)


# School accounts for bureau account managers


@hooks.register("register_admin_urls")
def account_urls():
    return [path("school-accounts/", SchoolAccountsView.as_view(), name="school_accounts")]


@hooks.register("register_admin_menu_item")
def accounts_menu_item():
    return RoleMenuItem(
        _("School accounts"),
        reverse("school_accounts"),
        icon_name="group",
        order=260,
        shown_to=lambda user: roles.region_paths(user, roles.MANAGER),
    )


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" type
def page_links_in_one_query(features):
    features.register_link_type(SingleQueryPageLinkHandler)
