from django.urls import path
from django.utils.translation import gettext_lazy as _

from plugins import api
from plugins.ledger import views


class LedgerViewSet(api.RoleViewSet):
    icon = "download"
    menu_label = _("Ledgers and compendiums")
    menu_order = 340
    shown_to = staticmethod(views.may_export)

    def get_urlpatterns(self):
        return [
            path("", views.LedgerView.as_view(), name="index"),
            path("<int:pk>/download/", views.download, name="download"),
        ]


ledger_viewset = LedgerViewSet("ledger")
