"""The bureau's alliance form: every school it offers lies in the curator's regions, and the
members as submitted are held to the alliance's rule (Alliance.check_members)."""

from django.core.exceptions import ValidationError
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from plugins import api
from plugins.alliance.models import DemonstrationCluster


class ClusterForm(api.RegionChoiceMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_regions()


class MembersFormSet(BaseChildFormSet):
    """Every member row offers ``schools`` (set by AllianceForm), the blank row the page
    copies for "Add member school" (``empty_form``, a new form at every use) included."""

    schools = None

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "school" in form.fields:
            offered = form.fields["school"].queryset
            form.fields["school"].queryset = (
                offered.none() if self.schools is None else self.schools
            )


class MembersPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name] |= {"formset": MembersFormSet}
        return options


class AllianceForm(api.RegionChoiceMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = self.limit_regions()
        self.fields["cluster"].queryset = DemonstrationCluster.objects.filter(region__in=regions)
        members = self.formsets["members"]
        members.schools = api.schools_below(regions)
        for form in members.forms:
            form.fields["school"].queryset = members.schools

    def is_valid(self):
        """The members are known only once every row is valid: check them together then."""
        if not super().is_valid():
            return False
        members = self.formsets["members"]
        kept = [
            form.instance
            for form in members.forms
            if form.has_changed() or form.instance.pk
            if form not in members.deleted_forms
        ]
        try:
            self.instance.check_members(kept)
        except ValidationError as error:
            self.add_error(None, error)
            return False
        return True
