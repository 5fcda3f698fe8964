"""E-mail for the school moderation task: Wagtail notifies the members of a group approval
task's groups; for the one shared task the people to tell are the page's school moderators."""

from django.contrib.auth import get_user_model
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

from pages.models import SchoolHomePage
from schools.models import SchoolModerationTask


class SchoolModerationSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, SchoolModerationTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        page = task_state.workflow_state.content_object
        school = SchoolHomePage.objects.containing(page).first()
        recipients = get_user_model().objects.filter(
            groups=school.moderator_group_id, is_active=True
        )
        if kwargs.get("user"):
            recipients = recipients.exclude(pk=kwargs["user"].pk)
        return recipients


submission_notifier = SchoolModerationSubmissionNotifier()


def connect():
    task_submitted.connect(
        submission_notifier,
        sender=TaskState,
        dispatch_uid="school_moderation_task_submitted_email_notification",
    )
