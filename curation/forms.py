"""Forms of the curators' screens: featuring work and deciding on submissions."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from schools.admin_access import RegionChoiceMixin


class FeatureForm(RegionChoiceMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_regions()


class PlatformOrRegionForm(RegionChoiceMixin, WagtailAdminModelForm):
    """For rows of a region or of the whole platform (banned words, mourning periods): a
    bureau adds them for the regions it curates; the platform's own (no region) are the
    platform admins'."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_regions()
        if not self.for_user.is_superuser:
            self.fields["region"].required = True


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the bureau"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class DecisionForm(forms.Form):
    """A decision, taken in two steps: the first POST shows what will happen, the second
    (``confirmed``) does it."""

    action = forms.ChoiceField(label=_("Decision"), choices=(), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Required when declining; the school sees it."),
    )

    LABELS = {
        "accept": _("Adopt"),
        "forward": _("Adopt and forward to the next level"),
        "decline": _("Decline"),
        "withdraw": _("Withdraw"),
    }

    confirmed = forms.BooleanField(label=_("Confirmed"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(action, self.LABELS[action]) for action in actions]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "decline" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why you decline: the school sees your comment."))
        return cleaned

    @property
    def action_label(self):
        return self.LABELS[self.cleaned_data["action"]]
