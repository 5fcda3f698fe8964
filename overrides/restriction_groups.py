"""The privacy screens' "private, to these groups" option offers the Groups of the user's own
schools and regions, not every Group of the platform.

Upstream: none (Wagtail 8.0.1's view-restriction form lists ``Group.objects.all()``, with no
hook to narrow it). A school's moderator making a page private was shown every school's
editor and moderator Groups, the auditors and Wagtail's defaults. Platform admins still see
them all. Can go if Wagtail lets a project narrow the Groups the form offers. No upstream issue
found: the privacy form's Groups are asked about nowhere (Wagtail assumes one organisation,
wagtail#1700).

Fails closed (overrides.fence): the form's __init__ is fingerprinted; a change stops the start.
"""

from django.contrib.auth.models import Group
from wagtail.admin.forms.view_restrictions import BaseViewRestrictionForm

from overrides import fence
from schools import roles
from schools.isolation import current_viewer

FENCE = fence.closed(
    fence.Code(
        "wagtail.admin.forms.view_restrictions",
        "BaseViewRestrictionForm.__init__",
        "08232619f7782c62",
    ),
)

_wagtail_init = BaseViewRestrictionForm.__init__


def __init__(self, *args, **kwargs):
    _wagtail_init(self, *args, **kwargs)
    user = current_viewer.get()
    if user is not None and not user.is_superuser and "groups" in self.fields:
        self.fields["groups"].queryset = Group.objects.filter(
            pk__in=roles.scope_groups(user)
        ).order_by("name")


def install():
    BaseViewRestrictionForm.__init__ = __init__
