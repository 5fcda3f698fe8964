"""The plugin's entries in Wagtail's log, so publishing results and moving a campaign's
stages show in the campaign's and the site's history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from plugins.evaluation import honours, notices, stages, views


class StageFormatter(LogFormatter):
    """Names the stage and the days the act set, from the entry's data."""

    def format_message(self, log_entry):
        data = dict(log_entry.data)
        data["stage"] = stages.LABELS.get(data.get("stage"), data.get("stage"))
        return self.message % data


class StageOpened(StageFormatter):
    label = _("Open a stage")
    message = _("%(stage)s opened on %(date)s")


class StageClosed(StageFormatter):
    label = _("Close a stage")
    message = _("%(stage)s closed; its last day was %(date)s")


class StageExtended(StageFormatter):
    label = _("Extend a stage")
    message = _("%(stage)s extended from %(from)s to %(date)s")


@hooks.register("register_log_actions")
def evaluation_log_actions(actions):
    actions.register_action(
        "yxyp.evaluation.publish",
        _("Publish evaluation results"),
        _("Evaluation results published"),
    )
    actions.register_action(stages.OPEN)(StageOpened)
    actions.register_action(stages.CLOSE)(StageClosed)
    actions.register_action(stages.EXTEND)(StageExtended)
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
hooks.register("document_readable", notices.readable)
hooks.register("school_home_sections", honours.school_section)
hooks.register("ledger_sheets", honours.ledger_sheets)
