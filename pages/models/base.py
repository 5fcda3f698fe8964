"""What every page inside a school site shares.

The school's own page type is looked up in the app registry, as Django does for models that
refer to each other, since pages/models/schools.py builds on this module.
"""

from django.apps import apps
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import Site

PROSE_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


def school_containing(page):
    """The school a page belongs to (the page itself for a school), or None."""
    return apps.get_model("pages", "SchoolHomePage").objects.containing(page)


class SchoolCopyForm(CopyForm):
    """Copies stay inside the school they come from, whoever makes them."""

    def clean(self):
        cleaned_data = super().clean()
        parent = cleaned_data.get("new_parent_page")
        if parent is not None and (
            school_containing(parent).first() != school_containing(self.page).first()
        ):
            self.add_error("new_parent_page", _("A page can only be copied within its own school."))
        return cleaned_data


class SchoolPageMixin:
    """School pages belong to the school's own Site, wherever they are linked from.

    Wagtail would give a school page a URL on the current Site when the portal's tree also
    contains it (the provincial portal contains every school); school content must have one
    canonical address, on the school's Site, so only the most specific Site is considered and
    requests through any other host are redirected there.
    """

    copy_form_class = SchoolCopyForm

    @cached_property
    def school(self):
        return school_containing(self).select_related("logo").first()

    def _get_relevant_site_root_paths(self, cache_object=None):
        paths = super()._get_relevant_site_root_paths(cache_object)
        return tuple(path for path in paths if path.site_id == paths[0].site_id) if paths else paths

    def serve(self, request, *args, **kwargs):
        parts = self.get_url_parts(request)
        site = Site.find_for_request(request)
        if parts and site is not None and parts[0] != site.pk:
            return redirect(self.get_full_url(request), permanent=True)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["school"] = self.school
        return context
