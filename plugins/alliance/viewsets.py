"""The bureau's screens for alliances and demonstration clusters, scoped to the regions the
curator works for (RegionCuratorPolicy)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy

from plugins import api
from plugins.alliance.forms import AllianceForm, ClusterForm, MembersPanel
from plugins.alliance.models import Alliance, DemonstrationCluster


class AllianceViewSet(api.ScopedModelViewSet):
    model = Alliance
    icon = "group"
    menu_label = _("Alliances")
    menu_order = 335
    add_to_admin_menu = True
    list_select_related = ["region", "cluster"]
    list_display = ["name", "cluster", "region"]
    search_fields = ["name"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("region"),
            FieldPanel("name"),
            FieldPanel("description"),
            FieldPanel("cluster"),
            MembersPanel("members", heading=_("Member schools"), label=_("Member school")),
        ],
        base_form_class=AllianceForm,
    )


class ClusterViewSet(api.ScopedModelViewSet):
    model = DemonstrationCluster
    icon = "site"
    menu_label = _("Demonstration clusters")
    menu_order = 336
    add_to_admin_menu = True
    list_select_related = ["region"]
    list_display = ["name", "region"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("region"), FieldPanel("name"), FieldPanel("description")],
        base_form_class=ClusterForm,
    )


register_permission_policy(Alliance, api.RegionCuratorPolicy(Alliance))
register_permission_policy(DemonstrationCluster, api.RegionCuratorPolicy(DemonstrationCluster))
alliance_viewset = AllianceViewSet("alliances")
cluster_viewset = ClusterViewSet("alliance_clusters")
