from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from django.core import checks

        from pages import checks as database_checks
        from pages import publishing, references, signal_handlers

        signal_handlers.connect()
        references.connect()
        publishing.connect()
        checks.register(publishing.gate_installed)
        checks.register(database_checks.page_indexes)
