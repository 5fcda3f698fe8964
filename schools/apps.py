from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = _("Schools and regions")

    def ready(self):
        from schools import publishing, signal_handlers, workflow

        publishing.install()
        workflow.connect()
        signal_handlers.connect()
