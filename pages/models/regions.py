from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pages import portal

from .content import ActivityReportPage, ColumnPostPage, ExemplarCasePage


class RegionPage(Page):
    """A province, city or county: the portal of every school below it.

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
        unique=True,
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

    parent_page_types = ["wagtailcore.Page", "pages.RegionPage"]
    subpage_types = ["pages.RegionPage", "pages.SchoolHomePage"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("level"), FieldPanel("region_code"), FieldPanel("bureau_name")],
            heading=_("Region"),
        ),
        FieldPanel("introduction"),
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

    def get_context(self, request, *args, **kwargs):
        """Lists of pages from apps above this one (curation's featured and adopted work) come
        through the ``region_portal_lists`` hook: each returns {context name: [pages]}, and
        every listed page gets its school with the others, in one query."""
        context = super().get_context(request, *args, **kwargs)
        schools = Paginator(portal.schools_below(self), self.schools_per_page)
        lists = {
            "latest_posts": ColumnPostPage.latest_in(self, 8),
            "latest_activities": ActivityReportPage.latest_in(self, 6),
            "latest_cases": ExemplarCasePage.latest_in(self, 4),
        }
        for contribute in hooks.get_hooks("region_portal_lists"):
            lists.update(contribute(self))
        context.update(
            lists,
            sub_regions=portal.sub_regions_with_counts(self),
            statistics=portal.statistics(self),
            schools=schools.get_page(request.GET.get("page")),
        )
        portal.attach_schools([page for pages in lists.values() for page in pages])
        return context
