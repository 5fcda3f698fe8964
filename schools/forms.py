"""Forms of the platform admins' provisioning screens, the bureaus' accounts screen, and the
one 姓名 field of every form that names a person."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import UsernameField
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import NameEmailForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from pages.models import RegionPage, SchoolHomePage
from schools.provisioning import SLUG_RE
from schools.roles import MANAGED_REGION_ROLES, SCHOOL_ROLES, Role


class PersonNameField(forms.CharField):
    """A person's name, whole and in Chinese order (李红), kept in ``last_name`` with
    ``first_name`` empty: Django's ``get_full_name`` then reads it back whole, so Wagtail's
    lists, the log and ``name_of`` show it as typed. Two fields made 李红 into "红 李"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Name"))
        kwargs.setdefault("max_length", 150)
        super().__init__(**kwargs)


class WholeNameMixin:
    """For Wagtail's forms of a user: their two name fields become one 姓名."""

    first_name = None

    def save(self, *args, **kwargs):
        self.instance.first_name = ""
        return super().save(*args, **kwargs)


def _without_first_name(fields):
    return [field for field in fields if field != "first_name"]


class UserCreationWholeNameForm(WholeNameMixin, UserCreationForm):
    last_name = PersonNameField()

    class Meta(UserCreationForm.Meta):
        fields = _without_first_name(UserCreationForm.Meta.fields)


class UserEditWholeNameForm(WholeNameMixin, UserEditForm):
    last_name = PersonNameField()

    class Meta(UserEditForm.Meta):
        fields = _without_first_name(UserEditForm.Meta.fields)


class AccountNameEmailForm(WholeNameMixin, NameEmailForm):
    """The account page's name, one field; Wagtail's asked for 名 and 姓, both required, so
    a new account's first save failed with a bare "必需字段"."""

    last_name = PersonNameField()

    class Meta(NameEmailForm.Meta):
        fields = _without_first_name(NameEmailForm.Meta.fields)


def _clean_slug(value):
    value = value.strip()
    if not SLUG_RE.match(value):
        raise forms.ValidationError(
            _("Use lower-case letters, digits and hyphens, e.g. “xuanwu-shiyan”.")
        )
    return value


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "　" * (obj.depth - 2) + obj.title


class ProvisionSchoolForm(forms.Form):
    region = RegionChoiceField(
        label=_("Region"),
        queryset=RegionPage.objects.order_by("path"),
        help_text=_("The county or city the school belongs to."),
    )
    name = forms.CharField(label=_("School name"), max_length=255)
    slug = forms.CharField(
        label=_("Site address"),
        max_length=63,
        help_text=_("The school's site will be at <slug>.<base domain>."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=120, required=False)
    stage = forms.ChoiceField(label=_("School stage"), choices=SchoolHomePage.Stage.choices)
    party_organisation = forms.CharField(
        label=_("Party organisation"), max_length=120, required=False
    )

    def clean_slug(self):
        return _clean_slug(self.cleaned_data["slug"])


class ProvisionRegionForm(forms.Form):
    parent = RegionChoiceField(
        label=_("Parent region"),
        queryset=RegionPage.objects.order_by("path"),
        required=False,
        help_text=_("Leave empty only to create the province."),
    )
    name = forms.CharField(label=_("Region name"), max_length=255)
    slug = forms.CharField(label=_("Address segment"), max_length=63)
    region_code = forms.RegexField(
        label=_("Region code"),
        regex=r"^\d{6}$",
        error_messages={"invalid": _("Enter the six-digit administrative code.")},
    )
    level = forms.ChoiceField(label=_("Level"), choices=RegionPage.Level.choices)
    bureau_name = forms.CharField(label=_("Education bureau"), max_length=100, required=False)

    def clean_slug(self):
        return _clean_slug(self.cleaned_data["slug"])


def username_field():
    """The user model's own rules for a username (its validators, length and help), which
    ``create_user`` does not apply: NFKC-normalised as Django's sign-up form does, so a
    full-width ``Ａdmin`` is ``Admin``."""
    field = get_user_model()._meta.get_field("username")
    return UsernameField(
        label=_("Username"),
        max_length=field.max_length,
        help_text=field.help_text,
        validators=[v for v in field.validators if not isinstance(v, MaxLengthValidator)],
    )


class AccountForm(forms.Form):
    """A bureau's account manager gives someone a role at a place of their region: ``place``
    (a school or a region) among ``places``, the role among ``ROLES``."""

    PLACE = "school"
    ROLES = ()

    username = username_field()
    name = PersonNameField()
    phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^[0-9+\- ]{7,20}$",
        required=False,
        max_length=20,
        error_messages={"invalid": _("Enter a phone number: digits, with + or - if needed.")},
    )
    email = forms.EmailField(label=_("E-mail"))
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Needed for a new account only; ask them to change it on first login."),
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"] = forms.ChoiceField(
            label=_("Role"), choices=[(role, Role(role).label) for role in self.ROLES]
        )
        self.fields[self.PLACE].queryset = places
        self.order_fields([self.PLACE, "role"])

    def clean_username(self):
        """An existing account is named exactly; a new name differing from one only in case
        (``Admin`` beside ``admin``) would pass for it, so it is refused."""
        username = self.cleaned_data["username"]
        alike = get_user_model().objects.filter(username__iexact=username)
        if alike.exists() and not alike.filter(username=username).exists():
            raise forms.ValidationError(
                _("An account with this username in other letter case exists; choose another."),
                code="case_alike",
            )
        return username

    def probed(self):
        """True when the place posted is none of those offered: no one picks it from the
        list, so the request was made up (refused, schools.views)."""
        return any(
            error.code == "invalid_choice" for error in self.errors.as_data().get(self.PLACE, [])
        )

    def clean(self):
        """The site's password validators, as on every other path that sets a password."""
        data = super().clean()
        password = data.get("password")
        if password:
            candidate = get_user_model()(
                username=data.get("username", ""),
                email=data.get("email", ""),
                last_name=data.get("name", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class SchoolAccountForm(AccountForm):
    """An editor or moderator of a school of the manager's region."""

    ROLES = SCHOOL_ROLES
    school = forms.ModelChoiceField(label=_("School"), queryset=SchoolHomePage.objects.none())


class RegionAccountForm(AccountForm):
    """A curator, committee member or auditor of the manager's region or a region below it."""

    PLACE = "region"
    ROLES = MANAGED_REGION_ROLES
    region = RegionChoiceField(label=_("Region"), queryset=RegionPage.objects.none())


class SecondFactorForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isascii() or not token.isdigit():
            raise forms.ValidationError(_("Enter the six digits your app shows."))
        return token
