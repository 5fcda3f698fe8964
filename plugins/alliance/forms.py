"""The bureau's alliance form: every school it offers lies in the curator's regions, and a
school is in one alliance at most, as lead or as member."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from plugins import api
from plugins.alliance.models import AllianceMember, DemonstrationCluster


class ClusterForm(api.RegionChoiceMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_regions()


class AllianceForm(api.RegionChoiceMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = self.limit_regions()
        schools = api.schools_below(regions)
        self.fields["lead_school"].queryset = schools
        self.fields["cluster"].queryset = DemonstrationCluster.objects.filter(region__in=regions)
        members = self.formsets["members"]
        for form in [*members.forms, members.empty_form]:
            form.fields["school"].queryset = schools

    def member_schools(self):
        """The schools the member rows name, read from the submitted data: a row whose school
        is in another alliance fails its own unique check, and must still be named here."""
        ids = []
        for form in self.formsets["members"].forms:
            if form.data.get(form.add_prefix("DELETE")):
                continue
            value = form.data.get(form.add_prefix("school"), "")
            if value.isascii() and value.isdigit():
                ids.append(int(value))
        return list(self.fields["lead_school"].queryset.filter(pk__in=ids))

    def clean(self):
        cleaned = super().clean()
        region, lead = cleaned.get("region"), cleaned.get("lead_school")
        members = self.member_schools()
        chosen = [school for school in (lead, *members) if school is not None]
        if region is not None:
            outside = [school.title for school in chosen if not school.path.startswith(region.path)]
            if outside:
                self.add_error(
                    None,
                    _("These schools are outside %(region)s: %(schools)s.")
                    % {"region": region.title, "schools": "、".join(outside)},
                )
        if lead is not None and lead in members:
            self.add_error("lead_school", _("The lead school is a member already; list it once."))
        taken = AllianceMember.objects.filter(school__in=chosen).exclude(alliance=self.instance.pk)
        led = api.SchoolHomePage.objects.filter(
            pk__in=[s.pk for s in members], led_alliance__isnull=False
        )
        if self.instance.pk:
            led = led.exclude(led_alliance=self.instance.pk)
        elsewhere = {member.school.title for member in taken.select_related("school")}
        elsewhere |= {school.title for school in led}
        if elsewhere:
            self.add_error(
                None,
                _("A school belongs to one alliance only; already in another: %(schools)s.")
                % {"schools": "、".join(sorted(elsewhere))},
            )
        return cleaned
