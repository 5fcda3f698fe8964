"""The admin screens of the tenancy.

Platform admins provision regions and schools through the one service. A bureau's account
managers add editors and moderators to schools of their region, and curators, committee
members and auditors to their region and the regions below it, take those roles away again,
give them a new initial password and disable or enable their accounts, each confirmed first,
and nothing more: Wagtail's own user admin would let them grant any Group to anyone, so it
stays with platform admins. Auditors read the whole audit log and change nothing.
"""

import secrets

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import BadRequest, PermissionDenied
from django.db import transaction
from django.db.models import CharField, IntegerField, Q, Value
from django.db.models.functions import Cast
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django_otp import login as otp_login
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_actions
from wagtail.models import BaseLogEntry
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from pages.models import RegionPage, SchoolHomePage, canonical
from schools import provisioning, roles, second_factor
from schools.admin_access import AdminScreenMixin
from schools.forms import (
    ProvisionRegionForm,
    ProvisionSchoolForm,
    RegionAccountForm,
    SchoolAccountForm,
    SecondFactorForm,
    UserCreationWholeNameForm,
    UserEditWholeNameForm,
)
from schools.models import InitialPassword, RegionGroup, StaffContact
from schools.roles import Role

# What an account manager may do to a school's staff account, each asked to confirm first.
ACCOUNT_OPERATIONS = {
    "remove": gettext_lazy("Remove this role from %(user)s?"),
    "reset": gettext_lazy(
        "Give %(user)s a new initial password? Their current password stops working and they "
        "must choose their own at their next sign-in."
    ),
    "disable": gettext_lazy("Disable the account of %(user)s? They can no longer sign in."),
    "enable": gettext_lazy("Enable the account of %(user)s again?"),
}


def managed_schools(user):
    """The schools whose staff ``user`` may manage: those below their manager regions."""
    if user.is_superuser:
        return SchoolHomePage.objects.schools().order_by("path")
    inside = roles.below(roles.region_paths(user, roles.MANAGER))
    if inside is None:
        return SchoolHomePage.objects.none()
    return SchoolHomePage.objects.schools().filter(inside).order_by("path")


def managed_regions(user):
    """The regions whose bureau staff ``user`` may manage: their manager regions and the
    regions below them."""
    if user.is_superuser:
        return canonical(RegionPage.objects.all()).order_by("path")
    inside = roles.below(roles.region_paths(user, roles.MANAGER))
    if inside is None:
        return RegionPage.objects.none()
    return canonical(RegionPage.objects.filter(inside)).order_by("path")


def managed_groups(user):
    """Group id -> (place, role) for every role the manager gives: the schools' editors and
    moderators, the regions' curators, committee members and auditors. A region's managers
    are the platform admin's to name."""
    groups = {}
    for school in managed_schools(user).only("title", "path", "editor_group", "moderator_group"):
        for role in roles.SCHOOL_ROLES:
            groups[getattr(school, f"{role}_group_id")] = (school, Role(role))
    places = {region.pk: region for region in managed_regions(user).only("title", "path", "depth")}
    if places:
        regions = RegionPage.objects.filter(pk__in=list(places))
        for pk, group_id in regions.values_list("pk", "curator_group_id"):
            groups[group_id] = (places[pk], Role.CURATOR)
        extra = RegionGroup.objects.filter(region__in=list(places))
        for pk, role, group_id in extra.values_list("region_id", "role", "group_id"):
            groups[group_id] = (places[pk], Role(role))
    groups.pop(None, None)
    return groups


