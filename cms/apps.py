from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Platform")

    def ready(self):
        from cms import plugin_loader, tasks

        plugin_loader.wire()
        tasks.connect()
