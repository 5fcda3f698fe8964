from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "plugins.evaluation"
    label = "evaluation"
    verbose_name = _("Brand evaluation")

    def ready(self):
        from plugins.evaluation import signal_handlers

        signal_handlers.connect()
