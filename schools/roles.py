"""Who may act where, read from the user's Groups.

Every school has an editor and a moderator Group, every region a curator and a manager
Group, all made by provisioning. A user's scope is the tree below the schools and regions
whose Groups they are in, so one permission row per role and root serves any number of pages.
The paths are looked up once per user object (one request) and kept on it, since the admin
asks for them again for every row of a listing.
"""

import os
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Page

from pages.models import RegionPage, SchoolHomePage, canonical


class Role(models.TextChoices):
    """The roles; each is a Group per school (editor, moderator) or per region (the others).
    Four are held in the ``<role>_group`` field of the school's or region's page; a region's
    committee members' and auditors' Groups are ``schools.models.RegionGroup`` rows, so that
    the tenancy adds region roles without changing the pages app."""

    EDITOR = "editor", _("Editor")
    MODERATOR = "moderator", _("Moderator")
    CURATOR = "curator", _("Curator")
    MANAGER = "manager", _("Account manager")
    COMMITTEE = "committee", _("Committee member")
    AUDITOR = "auditor", _("Auditor")


EDITOR, MODERATOR, CURATOR, MANAGER = Role.EDITOR, Role.MODERATOR, Role.CURATOR, Role.MANAGER
COMMITTEE, AUDITOR = Role.COMMITTEE, Role.AUDITOR
SCHOOL_ROLES = (EDITOR, MODERATOR)
# The bureau's staff: who a region's screens offer when naming a person (liaison members,
# reviewers). A region's auditors read its log and are named for nothing.
REGION_ROLES = (CURATOR, MANAGER, COMMITTEE)
# Roles whose Group a region's page holds in a field; the others' are RegionGroup rows.
PAGE_FIELD_ROLES = (*SCHOOL_ROLES, CURATOR, MANAGER)
# What a region's account manager gives people of their region and the regions below it.
MANAGED_REGION_ROLES = (CURATOR, COMMITTEE, AUDITOR)


