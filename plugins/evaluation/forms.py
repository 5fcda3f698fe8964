from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.models import Page

from plugins import api
from plugins.evaluation.models import brand_pages_of, notice_documents


class CampaignForm(api.RegionChoiceMixin, WagtailAdminModelForm):
    """Regions are offered only among the curator's own; reviewers (bureau staff, as the
    guideline has it) only among the bureau staff of those regions (of the campaign's own
    region once it has one), by name, and accepted only from the campaign's region and
    below, never the staff of a school that applied. The platform admin too."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "region" in self.fields:
            self.limit_regions()
        if "reviewers" in self.fields:
            field = self.fields["reviewers"]
            field.label_from_instance = api.name_of
            regions = self.bureau_regions()
            field.queryset = self.exclude_applicants(api.people_of(regions, api.REGION_ROLES))
        if "notice" in self.fields:
            self.fields["notice"].queryset = notice_documents(self.bureau_regions())

    def bureau_regions(self):
        """The campaign's region once it has one, else every region the user curates."""
        if self.instance.region_id:
            return api.RegionPage.objects.filter(pk=self.instance.region_id)
        return api.curated_regions(self.for_user)

    def exclude_applicants(self, people):
        """Without the staff of the schools that applied to this campaign."""
        if not self.instance.pk:
            return people
        fields = [f"school__{role}_group" for role in api.SCHOOL_ROLES]
        rows = self.instance.applications.values_list(*fields)
        return people.exclude(groups__in={group for row in rows for group in row} - {None})

    def check_reviewers(self, cleaned_data):
        """Reviewers come from the campaign's region: the bureau staff there and below, none
        of them working for an applicant school."""
        reviewers, region = cleaned_data.get("reviewers"), cleaned_data.get("region")
        if not reviewers or region is None:
            return
        regions = api.RegionPage.objects.filter(pk=region.pk)
        allowed = self.exclude_applicants(api.people_of(regions, api.REGION_ROLES))
        outside = reviewers.exclude(pk__in=allowed.values("pk"))
        if outside.exists():
            self.add_error(
                "reviewers",
                _(
                    "Reviewers are the bureau staff of the campaign's region and never staff "
                    "of an applicant school, which these are not: %(names)s."
                )
                % {"names": "、".join(api.name_of(person) for person in outside)},
            )

    def clean(self):
        cleaned_data = super().clean()
        self.check_reviewers(cleaned_data)
        criteria = self.formsets.get("criteria")
        if criteria is not None and criteria.is_valid():
            weights = [
                form.cleaned_data["weight"]
                for form in criteria.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if weights and sum(weights) != 100:
                self.add_error(None, _("The criteria weights must add up to 100."))
        return cleaned_data

    def save(self, commit=True):
        from plugins.evaluation.procedure import add_defaults

        campaign = super().save(commit=commit)
        if commit:
            add_defaults(campaign)
        return campaign


class ScoresForm(forms.Form):
    """One 0–100 score per criterion (and a narrative where asked), plus the fields given."""

    def __init__(self, criteria, *args, narratives=False, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        initial_scores = initial_scores or {}
        for criterion in self.criteria:
            score, narrative = initial_scores.get(criterion.pk, (None, ""))
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s (weight %(weight)d %%): score 0–100")
                % {"criterion": criterion.name, "weight": criterion.weight},
                min_value=0,
                max_value=100,
                initial=score,
            )
            if narratives:
                self.fields[f"narrative_{criterion.pk}"] = forms.CharField(
                    label=_("%(criterion)s: what the school did") % {"criterion": criterion.name},
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=False,
                    max_length=2000,
                    initial=narrative,
                )

    def scores(self):
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}

    def scores_with_narratives(self):
        return {
            c.pk: (
                self.cleaned_data[f"score_{c.pk}"],
                self.cleaned_data.get(f"narrative_{c.pk}", ""),
            )
            for c in self.criteria
        }


class ApplicationForm(ScoresForm):
    def __init__(self, criteria, school, *args, **kwargs):
        super().__init__(criteria, *args, narratives=True, **kwargs)
        inside = Page.objects.descendant_of(school)
        self.fields["summary"] = forms.CharField(
            label=_("Summary of the brand"),
            widget=forms.Textarea(attrs={"rows": 5}),
            max_length=2000,
        )
        self.fields["brand_page"] = forms.ModelChoiceField(
            label=_("Brand page"), queryset=brand_pages_of(school), required=False
        )
        self.fields["evidence"] = forms.ModelMultipleChoiceField(
            label=_("Cases and reports"),
            queryset=inside.type(api.ExemplarCasePage, api.ActivityReportPage)
            .live()
            .order_by("-first_published_at"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["attachments"] = forms.ModelMultipleChoiceField(
            label=_("Attachments"),
            queryset=get_document_model().objects.filter(collection_id=school.collection_id),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Documents in the school's collection."),
        )


class ReviewForm(ScoresForm):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class AssignForm(forms.Form):
    def __init__(self, campaign, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"] = forms.ModelChoiceField(
            label=pgettext_lazy("evaluation", "Application"),
            queryset=campaign.applications.select_related("school"),
        )
        self.fields["reviewer"] = forms.ModelChoiceField(
            label=_("Reviewer"), queryset=campaign.reviewers.order_by("last_name", "first_name")
        )
        self.fields["reviewer"].label_from_instance = api.name_of
