"""What every page inside a school site shares.

The school's own page type is looked up in the app registry, as Django does for models that
refer to each other, since pages/models/schools.py builds on this module.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models.functions import Substr
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import Page, Site

from pages import references
from pages.invalidation import request_memo
from pages.slugs import readable_slug
from pages.visibility import OneQueryRestrictions, may_read_draft

PROSE_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


def school_containing(page):
    """The school a page belongs to (the page itself for a school), or None."""
    return apps.get_model("pages", "SchoolHomePage").objects.containing(page)


def with_school(name, school):
    """An admin title with its school's name, in brackets of the admin's language."""
    if school is None:
        return name
    return _("%(name)s (%(school)s)") % {"name": name, "school": school.title}


def canonical(pages):
    """One page per school or region, its Chinese page, leaving out its editions in other
    languages (which share its Groups, Collection, Site and codes)."""
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


def edition_titles(pages, language, *fields):
    """{pk: [title, *fields]} of the Chinese pages ``pages`` (a queryset), the title in
    ``language``: that of their edition in it where one is live, their own elsewhere. One
    query in Chinese, two in another language."""
    rows = list(pages.values_list("pk", "title", "translation_key", *fields))
    found = {pk: [title, *values] for pk, title, _key, *values in rows}
    if language == settings.LANGUAGE_CODE:
        return found
    keys = {key: pk for pk, _title, key, *_values in rows}
    for key, title in (
        pages.model.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .values_list("translation_key", "title")
    ):
        found[keys[key]][0] = title
    return found


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


class SchoolPageForm(WagtailAdminPageForm):
    """The edit form of every page inside a school. The page's own ``clean`` refuses another
    school's files and pages (pages.references), which Django's model forms show as a form
    error; a page being created does not know its place yet, so the form checks it against
    its parent's school. Publishing also needs every linked page live and public, which the
    gate refuses as the live row is written: the form names those pages before that."""

    def _post_clean(self):
        super()._post_clean()
        publishing = bool(self.data.get("action-publish"))
        try:
            if not self.instance.path and self.parent_page is not None:
                references.check(self.instance, place=self.parent_page, publishing=publishing)
            elif self.instance.path and publishing:
                references.check_publishable(self.instance)
        except ValidationError as error:
            self._update_errors(error)


def _children_of_type(parent, model):
    """How many children of ``model``'s type ``parent`` has. In a request, read for every page
    beside ``parent`` at once (the rows of an admin listing), in one query per request."""
    memo = request_memo("children-by-type")
    prefix = parent.path[: -Page.steplen] if memo is not None else parent.path
    counts = (memo or {}).get(prefix)
    if counts is None:
        rows = (
            Page.objects.filter(path__startswith=prefix, depth=parent.depth + 1)
            .order_by()
            .annotate(parent_path=Substr("path", 1, len(parent.path)))
            .values_list("parent_path", "content_type_id")
            .annotate(count=Count("pk"))
        )
        counts = {(path, kind): count for path, kind, count in rows}
        if memo is not None:
            memo[prefix] = counts
    return counts.get((parent.path, ContentType.objects.get_for_model(model).pk), 0)


class OnePerParent:
    """One of its kind under a parent (a school's brand, each of its lists). The admin asks of
    every row of a listing whether a page may be added below it, and Wagtail answers with a
    query per row and per page type (four per school in a county's listing: 334 queries for
    100 schools against 40 for 10); here the listing's counts are read once."""

    max_count_per_parent = 1

    @classmethod
    def can_create_at(cls, parent):
        if not (cls.is_creatable and cls.can_exist_under(parent)):
            return False
        return _children_of_type(parent, cls) < cls.max_count_per_parent


class WaypointRouting:
    """Routes to a page deeper down in one query fewer per level than Wagtail: a page the path
    only passes through (a city on the way to a county, a school's list on the way to a post)
    is made of its class without its own row, which routing and the breadcrumbs never read."""

    def route(self, request, path_components):
        if len(path_components) > 1:
            waypoint = self.get_children().filter(slug=path_components[0]).first()
            if waypoint is not None:
                waypoint._cached_parent_obj = self
                return waypoint.specific_deferred.route(request, path_components[1:])
        return super().route(request, path_components)


class SchoolPageMixin(OneQueryRestrictions):
    """School pages belong to the school's own Site, wherever they are linked from.

    Wagtail would give a school page a URL on the current Site when the portal's tree also
    contains it (the provincial portal contains every school); school content must have one
    canonical address, on the school's Site, so only the most specific Site is considered and
    requests through any other host are redirected there.
    """

    copy_form_class = SchoolCopyForm
    base_form_class = SchoolPageForm

    @cached_property
    def school(self):
        return school_containing(self).select_related("logo").first()

    def place_names(self):
        """The school's title and those of the regions above it: the admin choosers' search
        (an autocomplete field of brands and cases) finds a school's brand and cases by the
        school's or a region's name. Read when the page is indexed, not per search."""
        school = self.school
        if school is None:
            return ""
        regions = school.get_ancestors().filter(depth__gt=1).values_list("title", flat=True)
        return " ".join([school.title, *regions])

    def _readable_slug(self):
        """New pages get a readable pinyin slug (pages.slugs) instead of the Chinese one
        Wagtail would make from the title or the admin fills in as the title is typed: on
        every save, published (full_clean) or draft (minimal_clean), once the parent is known,
        as Wagtail itself waits for it to make slugs unique."""
        parent_known = self.path or getattr(self, "_cached_parent_obj", None)
        if parent_known and not (self.slug and self.slug.isascii()):
            self.slug = self._get_autogenerated_slug(readable_slug(self.slug or self.title))

    def full_clean(self, *args, **kwargs):
        self._readable_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._readable_slug()
        super().minimal_clean()

    def clean(self):
        """The reference gate (pages.references), here so that edit forms show its refusal
        next to the content; pages being created are checked by their form."""
        super().clean()
        if self.path:
            references.check(self)

    def get_admin_display_title(self):
        """A draft's title is its school's business: anyone else who meets the page in the
        admin (a curator choosing a case to feature) sees the published title."""
        if not may_read_draft(self.path):
            return self.title
        return super().get_admin_display_title()

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
