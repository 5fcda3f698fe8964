from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "plugins.alliance"
    label = "alliance"
    verbose_name = _("Alliances")

    def ready(self):
        from plugins.alliance import signal_handlers

        signal_handlers.connect()
