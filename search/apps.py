from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.core import checks

        from search import checks as database_checks
        from search import signal_handlers

        signal_handlers.connect()
        checks.register(database_checks.full_text_objects)