def _remembered(user, key, compute):
    cache = user.__dict__.setdefault("_role_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _group_ids(user):
    if not user.is_authenticated:
        return []
    return _remembered(user, "groups", lambda: list(user.groups.values_list("pk", flat=True)))


def _editions_of(user, roles):
    """Every language's home page of the schools where the user holds one of ``roles``: an
    English edition copies its Chinese page's Groups (wagtail-localize copies every field)."""
    query = Q()
    for role in roles:
        query |= Q(**{f"{role}_group__in": _group_ids(user)})
    return SchoolHomePage.objects.filter(query)


def schools_of(user, roles=SCHOOL_ROLES):
    """The schools where the user holds one of ``roles``."""
    return canonical(_editions_of(user, roles))


def holding(role, group_ids):
    """A filter for the regions whose ``role`` Group is one of ``group_ids``."""
    if role in PAGE_FIELD_ROLES:
        return Q(**{f"{role}_group__in": group_ids})
    return Q(role_groups__role=role, role_groups__group__in=group_ids)


def region_group_ids(regions, roles):
    """The ids of the ``roles`` Groups of ``regions`` (a queryset of regions)."""
    groups = set()
    if fields := [f"{role}_group_id" for role in roles if role in PAGE_FIELD_ROLES]:
        for row in regions.values(*fields):
            groups |= set(row.values())
    if others := [role for role in roles if role not in PAGE_FIELD_ROLES]:
        groups |= set(
            regions.filter(role_groups__role__in=others).values_list(
                "role_groups__group_id", flat=True
            )
        )
    return groups - {None}


def regions_of(user, role):
    """The regions whose ``role`` Group (curators', managers', ...) the user is in."""
    return canonical(RegionPage.objects.filter(holding(role, _group_ids(user))))


def curated_regions(user):
    """The regions whose bureau screens ``user`` works in: those they curate, or every region
    for a platform admin."""
    if user.is_superuser:
        return canonical(RegionPage.objects.all())
    return regions_of(user, CURATOR)


def schools_below(regions):
    """The schools inside ``regions`` (a queryset of regions), in tree order; never a
    school's edition in another language."""
    inside = below(list(regions.values_list("path", flat=True)))
    if inside is None:
        return SchoolHomePage.objects.none()
    return SchoolHomePage.objects.schools().filter(inside).order_by("path")


def school_paths(user, roles=SCHOOL_ROLES):
    """Tree paths of the schools where the user holds one of ``roles``, in every language:
    a school's English pages lie below its English home page, elsewhere in the tree."""
    return _remembered(
        user,
        ("schools", roles),
        lambda: list(_editions_of(user, roles).values_list("path", flat=True)),
    )


def school_collection_paths(user):
    """Tree paths of the media Collections of the schools where the user holds a role."""
    return _remembered(
        user,
        "school collections",
        lambda: [p for p in schools_of(user).values_list("collection__path", flat=True) if p],
    )


def media_collection_paths(user):
    """Tree paths of the media Collections the user works in: their schools' and, as a
    curator, their bureaus' own (schools.BureauCollection), never a region's whole Collection,
    which holds its schools'."""
    return _remembered(
        user,
        "media collections",
        lambda: [
            *school_collection_paths(user),
            *Collection.objects.filter(bureau_of__region__in=regions_of(user, CURATOR)).values_list(
                "path", flat=True
            ),
        ],
    )


def region_paths(user, role):
    """Tree paths of the regions whose ``role`` Group the user is in."""
    return _remembered(
        user, ("regions", role), lambda: list(regions_of(user, role).values_list("path", flat=True))
    )


def scope_paths(user):
    """Tree paths of every school and region the user holds any role in."""
    return [*school_paths(user), *region_paths(user, CURATOR), *region_paths(user, MANAGER)]


def common_root(paths):
    """The deepest tree path at or above every one of ``paths``."""
    common = os.path.commonprefix(list(paths))
    return common[: len(common) - len(common) % Page.steplen]


def below(paths, field="path"):
    """A filter for pages at or below any of ``paths`` (None when there are none)."""
    if not paths:
        return None
    return reduce(or_, (Q(**{f"{field}__startswith": path}) for path in paths))


def works_for_school_of(user, page, roles=SCHOOL_ROLES):
    """True when the page lies inside a school where the user holds one of ``roles``."""
    return any(page.path.startswith(path) for path in school_paths(user, roles))


def scope_groups(user):
    """The ids of the Groups of every school and region in the user's scope (their school,
    or the schools and regions below their region)."""
    within = below([*scope_paths(user), *region_paths(user, AUDITOR)])
    if within is None:
        return set()
    groups = set()
    for school in SchoolHomePage.objects.filter(within).values(
        *(f"{role}_group_id" for role in SCHOOL_ROLES)
    ):
        groups |= set(school.values())
    regions = RegionPage.objects.filter(within)
    return (groups | region_group_ids(regions, (*REGION_ROLES, AUDITOR))) - {None}


def colleagues(user):
    """The people ``user`` works with: members of the Groups of every school and region in
    the user's scope, and the user; never a platform admin."""
    people = Q(groups__in=scope_groups(user), is_superuser=False) | Q(pk=user.pk)
    return get_user_model().objects.filter(people).distinct()


def people_of(regions, roles=(*REGION_ROLES, *SCHOOL_ROLES)):
    """The active accounts holding one of ``roles`` in ``regions`` (a queryset of regions) or
    below them: bureau staff of those regions and their sub-regions, staff of the schools
    inside; never a platform admin. What a bureau's screens offer when naming a person."""
    inside = below(list(regions.values_list("path", flat=True)))
    if inside is None:
        return get_user_model().objects.none()
    groups = region_group_ids(
        RegionPage.objects.filter(inside), [role for role in roles if role not in SCHOOL_ROLES]
    )
    if fields := [f"{role}_group_id" for role in roles if role in SCHOOL_ROLES]:
        for row in SchoolHomePage.objects.filter(inside).values(*fields):
            groups |= set(row.values())
    return (
        get_user_model()
        .objects.filter(groups__in=groups - {None}, is_active=True, is_superuser=False)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def name_of(person):
    """How a person is shown when offered: their name, whole and in Chinese order, else their
    username. The forms keep it whole in ``last_name`` (schools.forms.PersonNameField); an
    account given 名 and 姓 some other way (createsuperuser, a script) still reads 李红, not
    Django's "红 李"."""
    first, last = person.first_name.strip(), person.last_name.strip()
    if first and last:
        return f"{first} {last}" if (first + last).isascii() else last + first
    return first or last or person.get_username()


# Auditors read the whole log, and whoever acted in it.
SEES_EVERYONE = "schools.view_auditentry"


def may_see_name_of(viewer, person):
    """Whether the admin may show ``viewer`` who ``person`` is: their own colleagues, yes;
    other schools' staff and platform admins, no (outside a request there is no viewer)."""
    if viewer is None:
        return True
    if not viewer.is_authenticated:
        return False
    if viewer.is_superuser or viewer.pk == person.pk or viewer.has_perm(SEES_EVERYONE):
        return True
    known = _remembered(
        viewer, "colleagues", lambda: set(colleagues(viewer).values_list("pk", flat=True))
    )
    return person.pk in known
