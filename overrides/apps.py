from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from overrides import jieba_import, unmounted_api


class OverridesConfig(AppConfig):
    name = "overrides"
    verbose_name = _("Framework overrides")

    def __init__(self, app_name, app_module):
        super().__init__(app_name, app_module)
        # While app configs load, before any models module can import ``analysis`` and
        # before any app's ready() imports Wagtail's v3 API.
        jieba_import.import_without_pkg_resources()
        unmounted_api.leave_unloaded(settings.INSTALLED_APPS)

    def ready(self):
        from overrides import checks, install

        checks.register()
        install()
