"""The admin names only the people the user works with.

No upstream issue: Wagtail shows the full name or username of whoever acted on an object (site
history, page history, the edit screen's status panel, revisions, locks, editing sessions)
with no hook to hide it. School staff read the usernames of platform admins and of other
schools' staff who had acted on their pages (issue 16, finding 3). Every place Wagtail 8.0.1
derives a person's name goes through ``get_user_display_name`` (bound in six modules),
``BaseLogEntry.user_display_name``, the tables' ``UserColumn`` or the aging-pages report's own
username lookup; each now names someone outside the viewer's colleagues by role only.
Can go if Wagtail gains a hook for how it displays users. (No issue asks for one: Wagtail
holds that its users share one organisation, wagtail#1700; multi-tenancy is an open roadmap
item, wagtail/roadmap#74, that names none of this.)

Fails closed (overrides.fence): the functions replaced, the modules that bind the name, and
Wagtail's user_avatar.html (which templates/ replaces) are fingerprinted; a change stops the
start.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail import locks
from wagtail.admin import filters, utils
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.admin.ui.tables import UserColumn
from wagtail.admin.views import editing_sessions
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.models.audit_log import BaseLogEntry
from wagtail.users.views import users as user_views

from overrides import fence
from schools.isolation import current_viewer
from schools.roles import may_see_name_of

FENCE = fence.closed(
    fence.Code("wagtail.admin.utils", "get_user_display_name", "e813a2d017080d57"),
    fence.Importers("wagtail", "get_user_display_name", "4ee48a6d264d1985"),
    fence.Code("wagtail.models.audit_log", "BaseLogEntry.user_display_name", "0a953c97a9ca7aa4"),
    fence.Code("wagtail.admin.ui.tables", "UserColumn.get_cell_context_data", "a47df762599e8e17"),
    fence.Code(
        "wagtail.admin.views.reports.aging_pages",
        "AgingPagesView.decorate_paginated_queryset",
        "68ffcabc8bf6ade1",
    ),
    # templates/wagtailadmin/shared/user_avatar.html replaces it (upstream prints the username).
    fence.Template("wagtail.admin", "wagtailadmin/shared/user_avatar.html", "10cbd09a2e9434e5"),
)

_wagtail_display_name = utils.get_user_display_name
_wagtail_log_display_name = BaseLogEntry.user_display_name.func
_wagtail_user_cell = UserColumn.get_cell_context_data
_wagtail_aging_decorate = AgingPagesView.decorate_paginated_queryset
MODULES = (utils, wagtailadmin_tags, filters, editing_sessions, user_views, locks)


def anonymised(person):
    return _("Platform administrator") if person.is_superuser else _("Staff of another unit")


def get_user_display_name(user):
    if hasattr(user, "pk") and not may_see_name_of(current_viewer.get(), user):
        return anonymised(user)
    return _wagtail_display_name(user)


def hidden(person):
    return person is not None and not may_see_name_of(current_viewer.get(), person)


def _log_display_name(self):
    if self.user_id and hidden(self.user):
        return anonymised(self.user)
    return _wagtail_log_display_name(self)


def _user_cell(self, instance, parent_context):
    context = _wagtail_user_cell(self, instance, parent_context)
    if context["value"] and hidden(context["value"]):
        context["display_name"] = anonymised(context["value"])
    return context


def _aging_decorate(self, queryset):
    queryset = _wagtail_aging_decorate(self, queryset)
    publishers = {page.last_published_by for page in queryset if page.last_published_by}
    people = self.user_model.objects.in_bulk(publishers)
    for page in queryset:
        if hidden(person := people.get(page.last_published_by)):
            page.last_published_by_user = anonymised(person)
    return queryset


def install():
    for module in MODULES:
        module.get_user_display_name = get_user_display_name
    UserColumn.get_cell_context_data = _user_cell
    AgingPagesView.decorate_paginated_queryset = _aging_decorate
    name = cached_property(_log_display_name)
    name.__set_name__(BaseLogEntry, "user_display_name")
    BaseLogEntry.user_display_name = name
