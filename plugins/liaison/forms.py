"""The bureau's forms: every choice limited to the regions the curator works for."""

from wagtail.admin.forms import WagtailAdminModelForm

from plugins import api
from plugins.liaison import supervision


class LinkForm(api.RegionChoiceMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = self.limit_regions()
        self.fields["school"].queryset = api.schools_below(regions)
        self.fields["member"].queryset = supervision.bureau_members(regions)


class RecordForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["link"].queryset = supervision.links_of(user)
        people = supervision.people_of(api.curated_regions(user))
        follow_ups = self.formsets["follow_ups"]
        for form in [*follow_ups.forms, follow_ups.empty_form]:
            form.fields["owner"].queryset = people
