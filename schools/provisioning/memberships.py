"""Memberships: people join a school as editor or moderator, a region as curator or account
manager, by joining the Group that provisioning made for that role there; auditors join the
platform's one auditors' Group, which may read the audit log and nothing else."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from schools.provisioning.common import ProvisioningError
from schools.provisioning.regions import ensure_region_groups
from schools.roles import REGION_ROLES, SCHOOL_ROLES


def add_school_user(school, user, role):
    """Make ``user`` an editor or moderator of ``school``; returns False if they already were."""
    if role not in SCHOOL_ROLES:
        raise ProvisioningError(
            _("Unknown role “%(role)s”: choose editor or moderator.") % {"role": role}
        )
    group = getattr(school, f"{role}_group")
    if group is None:
        raise ProvisioningError(
            _("“%(school)s” is not fully provisioned: run provision_school for it again.")
            % {"school": school.title}
        )
    return _join(user, group, school, role)


def remove_school_user(school, user, role):
    """Take the role away again; returns False if they did not hold it."""
    group_id = getattr(school, f"{role}_group_id")
    if group_id is None or not user.groups.filter(pk=group_id).exists():
        return False
    user.groups.remove(group_id)
    log(school, "yxyp.role.revoke", data={"user": user.get_username(), "role": role})
    return True


def add_region_user(region, user, role):
    """Make ``user`` a curator or account manager of ``region``."""
    if role not in REGION_ROLES:
        raise ProvisioningError(
            _("Unknown role “%(role)s”: choose curator or manager.") % {"role": role}
        )
    if getattr(region, f"{role}_group") is None:
        with translation.override(settings.LANGUAGE_CODE):
            ensure_region_groups(region)
    return _join(user, getattr(region, f"{role}_group"), region, role)


def _join(user, group, place, role):
    """Put ``user`` in ``group`` (the role's at the school or region), in the place's history;
    False if they already were."""
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    log(place, "yxyp.role.grant", data={"user": user.get_username(), "role": role})
    return True


AUDITORS = "auditors"


def auditors_group():
    """The platform's auditors: into the admin, to the audit log, read-only."""
    group, _created = Group.objects.get_or_create(name=AUDITORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=("wagtailadmin", "schools"),
            codename__in=("access_admin", "view_auditentry"),
        )
    )
    return group


def add_auditor(user):
    """Make ``user`` an auditor; False if they already were. Logged on the account."""
    group = auditors_group()
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    log(user, "yxyp.role.grant", data={"user": user.get_username(), "role": AUDITORS})
    return True
