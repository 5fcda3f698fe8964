"""Forms of the platform admins' provisioning screens and the bureaus' school-accounts screen."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from pages.models import RegionPage, SchoolHomePage
from schools.provisioning import SLUG_RE
from schools.roles import SCHOOL_ROLES, Role


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


class SchoolAccountForm(forms.Form):
    """A bureau's account manager adds an editor or moderator to a school of their region."""

    school = forms.ModelChoiceField(label=_("School"), queryset=SchoolHomePage.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=[(r, Role(r).label) for r in SCHOOL_ROLES])
    username = forms.CharField(label=_("Username"), max_length=150)
    name = forms.CharField(label=_("Name"), max_length=150)
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

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools

    def clean(self):
        """The site's password validators, as on every other path that sets a password."""
        data = super().clean()
        password = data.get("password")
        if password:
            candidate = get_user_model()(
                username=data.get("username", ""),
                email=data.get("email", ""),
                first_name=data.get("name", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


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
