"""What every page inside a school site shares."""

from django.shortcuts import redirect
from django.utils.functional import cached_property, classproperty
from wagtail.models import Site


class SchoolPageMixin:
    """School pages belong to the school's own Site, wherever they are linked from.

    Wagtail would give a school page a URL on the current Site when the portal's tree also
    contains it (the provincial portal contains every school); school content must have one
    canonical address, on the school's Site, so only the most specific Site is considered and
    requests through any other host are redirected there.
    """

    @classproperty
    def copy_form_class(cls):
        from pages.forms import SchoolCopyForm

        return SchoolCopyForm

    @cached_property
    def school(self):
        from .schools import SchoolHomePage

        return SchoolHomePage.objects.containing(self).select_related("logo").first()

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
