"""The plugin's entries in Wagtail's log, so publishing results shows in the site history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from plugins.evaluation import views


@hooks.register("register_log_actions")
def evaluation_log_actions(actions):
    actions.register_action(
        "yxyp.evaluation.publish",
        _("Publish evaluation results"),
        _("Evaluation results published"),
    )


hooks.register("region_portal_sections", views.portal_section)
