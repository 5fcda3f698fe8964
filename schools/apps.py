from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class SchoolsConfig(AppConfig):
    default = True  # the app's own, of the two configs here
    name = "schools"
    verbose_name = _("Schools and regions")

    def ready(self):
        from schools import publishing, signal_handlers, workflow

        publishing.install()
        workflow.connect()
        signal_handlers.connect()


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with its user admin's forms asking one 姓名 (schools.views)."""

    user_viewset = "schools.views.UserViewSet"
