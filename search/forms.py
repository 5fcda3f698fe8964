from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from search import facets
from search.models import SearchDocument
from search.service import MAX_PAGE, SORTS


class SearchForm(forms.Form):
    """The parameters of the search page and the JSON API; anything invalid is a 400."""

    SCOPES = ("site", "all", "region", "school")

    q = forms.CharField(required=False, max_length=10_000, strip=True)
    scope = forms.ChoiceField(required=False, choices=[(s, s) for s in SCOPES])
    region = forms.CharField(required=False, max_length=255)
    school = forms.CharField(required=False, max_length=63)
    type = forms.ChoiceField(required=False, choices=SearchDocument.Kind.choices)
    activity_type = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    tag = forms.CharField(required=False, max_length=100)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    sort = forms.ChoiceField(required=False, choices=[(s, s) for s in SORTS])
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    # The API's; the search page searches in the language of its address (/en/search/).
    language = forms.ChoiceField(required=False, choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in facets.names():
            self.fields[name] = forms.CharField(required=False, max_length=100)

    def labels(self):
        """The chosen values of plugins' search facets."""
        return {name: self.cleaned_data[name] for name in facets.names()}

    def clean(self):
        data = super().clean()
        if data.get("scope") == "region" and not data.get("region"):
            raise forms.ValidationError(_("scope=region needs region=<region code>."))
        if data.get("scope") == "school" and not data.get("school"):
            raise forms.ValidationError(_("scope=school needs school=<school slug>."))
        return data

    def error_text(self):
        return "; ".join(
            f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
            for name, errors in self.errors.items()
        )
