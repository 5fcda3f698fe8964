from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from pages import locales, page_cache, routing, workflow

        workflow.connect()
        routing.install()
        locales.install()
        page_cache.connect()
