"""Page forms: copies of school pages stay inside their school."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import CopyForm

from pages.models import SchoolHomePage


class SchoolCopyForm(CopyForm):
    """Copies stay inside the school they come from, whoever makes them."""

    def clean(self):
        cleaned_data = super().clean()
        parent = cleaned_data.get("new_parent_page")
        schools = SchoolHomePage.objects
        if parent is not None and (
            schools.containing(parent).first() != schools.containing(self.page).first()
        ):
            self.add_error("new_parent_page", _("A page can only be copied within its own school."))
        return cleaned_data
