from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pages import fragments
from pages.sections import sections_for
from pages.visibility import OneQueryRestrictions, public

from .base import WaypointRouting
from .content import ActivityReportPage, ColumnPostPage, ExemplarCasePage
from .identity import SiteIdentity
from .schools import SchoolHomePage


class RegionPage(WaypointRouting, OneQueryRestrictions, SiteIdentity, Page):
    """A province, city or county: the portal of every school below it.

    A province of 10,000 schools is listed with bounded queries: everything below a region is
    found by tree path, never by a loop over its schools.

    The province is the root of the provincial portal Site; cities and counties live under it
    and are reached by path (e.g. /nanjing/xuanwu/).
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        COUNTY = "county", _("County or district")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    region_code = models.CharField(
        _("region code"),
        max_length=6,
        db_index=True,
        validators=[RegexValidator(r"^\d{6}$", _("Enter the six-digit administrative code."))],
        help_text=_("The six-digit administrative division code, e.g. 320102."),
    )
    bureau_name = models.CharField(
        _("education bureau"),
        max_length=100,
        blank=True,
        help_text=_("The education working committee or bureau that runs this portal."),
    )
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    curator_group = models.ForeignKey(
        "auth.Group", null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    manager_group = models.ForeignKey(
        "auth.Group", null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    # Unique per language (clean): a region's English edition carries its code too.
    override_translatable_fields = [
        *SiteIdentity.override_translatable_fields,
        SynchronizedField("region_code"),
    ]

    parent_page_types = ["wagtailcore.Page", "pages.RegionPage"]
    subpage_types = ["pages.RegionPage", "pages.SchoolHomePage"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("level"), FieldPanel("region_code"), FieldPanel("bureau_name")],
            heading=_("Region"),
        ),
        FieldPanel("introduction"),
        FieldPanel("banner"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(SiteIdentity.identity_panels, heading=_("Site footer"))
    ]
    search_fields = Page.search_fields + [
        index.SearchField("bureau_name"),
        index.SearchField("introduction"),
        index.FilterField("level"),
    ]
    api_fields = [
        APIField("level"),
        APIField("region_code"),
        APIField("bureau_name"),
        APIField("introduction"),
    ]

    class Meta:
        verbose_name = _("region portal")
        verbose_name_plural = _("region portals")

    schools_per_page = 24

    def clean(self):
        super().clean()
        taken = RegionPage.objects.filter(region_code=self.region_code, locale_id=self.locale_id)
        if self.region_code and taken.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"region_code": _("Another region already has this administrative code.")}
            )

    # The full lists behind the portal's "更多" links: ?list=posts, newest first, paginated.
    LISTS = {
        "posts": (ColumnPostPage, _("Column posts")),
        "activities": (ActivityReportPage, _("Activity reports")),
        "cases": (ExemplarCasePage, _("Exemplar cases")),
    }
    items_per_page = 20

    def get_context(self, request, *args, **kwargs):
        """Lists of pages from apps above this one (curation's featured and adopted work) come
        through the ``region_portal_lists`` hook: each returns {context name: [pages]}, and
        every listed page gets its school with the others, in one query."""
        context = super().get_context(request, *args, **kwargs)
        if request.GET.get("list") in self.LISTS:
            return self._full_list(context, request)

        def sections():
            return sections_for("region_portal_sections", self, request)

        portal = fragments.kept(request, self, "portal", self._portal_lists)
        schools = Paginator(self.schools_below(), self.schools_per_page)
        schools.count = portal["statistics"]["schoolhomepage"]  # the same schools, counted
        listed = schools.get_page(request.GET.get("page"))
        # Kept too: the first schools of a province in tree order cost SQLite a walk through
        # every page below it (70 ms at 2,000 schools).
        listed.object_list = fragments.kept(
            request, self, f"schools-{listed.number}", lambda: list(listed.object_list)
        )
        context.update(
            portal,
            sections=fragments.kept(request, self, "sections", sections),
            schools=listed,
        )
        return context

    def _portal_lists(self):
        """What the portal lists of everything below it: kept while nothing below changes."""
        lists = {
            "latest_posts": ColumnPostPage.latest_in(self, 8),
            "latest_activities": ActivityReportPage.latest_in(self, 6),
            "latest_cases": ExemplarCasePage.latest_in(self, 4),
        }
        for contribute in hooks.get_hooks("region_portal_lists"):
            lists.update(contribute(self))
        SchoolHomePage.objects.attach_to([page for pages in lists.values() for page in pages])
        return {
            **lists,
            "sub_regions": self.sub_regions_with_counts(),
            "statistics": self.statistics(),
        }

    def _full_list(self, context, request):
        name = request.GET["list"]
        model, label = self.LISTS[name]
        items = (
            public(model.objects.live().descendant_of(self))
            .select_related(*model.listed_with)
            .prefetch_related("cover__renditions")
            .order_by("-date", "-pk")
        )
        listing = Paginator(items, self.items_per_page).get_page(request.GET.get("page"))
        context.update(
            listing=listing,
            # Read when the list is rendered, not when it is read back kept ({% keep %}).
            listed=lambda: SchoolHomePage.objects.attach_to(list(listing)),
            listing_name=name,
            listing_label=label,
            listing_variant=f"{name}:{listing.number}",
        )
        return context

    def schools_below(self):
        """Live schools anywhere below the region, in tree order; the portal keeps its page of
        them (pages.fragments), so their logos' renditions are left to Wagtail's rendition cache
        rather than fetched with them (a kept list would hold the renditions of its day)."""
        return (
            SchoolHomePage.objects.live()
            .descendant_of(self)
            .select_related("logo")
            .order_by("path")
        )

    def sub_regions_with_counts(self):
        """Child regions, each with ``school_count``: two queries for any number of schools."""
        children = list(RegionPage.objects.child_of(self).live().order_by("path"))
        if not children:
            return children
        prefix_length = Page.steplen * (self.depth + 1)
        counts = dict(
            SchoolHomePage.objects.live()
            .descendant_of(self)
            .order_by()
            .annotate(prefix=Substr("path", 1, prefix_length))
            .values_list("prefix")
            .annotate(count=Count("pk"))
            .values_list("prefix", "count")
        )
        for child in children:
            child.school_count = counts.get(child.path, 0)
        return children

    def statistics(self):
        """How many schools, posts, reports and cases are live below the region: one query."""
        models = (SchoolHomePage, ColumnPostPage, ActivityReportPage, ExemplarCasePage)
        content_types = ContentType.objects.get_for_models(*models)
        type_ids = {content_types[model].pk: model._meta.model_name for model in models}
        counts = dict(
            Page.objects.live()
            .descendant_of(self)
            .filter(content_type_id__in=type_ids)
            .order_by()
            .values_list("content_type_id")
            .annotate(count=Count("pk"))
            .values_list("content_type_id", "count")
        )
        return {name: counts.get(type_id, 0) for type_id, name in type_ids.items()}
