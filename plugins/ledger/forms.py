from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins import api
from plugins.ledger.models import Compendium

DATE = forms.DateInput(attrs={"type": "date"})


def schools_for(user):
    """The schools whose ledger ``user`` may export: their own, and those of the regions
    they curate."""
    if user.is_superuser:
        return api.SchoolHomePage.objects.order_by("path")
    inside = api.below([*api.school_paths(user), *api.region_paths(user, api.CURATOR)], "path")
    if inside is None:
        return api.SchoolHomePage.objects.none()
    return api.SchoolHomePage.objects.filter(inside).order_by("path")


def regions_for(user):
    return api.curated_regions(user).order_by("path")


class SchoolLedgerForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=api.SchoolHomePage.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_for(user)
        self.fields["year"].initial = timezone.localdate().year


class CompendiumForm(forms.Form):
    """Builds a compendium the bureau edited (on its own screen) as a PDF."""

    compendium = forms.ModelChoiceField(label=_("Compendium"), queryset=Compendium.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = regions_for(user)
        self.fields["compendium"].queryset = Compendium.objects.filter(
            region__in=self.regions
        ).select_related("region")

    def clean(self):
        cleaned = super().clean()
        if compendium := cleaned.get("compendium"):
            cleaned["region"] = compendium.region
        return cleaned
