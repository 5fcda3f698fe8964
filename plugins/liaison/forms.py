"""The bureau's forms: every choice limited to the regions the curator works for."""

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from plugins import api
from plugins.liaison import supervision


def named(field, people):
    """Offer ``people`` in ``field``, each shown by name."""
    field.queryset = people
    field.label_from_instance = api.name_of


class LinkForm(api.RegionChoiceMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = self.limit_regions()
        self.fields["school"].queryset = api.schools_below(regions)
        named(self.fields["member"], api.people_of(regions, api.REGION_ROLES))


class FollowUpFormSet(BaseChildFormSet):
    """A follow-up's owner is one of the people of the curator's regions. Every form of the
    formset is limited as it is made, the blank row the page copies for "Add follow-up"
    (``empty_form``, a new form at every use) included: each is told who asks."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "owner" in form.fields:
            user = form.for_user
            owners = form.fields["owner"].queryset
            named(
                form.fields["owner"],
                api.people_of(api.curated_regions(user)) if user else owners.none(),
            )


class FollowUpsPanel(InlinePanel):
    """The follow-ups, in forms that know who asks (FollowUpFormSet)."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name] |= {
            "formset": FollowUpFormSet,
            "inherit_kwargs": ["for_user"],
        }
        return options


class RecordForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].queryset = supervision.links_of(self.for_user)
