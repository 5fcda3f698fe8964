from django import forms
from django.utils.translation import gettext_lazy as _

from pages.models import RegionPage, SchoolHomePage
from pages.provisioning import SLUG_RE


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
