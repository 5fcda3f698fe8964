"""Memberships: people join a school as editor or moderator, a region as curator, account
manager, committee member or auditor, by joining the Group that provisioning made for that
role there; the platform's auditors join its one auditors' Group, which may read the whole
audit log and nothing else (a region's auditors read their region's, schools.views)."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from schools.models import RegionGroup
from schools.provisioning.common import ProvisioningError, permissions
from schools.provisioning.regions import ensure_region_groups
from schools.roles import AUDITOR, PAGE_FIELD_ROLES, REGION_ROLES, SCHOOL_ROLES, Role, name_of


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
    log(school, "yxyp.role.revoke", data=_who(user, role))
    return True


def region_group(region, role):
    """The Group of ``role`` at ``region``, made the first time it is asked for."""
    if role in PAGE_FIELD_ROLES:
        if getattr(region, f"{role}_group") is None:
            with translation.override(settings.LANGUAGE_CODE):
                ensure_region_groups(region)
        return getattr(region, f"{role}_group")
    found = RegionGroup.objects.filter(region=region, role=role).select_related("group").first()
    if found is not None:
        return found.group
    with translation.override(settings.LANGUAGE_CODE):
        name = f"{region.title}·{Role(role).label}（{region.region_code}）"
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*permissions(["wagtailadmin.access_admin"]))
    RegionGroup.objects.create(region=region, role=role, group=group)
    return group


def add_region_user(region, user, role):
    """Make ``user`` a curator, account manager, committee member or auditor of ``region``."""
    if role not in (*REGION_ROLES, AUDITOR):
        raise ProvisioningError(
            _("Unknown role “%(role)s”: choose curator, manager, committee or auditor.")
            % {"role": role}
        )
    return _join(user, region_group(region, role), region, role)


def remove_region_user(region, user, role):
    """Take a region role away again; returns False if they did not hold it."""
    group = region_group(region, role)
    if not user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.remove(group)
    log(region, "yxyp.role.revoke", data=_who(user, role))
    return True


def _who(user, role):
    """What the log keeps of a role change: the account, the person's name then, the role."""
    return {"user": user.get_username(), "name": name_of(user), "role": role}


def _join(user, group, place, role):
    """Put ``user`` in ``group`` (the role's at the school or region), in the place's history;
    False if they already were."""
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    log(place, "yxyp.role.grant", data=_who(user, role))
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
    log(user, "yxyp.role.grant", data=_who(user, AUDITORS))
    return True
