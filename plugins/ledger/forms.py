from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins import api

LONGEST_PERIOD = timedelta(days=5 * 366)
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
    region = forms.ModelChoiceField(label=_("Region"), queryset=api.RegionPage.objects.none())
    starts_on = forms.DateField(
        label=_("Cases dated from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("to"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for(user)
        today = timezone.localdate()
        self.fields["starts_on"].initial = today.replace(year=today.year - 2, month=1, day=1)
        self.fields["ends_on"].initial = today

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on:
            if starts_on > ends_on:
                raise forms.ValidationError(_("The period ends before it starts."))
            if ends_on - starts_on > LONGEST_PERIOD:
                raise forms.ValidationError(_("Choose a period of five years at most."))
        return cleaned