class SchoolAccountsView(AdminScreenMixin, FormView):
    """The account manager's screen: the people of their schools and regions, a form for
    each kind of place, and the operations on one account."""

    page_title = gettext_lazy("Accounts")
    header_icon = "group"
    template_name = "schools/admin/accounts.html"
    form_class = SchoolAccountForm
    REGION_PREFIX = "region"

    def dispatch(self, request, *args, **kwargs):
        self.schools = managed_schools(request.user)
        self.regions = managed_regions(request.user)
        if not request.user.is_superuser and not self.regions.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def school_groups(self):
        """Group id -> (place, role) for every role this manager looks after."""
        return managed_groups(self.request.user)

    def is_region_form(self):
        return (
            self.request.method == "POST" and f"{self.REGION_PREFIX}-username" in self.request.POST
        )

    def get_form_class(self):
        return RegionAccountForm if self.is_region_form() else SchoolAccountForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.is_region_form():
            return {**kwargs, "places": self.regions, "prefix": self.REGION_PREFIX}
        return {**kwargs, "places": self.schools}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if isinstance(form, RegionAccountForm):
            context["region_form"], context["form"] = form, SchoolAccountForm(places=self.schools)
        else:
            context["region_form"] = RegionAccountForm(
                places=self.regions, prefix=self.REGION_PREFIX
            )
        groups = self.school_groups
        memberships = (
            get_user_model()
            .groups.through.objects.filter(group_id__in=list(groups))
            .select_related("user", "user__staff_contact")
            .order_by("user__last_name", "user__username")
        )
        context["members"] = [
            (row.user, *groups[row.group_id], row.group_id) for row in memberships[:500]
        ]
        return context

    def post(self, request, *args, **kwargs):
        if "op" in request.POST:
            return self.operate(request)
        return super().post(request, *args, **kwargs)

    def _member(self, request):
        """The account an operation names: one of this manager's people and nobody else's
        (never a platform admin); anything else is refused."""
        try:
            user = get_user_model().objects.get(pk=int(request.POST.get("user", "")))
        except (ValueError, get_user_model().DoesNotExist):
            raise PermissionDenied from None
        inside = user.groups.filter(pk__in=list(self.school_groups)).exists()
        if not inside or user.is_superuser or user.is_staff or self._outside(user):
            raise PermissionDenied
        return user

    def operate(self, request):
        op, user = request.POST.get("op"), self._member(request)
        if op not in ACCOUNT_OPERATIONS:
            raise BadRequest("Unknown operation.")
        group_id = None
        if op == "remove":
            try:
                group_id = int(request.POST.get("group", ""))
            except ValueError:
                raise PermissionDenied from None
            if group_id not in self.school_groups or not user.groups.filter(pk=group_id).exists():
                raise PermissionDenied
        if not request.POST.get("confirmed"):
            return render(
                request,
                "schools/admin/account_confirm.html",
                {
                    "op": op,
                    "question": ACCOUNT_OPERATIONS[op] % {"user": roles.name_of(user)},
                    "member": user,
                    "group_id": group_id,
                    "header_icon": "group",
                },
            )
        if op == "remove":
            place, role = self.school_groups[group_id]
            if role in roles.SCHOOL_ROLES:
                provisioning.remove_school_user(place, user, role)
            else:
                provisioning.remove_region_user(place, user, role)
        elif op == "reset":
            return self.reset_password(request, user)
        else:
            user.is_active = op == "enable"
            user.save(update_fields=["is_active"])
            log(user, f"yxyp.account.{op}", user=request.user)
        messages.success(request, _("Done: %(user)s.") % {"user": roles.name_of(user)})
        return redirect("school_accounts")

    @transaction.atomic
    def reset_password(self, request, user):
        """A new initial password, shown once to the manager and never stored in clear; the
        account's owner must choose their own at their next sign-in, and every session the
        account had ends (the session hash follows the password)."""
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        InitialPassword.objects.update_or_create(user=user, defaults={"password": user.password})
        log(user, "yxyp.account.reset", user=request.user)
        response = render(
            request,
            "schools/admin/account_password.html",
            {"member": user, "password": password, "header_icon": "group"},
        )
        response["Cache-Control"] = "no-store"
        return response

    def form_invalid(self, form):
        if form.probed():
            raise PermissionDenied
        return super().form_invalid(form)

    @transaction.atomic
    def form_valid(self, form):
        data = form.cleaned_data
        User = get_user_model()
        user = User.objects.filter(username=data["username"]).first()
        if user is None:
            if not data["password"]:
                form.add_error("password", _("A new account needs an initial password."))
                return self.form_invalid(form)
            user = User.objects.create_user(
                data["username"], data["email"], data["password"], last_name=data["name"]
            )
            InitialPassword.objects.create(user=user, password=user.password)
            if data["phone"]:
                StaffContact.objects.create(user=user, phone=data["phone"])
        elif user.is_superuser or user.is_staff or self._outside(user):
            form.add_error(
                "username",
                _("This account belongs to someone outside your region; ask the platform admin."),
            )
            return self.form_invalid(form)
        place = data[form.PLACE]
        if isinstance(form, RegionAccountForm):
            provisioning.add_region_user(place, user, data["role"])
        else:
            provisioning.add_school_user(place, user, data["role"])
        messages.success(
            self.request,
            _("%(user)s is now %(role)s of %(place)s.")
            % {"user": roles.name_of(user), "role": Role(data["role"]).label, "place": place.title},
        )
        return redirect("school_accounts")

    def _outside(self, user):
        """True when the user holds any Group this manager does not look after."""
        return user.groups.exclude(pk__in=list(self.school_groups)).exists()


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin (platform admins') asking one 姓名, through the viewset Wagtail
    lets a project replace (``WagtailUsersAppConfig.user_viewset``)."""

    create_template_name = "schools/users/create.html"
    edit_template_name = "schools/users/edit.html"

    def get_form_class(self, for_update=False):
        return UserEditWholeNameForm if for_update else UserCreationWholeNameForm


class SuperuserFormView(WagtailAdminTemplateMixin, FormView):
    template_name = "schools/admin/provision_form.html"
    url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            result = self.provision(form.cleaned_data)
        except provisioning.ProvisioningError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if result.changed:
            messages.success(
                self.request, _("“%(title)s” is ready.") % {"title": result.page.title}
            )
        else:
            messages.info(
                self.request,
                _("“%(title)s” already existed; nothing was changed.")
                % {"title": result.page.title},
            )
        return redirect("wagtailadmin_explore", result.page.pk)

    def get_breadcrumbs_items(self):
        return [{"url": reverse(self.url_name), "label": self.page_title}]


class ProvisionSchoolView(SuperuserFormView):
    form_class = ProvisionSchoolForm
    page_title = gettext_lazy("Provision a school")
    header_icon = "home"
    url_name = "provision_school"

    def provision(self, data):
        return provisioning.provision_school(
            data["region"],
            data["name"],
            data["slug"],
            user=self.request.user,
            full_name=data["full_name"],
            stage=data["stage"],
            party_organisation=data["party_organisation"],
        )


class ProvisionRegionView(SuperuserFormView):
    form_class = ProvisionRegionForm
    page_title = gettext_lazy("Provision a region")
    header_icon = "site"
    url_name = "provision_region"

    def provision(self, data):
        return provisioning.provision_region(
            data["name"],
            data["slug"],
            data["region_code"],
            data["level"],
            parent=data["parent"],
            bureau_name=data["bureau_name"],
            user=self.request.user,
        )


AUDIT_PERMISSION = "schools.view_auditentry"


def audits(user):
    """Whether ``user`` reads an audit log: the platform's (auditors, platform admins) or
    their region's (a region's auditors)."""
    return user.has_perm(AUDIT_PERMISSION) or bool(roles.region_paths(user, roles.AUDITOR))


def audited_entries(user):
    """Per log model, the entries ``user`` audits: every one for the platform's auditors; for
    a region's auditor, those about the region's pages (its schools' included) or accounts,
    and whatever its people did, never another region's."""
    entries = [model.objects.all() for model in log_actions.get_log_entry_models()]
    if user.has_perm(AUDIT_PERMISSION):
        return entries
    people = roles.colleagues(user).values("pk")
    accounts = ContentType.objects.get_for_model(get_user_model())
    scoped = []
    for rows in entries:
        seen = Q(user__in=people)
        if any(field.name == "page" for field in rows.model._meta.get_fields()):
            seen |= roles.below(roles.region_paths(user, roles.AUDITOR), "page__path") or Q()
        else:
            seen |= Q(
                content_type=accounts,
                object_id__in=people.annotate(key=Cast("pk", output_field=CharField())).values(
                    "key"
                ),
            )
        scoped.append(rows.filter(seen))
    return scoped


class AuditFilterSet(SiteHistoryReportFilterSet):
    """The site history's filters, offering everything the auditor's log holds."""

    object_type = ContentTypeFilter(
        label=gettext_lazy("Type"),
        method="filter_object_type",
        queryset=lambda request: ContentType.objects.filter(
            pk__in={
                pk
                for entries in audited_entries(request.user)
                for pk in entries.get_content_type_ids()
            }
        ).order_by("model"),
    )

    def get_action_choices(self):
        return log_actions.get_choices()

    def get_users_queryset(self):
        entries = audited_entries(self.request.user)
        ids = {pk for rows in entries for pk in rows.get_user_ids()}
        User = get_user_model()
        return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class LogEntryPaginator(WagtailPaginator):
    """The log's rows come from every log model: counted as log entries, where Wagtail's
    paginator names them after the first model of the union ("643 page log entries")."""

    model = BaseLogEntry


class AuditLogView(LogEntriesView):
    """Wagtail's site history report over the whole log, for auditors (and platform admins):
    every school's and region's entries, whatever the auditor's own page permissions, which
    are none; a region's auditors read their region's part. Read-only, like every view of
    Wagtail's log."""

    page_title = gettext_lazy("Audit log")
    filterset_class = AuditFilterSet
    index_url_name = "audit_log"
    index_results_url_name = "audit_log_results"
    paginator_class = LogEntryPaginator

    def dispatch(self, request, *args, **kwargs):
        if not audits(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filtered_queryset(self):
        """LogEntriesView's union of the log models, without its filter to the entries the
        user's page and model permissions reach: the auditor's part of the log instead."""
        self.log_models = list(log_actions.get_log_entry_models())
        queryset = None
        for index, entries in enumerate(audited_entries(self.request.user)):
            rows = entries.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            rows = self.filter_queryset(rows).order_by()
            queryset = rows if queryset is None else queryset.union(rows, all=True)
        return queryset.order_by("-timestamp")


class SecondFactorView(FormView):
    """The code after the password, for accounts with a confirmed authenticator; and, when
    ``enrolling``, enrolment: the QR code and key of a new device, confirmed by a first code."""

    form_class = SecondFactorForm
    template_name = "schools/admin/second_factor.html"
    enrolling = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        self.device = second_factor.confirmed_device(request.user)
        if self.enrolling and self.device is None:
            self.device = second_factor.pending_device(request)
        elif self.device is None:
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.next_url()
        if not self.device.confirmed:
            # segno draws the SVG from our own key: markup with no user input in it
            context["qr_svg"] = mark_safe(second_factor.qr_svg(self.device))
            context["written_key"] = second_factor.written_key(self.device)
        context["required"] = second_factor.required(self.request.user)
        return context

    def form_valid(self, form):
        token = form.cleaned_data["token"]
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            form.add_error(None, _("Too many wrong codes: wait a minute, then try again."))
            return self.form_invalid(form)
        if not second_factor.check(self.device, token):
            if second_factor.already_used(self.device, token):
                refused = _("That code has been used already: wait for the next one in your app.")
            else:
                refused = _("That code is not right, or has expired: try the next one.")
            form.add_error("token", refused)
            return self.form_invalid(form)
        otp_login(self.request, self.device)
        if self.enrolling:
            messages.success(self.request, _("Two-step sign-in is on for your account."))
        return redirect(self.next_url())
