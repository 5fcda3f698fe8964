"""The tenancy in the admin: provisioning screens, school accounts, and the school boundary in
choosers, moves and reports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.models import Page, get_page_models

from pages import visibility
from pages.models import SchoolHomePage
from schools import provisioning, roles, second_factor, work_queue
from schools.admin_access import RoleMenuItem
from schools.roles import Role
from schools.views import (
    AuditLogView,
    ProvisionRegionView,
    ProvisionSchoolView,
    SchoolAccountsView,
    SecondFactorView,
    audits,
)


@hooks.register("register_admin_urls")
def provisioning_urls():
    return [
        path("provision/school/", ProvisionSchoolView.as_view(), name="provision_school"),
        path("provision/region/", ProvisionRegionView.as_view(), name="provision_region"),
    ]


@hooks.register("register_settings_menu_item")
def provision_school_menu_item():
    return RoleMenuItem(
        _("Provision a school"), reverse("provision_school"), icon_name="home", order=10
    )


@hooks.register("register_settings_menu_item")
def provision_region_menu_item():
    return RoleMenuItem(
        _("Provision a region"), reverse("provision_region"), icon_name="site", order=11
    )


# Isolation between schools


@hooks.register("construct_page_chooser_queryset")
def only_own_pages_in_chooser(pages, request):
    """A school's people choose among their school's pages, a curator among the region's live
    public ones (brands and cases to feature, never drafts or private pages); the ancestors
    between the chooser's start (overrides.page_chooser) and those stay visible only as the
    way down the tree; nothing above the start."""
    user = request.user
    if user.is_superuser:
        return pages
    paths = roles.scope_paths(user)
    if not paths:
        return pages.none()
    top = len(roles.common_root(paths))
    ancestors = {root[:end] for root in paths for end in range(top, len(root), Page.steplen)}
    visible = Q(path__in=ancestors)
    if (schools := roles.below(roles.school_paths(user))) is not None:
        visible |= schools
    regions = roles.below(
        [*roles.region_paths(user, roles.CURATOR), *roles.region_paths(user, roles.MANAGER)]
    )
    if regions is not None:
        published = visibility.public(Page.objects.filter(regions, live=True))
        visible |= Q(pk__in=published.values("pk"))
    return pages.filter(visible)


@hooks.register("before_move_page")
def keep_pages_inside_their_school(request, page, destination):
    """Content never moves from one school into another, whoever asks (a school's home page
    moves between regions, which only platform admins may do)."""
    is_content = page.specific_class is not SchoolHomePage
    schools = SchoolHomePage.objects
    if is_content and schools.containing(page).first() != schools.containing(destination).first():
        messages.error(request, _("A page can only be moved within its own school."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    # Wagtail checks this only when the move is confirmed; the confirmation page itself
    # would otherwise show the page to anyone.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    return None


@hooks.register("construct_reports_menu")
def hide_platform_reports(request, menu_items):
    """The page types usage report names the latest page edited anywhere in the tree."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


# School accounts for bureau account managers


@hooks.register("register_admin_urls")
def account_urls():
    return [
        path("school-accounts/", SchoolAccountsView.as_view(), name="school_accounts"),
        path("audit/", AuditLogView.as_view(), name="audit_log"),
        path("two-step/", SecondFactorView.as_view(), name="second_factor"),
        path(
            "two-step/setup/", SecondFactorView.as_view(enrolling=True), name="second_factor_setup"
        ),
        path(
            "audit/results/",
            AuditLogView.as_view(results_only=True),
            name="audit_log_results",
        ),
    ]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    if second_factor.confirmed_device(request.user) is not None:
        return None
    return {
        "url": reverse("second_factor_setup"),
        "label": _("Turn on two-step sign-in"),
        "help_text": _("After your password, also ask for a code from an app on your phone."),
    }


@hooks.register("register_reports_menu_item")
def audit_log_menu_item():
    return RoleMenuItem(
        _("Audit log"),
        reverse("audit_log"),
        icon_name="history",
        order=1000,
        shown_to=audits,
    )


@hooks.register("register_admin_menu_item")
def accounts_menu_item():
    return RoleMenuItem(
        _("Accounts"),
        reverse("school_accounts"),
        icon_name="group",
        order=260,
        shown_to=lambda user: roles.region_paths(user, roles.MANAGER),
    )


