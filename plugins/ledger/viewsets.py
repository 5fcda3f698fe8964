from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet

from plugins import api
from plugins.ledger import views


class LedgerViewSet(ViewSet):
    icon = "download"
    menu_label = _("Ledgers and compendiums")
    menu_order = 340
    add_to_admin_menu = True

    def get_menu_item(self, order=None):
        return api.RoleMenuItem(
            self.menu_label,
            reverse(self.get_url_name("index")),
            icon_name=self.icon,
            order=order or self.menu_order,
            shown_to=views.may_export,
        )

    def get_urlpatterns(self):
        return [
            path("", views.LedgerView.as_view(), name="index"),
            path("<int:pk>/download/", views.download, name="download"),
        ]


ledger_viewset = LedgerViewSet("ledger")
