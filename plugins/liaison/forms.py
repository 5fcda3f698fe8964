"""The bureau's forms: every choice limited to the regions the curator works for."""

from wagtail.admin.forms import WagtailAdminModelForm

from plugins import api
from plugins.liaison import supervision


class LinkForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = supervision.curated_regions(self.for_user)
        self.fields["region"].queryset = regions.order_by("path")
        inside = api.below(list(regions.values_list("path", flat=True)))
        schools = api.SchoolHomePage.objects.filter(inside) if inside is not None else None
        self.fields["school"].queryset = (
            schools.order_by("path") if schools is not None else api.SchoolHomePage.objects.none()
        )
        self.fields["member"].queryset = supervision.bureau_members(regions)


class RecordForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["link"].queryset = supervision.links_of(user)
        people = supervision.people_of(supervision.curated_regions(user))
        follow_ups = self.formsets["follow_ups"]
        for form in [*follow_ups.forms, follow_ups.empty_form]:
            form.fields["owner"].queryset = people