PROVISIONED_PARTS = {
    "page": _("page"),
    "site": _("site"),
    "collection": _("media collection"),
    "editor_group": _("editors' group"),
    "moderator_group": _("moderators' group"),
    "curator_group": _("curators' group"),
    "manager_group": _("account managers' group"),
    "workflow": _("approval workflow"),
}


def provisioned_parts(created):
    """The log keeps provisioning's own keys (stable across languages); the history shows
    them as names: the parts, the standard pages by their type, the permissions counted."""
    page_types = {model._meta.model_name: model._meta.verbose_name for model in get_page_models()}
    names = [
        str(PROVISIONED_PARTS.get(part) or page_types.get(part, part))
        for part in created
        if " " not in part
    ]
    if granted := sum(" " in part for part in created):
        names.append(
            ngettext("%(count)d permission", "%(count)d permissions", granted) % {"count": granted}
        )
    return names


# The tenancy's actions in Wagtail's log: each page's history and the site history report.


@hooks.register("register_log_actions")
def tenancy_log_actions(actions):
    def role_of(log_entry):
        """The role and the person as the entry recorded them: their name then, with the
        username as typed (a message never starts with it, since Wagtail capitalises the
        first letter of every log message)."""
        data = log_entry.data
        role = Role(data["role"]).label if data.get("role") in Role.values else data.get("role")
        if role == provisioning.AUDITORS:
            role = _("auditor")
        username, name = data.get("user", "?"), data.get("name")
        person = f"{name}（{username}）" if name and name != username else username
        return {"user": person, "role": role}

    @actions.register_action("yxyp.role.grant")
    class GrantRole(LogFormatter):
        label = _("Role granted")

        def format_message(self, log_entry):
            return _("Made %(role)s: %(user)s") % role_of(log_entry)

    @actions.register_action("yxyp.role.revoke")
    class RevokeRole(LogFormatter):
        label = _("Role removed")

        def format_message(self, log_entry):
            return _("No longer %(role)s: %(user)s") % role_of(log_entry)

    @actions.register_action("yxyp.provision")
    class Provision(LogFormatter):
        label = _("Provisioned")

        def format_message(self, log_entry):
            parts = provisioned_parts(log_entry.data.get("created", []))
            return _("Provisioned: %(parts)s") % {"parts": "、".join(parts)}

    def address(log_entry):
        return {"address": log_entry.data.get("address") or "?"}

    @actions.register_action("yxyp.login")
    class SignedIn(LogFormatter):
        label = _("Signed in")

        def format_message(self, log_entry):
            return _("Signed in from %(address)s") % address(log_entry)

    @actions.register_action("yxyp.login_failed")
    class SignInFailed(LogFormatter):
        label = _("Sign-in failed")

        def format_message(self, log_entry):
            return _("Failed sign-in from %(address)s") % address(log_entry)

    @actions.register_action("yxyp.lockout")
    class LockedOut(LogFormatter):
        label = _("Sign-in locked")

        def format_message(self, log_entry):
            return _("Sign-in locked after repeated failures from %(address)s") % address(log_entry)

    actions.register_action(
        "yxyp.second_factor.enable", _("Two-step sign-in on"), _("Two-step sign-in turned on")
    )
    actions.register_action(
        "yxyp.second_factor.reset", _("Two-step sign-in reset"), _("Two-step sign-in reset")
    )
    actions.register_action(
        "yxyp.second_factor.failure", _("Wrong sign-in code"), _("Wrong two-step sign-in code")
    )
    for op, label in (
        ("reset", _("Initial password reset by the account manager")),
        ("disable", _("Account disabled")),
        ("enable", _("Account enabled")),
    ):
        actions.register_action(f"yxyp.account.{op}", label, label)
    actions.register_action("yxyp.archive", _("School archived"), _("School archived"))
    actions.register_action("yxyp.restore", _("School restored"), _("School restored"))


@hooks.register("construct_homepage_panels")
def account_queue_panel(request, panels):
    if (panel := work_queue.account_queue_panel(request.user)) is not None:
        panels.append(panel)
