"""Who may act where, read from the user's Groups.

Every school has an editor and a moderator Group, every region a curator and a manager
Group, all made by provisioning. A user's scope is the tree below the schools and regions
whose Groups they are in, so one permission row per role and root serves any number of pages.
"""

from django.db.models import Q

from pages.models import RegionPage, SchoolHomePage

EDITOR, MODERATOR, CURATOR, MANAGER = "editor", "moderator", "curator", "manager"


def _group_ids(user):
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_role_group_ids"):
        user._role_group_ids = list(user.groups.values_list("pk", flat=True))
    return user._role_group_ids


def schools_of(user, roles=(EDITOR, MODERATOR)):
    """The schools where the user holds one of ``roles``."""
    query = Q()
    for role in roles:
        query |= Q(**{f"{role}_group__in": _group_ids(user)})
    return SchoolHomePage.objects.filter(query)


def regions_of(user, role):
    """The regions whose curator (or manager) Group the user is in."""
    return RegionPage.objects.filter(**{f"{role}_group__in": _group_ids(user)})


def works_for_school_of(user, page, roles=(EDITOR, MODERATOR)):
    """True when the page lies inside a school where the user holds one of ``roles``."""
    paths = schools_of(user, roles).values_list("path", flat=True)
    return any(page.path.startswith(path) for path in paths)


def school_of(page):
    """The school a page belongs to, or None for pages outside every school."""
    return SchoolHomePage.objects.ancestor_of(page, inclusive=True).first()


def scope_paths(user):
    """Tree paths of every school and region the user holds any role in."""
    if not user.is_authenticated:
        return []
    ids = _group_ids(user)
    schools = SchoolHomePage.objects.filter(
        Q(editor_group__in=ids) | Q(moderator_group__in=ids)
    ).values_list("path", flat=True)
    regions = RegionPage.objects.filter(
        Q(curator_group__in=ids) | Q(manager_group__in=ids)
    ).values_list("path", flat=True)
    return [*schools, *regions]
