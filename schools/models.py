from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, ModelLogEntry, Page, Task, TaskState

from schools import roles


class SchoolModerationTask(Task):
    """Approval by the moderators of the page's own school.

    One task serves every school. Wagtail's group approval task would need one task per
    school (its groups are fixed), and Wagtail asks every active task, one query each,
    whether the user may moderate it on every dashboard and page listing: with 1,000 schools
    that was 1,000 queries per request for everyone.
    """

    class Meta:
        db_table = "pages_schoolmoderationtask"  # its table from before the schools app
        verbose_name = _("school moderator approval")
        verbose_name_plural = _("school moderator approvals")

    @staticmethod
    def _moderates(obj, user):
        return user.is_superuser or roles.works_for_school_of(user, obj, (roles.MODERATOR,))

    def user_can_access_editor(self, obj, user):
        return self._moderates(obj, user)

    def locked_for_user(self, obj, user):
        return not self._moderates(obj, user)

    def user_can_lock(self, obj, user):
        return self._moderates(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self._moderates(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return in_progress
        inside = roles.below(roles.school_paths(user, (roles.MODERATOR,)))
        if inside is None:
            return TaskState.objects.none()
        pages = Page.objects.filter(inside)
        return in_progress.filter(
            workflow_state__object_id__in=pages.annotate(
                key=Cast("pk", output_field=CharField())
            ).values("key")
        )

    @classmethod
    def get_description(cls):
        return _("The moderators of the page's own school approve it")


class RegionGroup(models.Model):
    """The Group of a region role its page has no field for: the committee members (督导委员,
    named by liaison) and the auditors of the region. Provisioning makes it when the role is
    first given there (schools.provisioning.memberships)."""

    region = models.ForeignKey(
        "pages.RegionPage", on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(
        max_length=20,
        choices=[(role, roles.Role(role).label) for role in (roles.COMMITTEE, roles.AUDITOR)],
    )
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "role"], name="region_group_once")]
        verbose_name = _("region role group")
        verbose_name_plural = _("region role groups")

    def __str__(self):
        return self.group.name


class BureauCollection(models.Model):
    """The Collection of a region's bureau's own files (a campaign's notice): a child of the
    region's Collection beside its schools'. Wagtail's collection permissions reach every
    Collection below the one granted, so the curators are given this one, never the region's,
    which would open every school's private files to them."""

    region = models.OneToOneField(
        "pages.RegionPage", on_delete=models.CASCADE, related_name="bureau_collection"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.CASCADE, related_name="bureau_of"
    )

    class Meta:
        verbose_name = _("bureau collection")
        verbose_name_plural = _("bureau collections")

    def __str__(self):
        return self.collection.name


def bureau_collections(regions):
    """The Collections of the bureaus of ``regions`` (a RegionPage queryset): where their
    own files lie, none of their schools'."""
    return Collection.objects.filter(bureau_of__region__in=regions)


class StaffContact(models.Model):
    """How a school's staff member is reached, beyond Django's user fields: the phone number
    their account manager keeps on file."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="staff_contact",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("staff contact")
        verbose_name_plural = _("staff contacts")

    def __str__(self):
        return self.phone


class InitialPassword(models.Model):
    """A password someone else chose for this account (an account manager creating it). While
    the account's password is still this one, its sessions are anonymous until the owner has
    changed it (schools.sign_in_gate)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    password = models.CharField(max_length=128, help_text="The hash the account was created with.")

    class Meta:
        verbose_name = _("initial password")
        verbose_name_plural = _("initial passwords")

    def __str__(self):
        return str(self.user)


class AuditEntry(ModelLogEntry):
    """The audit log as something to hold a permission on: the auditors' Group holds
    ``schools.view_auditentry``, which opens the read-only audit log (schools.views.AuditLogView)
    and nothing else. Wagtail's log has no view or edit screen for single entries, so no role
    can change what is recorded."""

    class Meta:
        proxy = True
        default_permissions = ("view",)
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
