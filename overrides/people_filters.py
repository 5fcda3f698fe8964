"""The admin's filters by person offer only the people the user works with.

No upstream issue: Wagtail has no hook for the choices of its user filters. Its page listings'
"owner" and "edited by" filters offer every user who owns or edited any page, and the site
history report's user filter everyone in the log: school staff saw the usernames of other schools'
teachers and of the platform admins (issue 16, finding 3). For everyone but platform admins
the choices are cut to schools.roles.colleagues. Verified against Wagtail 8.0.1; can go if
Wagtail lets a project scope its user filters. (wagtail#9116, closed, made the locked-pages
filter list only users who locked a page, for size, not privacy; nothing asks for a scope.)

Fails closed (overrides.fence): the method replaced and the history filter set that feeds it
are fingerprinted; a change stops the start.
"""

from wagtail.admin.filters import MultipleUserFilter

from overrides import fence
from schools.roles import SEES_EVERYONE, colleagues

FENCE = fence.closed(
    fence.Code("wagtail.admin.filters", "MultipleUserFilter.get_queryset", "0a8c5c2d43ab0323"),
    fence.Code(
        "wagtail.admin.views.generic.history", "HistoryFilterSet.__init__", "7e7a2136d4961960"
    ),
)

_wagtail_get_queryset = MultipleUserFilter.get_queryset


def _scoped(users, user):
    if user.is_superuser or user.has_perm(SEES_EVERYONE):
        return users
    return users.filter(pk__in=colleagues(user).values("pk"))


def _get_queryset(self, request):
    # History filter sets put their users in ``extra`` instead (HistoryFilterSet.__init__).
    users = _wagtail_get_queryset(self, request)
    if users is None:
        users = self.extra.get("queryset")
    if users is None or request is None:
        return users
    return _scoped(users, request.user)


def install():
    MultipleUserFilter.get_queryset = _get_queryset
