"""The bureau's screens: liaison points, supervision records with their follow-ups, and what
is overdue. Curators see and change only their own regions' rows (RegionCuratorPolicy)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy

from plugins import api
from plugins.liaison import views
from plugins.liaison.forms import FollowUpsPanel, LinkForm, RecordForm
from plugins.liaison.models import LiaisonLink, SupervisionRecord


class LinkViewSet(api.ScopedModelViewSet):
    model = LiaisonLink
    icon = "link"
    menu_label = _("Liaison points")
    menu_order = 330
    add_to_admin_menu = True
    list_select_related = ["region", "school", "member"]
    list_display = [
        "school",
        Column("member_label", label=_("Bureau member")),
        "region",
        "since",
    ]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("region"),
            FieldPanel("school"),
            MultiFieldPanel(
                [FieldPanel("member"), FieldPanel("member_name"), FieldPanel("member_post")],
                heading=_("Bureau member"),
            ),
            FieldPanel("since"),
        ],
        base_form_class=LinkForm,
    )


class RecordViewSet(api.ScopedModelViewSet):
    model = SupervisionRecord
    icon = "doc-full"
    menu_label = _("Supervision records")
    menu_order = 331
    add_to_admin_menu = True
    list_select_related = ["link__school", "link__member"]
    list_display = ["link", "kind", "held_on"]
    list_filter = ["kind"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("link"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("held_on")]),
            FieldPanel("record_again"),
            FieldPanel("topic"),
            FieldPanel("participants"),
            FieldPanel("notes"),
            FieldPanel("attachment"),
            FollowUpsPanel("follow_ups", heading=_("Follow-ups"), label=_("Follow-up")),
        ],
        base_form_class=RecordForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/attachment/", views.attachment, name="attachment"),
        ]


class OverdueViewSet(api.RoleViewSet):
    icon = "warning"
    menu_label = _("Overdue supervision")
    menu_order = 332

    @staticmethod
    def shown_to(user):
        return api.region_paths(user, api.CURATOR)

    def get_urlpatterns(self):
        return [path("", views.OverdueView.as_view(), name="index")]


register_permission_policy(LiaisonLink, api.RegionCuratorPolicy(LiaisonLink))
register_permission_policy(SupervisionRecord, api.RegionCuratorPolicy(SupervisionRecord))
link_viewset = LinkViewSet("liaison_links")
record_viewset = RecordViewSet("liaison_records")
overdue_viewset = OverdueViewSet("liaison_overdue")
