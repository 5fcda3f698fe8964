"""The bureau's forms: every choice limited to the regions the curator works for, and a
follow-up's owner to the people of the liaison point's region."""

import posixpath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from plugins import api
from plugins.liaison import kept_files, supervision
from plugins.liaison.models import SupervisionRecord, owner_outside


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
    """A follow-up's owner is one of ``owners`` (set by RecordForm). Every form of the
    formset is limited as it is made, the blank row the page copies for "Add follow-up"
    (``empty_form``, a new form at every use) included; each form's follow-up knows its
    record, so the model's own check (FollowUp.clean) sees the liaison point's region."""

    owners = None

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "owner" in form.fields:
            owners = form.fields["owner"].queryset
            named(form.fields["owner"], owners.none() if self.owners is None else self.owners)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.record = self.instance
        return form


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
    record_again = forms.BooleanField(
        label=_("Record it again"),
        required=False,
        help_text=_("Tick to keep a second record of the same kind, point and date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].queryset = supervision.links_of(self.for_user)
        if not self.is_bound:
            del self.fields["record_again"]
        self.fields["attachment"].widget = kept_files.KeptFileInput()
        attachment = self.add_prefix("attachment")
        if self.is_bound and not self.files.get(attachment):
            token = self.data.get(f"{attachment}-kept")
            if token and (found := kept_files.kept(token, self.for_user)):
                self.files = self.files.copy()
                self.files[attachment] = found
        link = self.chosen_link()
        regions = (
            api.RegionPage.objects.filter(pk=link.region_id)
            if link
            else api.curated_regions(self.for_user)
        )
        follow_ups = self.formsets["follow_ups"]
        follow_ups.owners = api.people_of(regions)
        for form in follow_ups.forms:
            named(form.fields["owner"], follow_ups.owners)
            if link:
                form.fields["owner"].error_messages["invalid_choice"] = owner_outside(link.region)

    def chosen_link(self):
        """The liaison point the record is for: the saved one, or the one submitted (if the
        curator may choose it), so that the owners offered are its region's people."""
        if not self.is_bound:
            return self.instance.link if self.instance.link_id else None
        try:
            return self.fields["link"].clean(self["link"].data)
        except ValidationError:
            return None

    def clean(self):
        cleaned = super().clean()
        if "record_again" not in self.fields:
            return cleaned
        link = cleaned.get("link")
        twins = SupervisionRecord(
            pk=self.instance.pk, link=link, kind=cleaned.get("kind"), held_on=cleaned.get("held_on")
        ).twins()
        if link and twins.exists():
            if not cleaned.get("record_again"):
                self.add_error(
                    "record_again",
                    gettext(
                        "A %(kind)s of %(school)s on %(date)s is recorded already. To keep a "
                        "second record, tick “Record it again” and save; otherwise edit the "
                        "first one."
                    )
                    % {
                        "kind": twins[0].get_kind_display(),
                        "school": link.school.title,
                        "date": cleaned["held_on"].isoformat(),
                    },
                )
        else:
            del self.fields["record_again"]
        return cleaned

    def is_valid(self):
        """A failed submission keeps its attachment (kept_files) for the next one."""
        valid = super().is_valid()
        upload = self.files.get(self.add_prefix("attachment"))
        if not valid and upload and "attachment" not in self.errors:
            token = getattr(upload, "token", None) or kept_files.keep(upload, self.for_user)
            self.fields["attachment"].widget.kept = (token, posixpath.basename(upload.name))
        return valid

    def save(self, commit=True):
        record = super().save(commit)
        upload = self.files.get(self.add_prefix("attachment"))
        if commit and getattr(upload, "kept_as", None):
            upload.close()
            kept_files.forget(upload.kept_as)
        return record
