from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins import api
from plugins.ledger.models import Compendium

DATE = forms.DateInput(attrs={"type": "date"})


def schools_for(user):
    """The schools whose ledger ``user`` may export: their own, and those of the regions
    they curate; never a school's English edition (the schools layer leaves those out)."""
    own = api.schools_of(user)
    curated = api.schools_below(api.curated_regions(user))
    return (own | curated).order_by("path")


def regions_for(user):
    return api.curated_regions(user).order_by("path")


def ledger_regions_for(user):
    """The cities and counties whose region ledger ``user`` may export: those they curate
    and those inside them (a province's ledger would be every school of the province)."""
    inside = api.below(list(regions_for(user).values_list("path", flat=True)))
    if inside is None:
        return api.RegionPage.objects.none()
    levels = (api.RegionPage.Level.CITY, api.RegionPage.Level.COUNTY)
    return api.RegionPage.objects.filter(inside, level__in=levels).order_by("path")


def year_field():
    return forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )


class SchoolLedgerForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=api.SchoolHomePage.objects.none())
    year = year_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_for(user)


class RegionLedgerForm(forms.Form):
    """Every school of a county or city in one ledger; only for the region's curators."""

    region = forms.ModelChoiceField(label=_("Region"), queryset=api.RegionPage.objects.none())
    year = year_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = ledger_regions_for(user)


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
