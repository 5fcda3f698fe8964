"""The plugin's entries in Wagtail's log, so publishing results shows in the site history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from plugins.evaluation import honours, views


@hooks.register("register_log_actions")
def evaluation_log_actions(actions):
    actions.register_action(
        "yxyp.evaluation.publish",
        _("Publish evaluation results"),
        _("Evaluation results published"),
    )
    actions.register_action(
        "yxyp.evaluation.sign_off",
        _("Sign off an application"),
        _("Application signed off by the school's secretary"),
    )
    actions.register_action(
        "yxyp.evaluation.reopen",
        _("Change a signed-off application"),
        _("Application changed after its sign-off; it waits for a new sign-off"),
    )
    actions.register_action(
        "yxyp.evaluation.inspection",
        _("Record an on-site inspection"),
        _("On-site inspection recorded"),
    )


hooks.register("region_portal_sections", views.portal_section)
hooks.register("school_home_sections", honours.school_section)
hooks.register("ledger_sheets", honours.ledger_sheets)
