from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.models import ActivityType
from pages.views import ProvisionRegionView, ProvisionSchoolView


class ActivityTypeViewSet(SnippetViewSet):
    model = ActivityType
    icon = "list-ul"
    menu_label = _("Activity types")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    add_to_settings_menu = True


register_snippet(ActivityTypeViewSet)


@hooks.register("register_admin_urls")
def provisioning_urls():
    return [
        path("provision/school/", ProvisionSchoolView.as_view(), name="provision_school"),
        path("provision/region/", ProvisionRegionView.as_view(), name="provision_region"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def provision_school_menu_item():
    return SuperuserMenuItem(
        _("Provision a school"), reverse("provision_school"), icon_name="home", order=10
    )


@hooks.register("register_settings_menu_item")
def provision_region_menu_item():
    return SuperuserMenuItem(
        _("Provision a region"), reverse("provision_region"), icon_name="site", order=11
    )
