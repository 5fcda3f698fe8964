from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction

        from pages import checks as database_checks
        from pages import page_cache, visibility

        page_cache.connect()
        for signal in (post_save, post_delete):
            signal.connect(
                visibility.forget_restrictions,
                sender=PageViewRestriction,
                dispatch_uid=f"visibility_restrictions_{signal is post_save}",
            )
        checks.register(database_checks.page_indexes)
