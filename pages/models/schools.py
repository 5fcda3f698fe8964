from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from pages import fragments
from pages.blocks import PhotosBlock
from pages.sections import sections_for
from pages.visibility import public

from .base import (
    PROSE_FEATURES,
    OnePerParent,
    SchoolPageMixin,
    WaypointRouting,
    canonical,
    with_school,
)
from .content import (
    ActivityIndexPage,
    ActivityReportPage,
    CaseIndexPage,
    ColumnIndexPage,
    ColumnPostPage,
    ExemplarCasePage,
)
from .identity import SiteIdentity
from .plans import AnnualPlanPage


def school_hostname(slug):
    """A school's Site answers on ``<slug>.<BASE_DOMAIN host>``."""
    return f"{slug}.{settings.SITE_HOSTNAME}"


class SchoolQuerySet(PageQuerySet):
    def schools(self):
        """The schools, one page each: never a school's edition in another language, which
        copies its home page (Groups, Site, codes) but is not another school."""
        return canonical(self)

    def containing(self, page):
        """The school a page belongs to (``.first()``; None for pages outside every school)."""
        return self.ancestor_of(page, inclusive=True)

    def attach_to(self, pages):
        """Set ``page.school`` on each page with a single query, from the pages' tree paths.
        Asked for by content type too, so that PostgreSQL finds the few pages by their paths
        and types: by paths alone it merged schools with every page in id order, reading up to
        the last page named (86,000 rows, 18 ms, for ten search hits)."""
        if not pages:
            return pages
        steplen = Page.steplen
        prefixes = {
            page.path[: steplen * depth] for page in pages for depth in range(2, page.depth + 1)
        }
        schools = {
            school.path: school
            for school in self.type(self.model)
            .filter(path__in=prefixes)
            .only("title", "full_name", "path", "depth", "url_path", "slug")
        }
        for page in pages:
            page.school = next(
                (
                    schools[page.path[: steplen * depth]]
                    for depth in range(page.depth, 1, -1)
                    if page.path[: steplen * depth] in schools
                ),
                None,
            )
        return pages

    def with_slug(self, slug):
        """The school whose Site is ``<slug>.<BASE_DOMAIN>`` (``.first()``; None if none)."""
        return self.filter(
            pk__in=Site.objects.filter(hostname=school_hostname(slug)).values("root_page_id")
        )


class SchoolHomePage(WaypointRouting, SchoolPageMixin, SiteIdentity, Page):
    """The root of one school's own Site, created only by the provisioning service."""

    search_kind = "school"  # found by the public search, shown as this kind

    class Stage(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        JUNIOR = "junior", _("Junior secondary school")
        SENIOR = "senior", _("Senior secondary school")
        NINE_YEAR = "nine_year", _("Nine-year school")
        TWELVE_YEAR = "twelve_year", _("Twelve-year school")
        COMPLETE = "complete", _("Complete secondary school")
        VOCATIONAL = "vocational", _("Secondary vocational school")
        SPECIAL = "special", _("Special education school")

    objects = PageManager.from_queryset(SchoolQuerySet)()

    full_name = models.CharField(
        _("full name"),
        max_length=120,
        blank=True,
        help_text=_("The school's registered name, if longer than the title."),
    )
    stage = models.CharField(
        _("school stage"), max_length=20, choices=Stage.choices, default=Stage.PRIMARY
    )
    party_organisation = models.CharField(
        _("party organisation"),
        max_length=120,
        blank=True,
        help_text=_("E.g. the school's Party branch committee."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = RichTextField(_("introduction"), blank=True, features=PROSE_FEATURES)

    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editor_group = models.ForeignKey(
        "auth.Group", null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    moderator_group = models.ForeignKey(
        "auth.Group", null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    archived_live_revisions = models.JSONField(default=dict, blank=True, editable=False)

    # Set by provisioning and archiving, never by an editor: an older revision made live again
    # (a revert, or restore_school) keeps today's, as Wagtail keeps a page's tree position.
    PROVISIONED_FIELDS = (
        "collection_id",
        "editor_group_id",
        "moderator_group_id",
        "archived_at",
        "archived_live_revisions",
    )

    parent_page_types = ["pages.RegionPage"]
    subpage_types = [
        "pages.BrandPage",
        "pages.ColumnIndexPage",
        "pages.ActivityIndexPage",
        "pages.CaseIndexPage",
        "pages.AnnualPlanPage",
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("full_name"),
                FieldPanel("stage"),
                FieldPanel("party_organisation"),
                FieldPanel("logo"),
                FieldPanel("banner"),
            ],
            heading=_("School profile"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        FieldPanel("introduction"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(SiteIdentity.identity_panels, heading=_("Site footer"))
    ]
    search_fields = Page.search_fields + [
        index.SearchField("full_name"),
        index.SearchField("party_organisation"),
        index.SearchField("introduction"),
        index.FilterField("stage"),
    ]
    api_fields = [
        APIField("full_name"),
        APIField("stage"),
        APIField("party_organisation"),
        APIField("address"),
        APIField("phone"),
        APIField("email"),
        APIField("logo", serializer=ImageRenditionField("fill-200x200")),
        APIField("introduction"),
    ]

    class Meta:
        verbose_name = _("school home page")
        verbose_name_plural = _("school home pages")

    @property
    def display_name(self):
        return self.full_name or self.title

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for name in self.PROVISIONED_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def sections():
            return sections_for("school_home_sections", self, request)

        context.update(
            fragments.kept(request, self, "home", self._home_lists),
            sections=fragments.kept(request, self, "sections", sections),
        )
        return context

    def _home_lists(self):
        """The brand, the lists and their newest items: kept while nothing in the school
        changes (pages.fragments)."""
        brand = BrandPage.objects.child_of(self).live().select_related("logo").first()
        return {
            **self._indexes(),
            "brand": brand,
            "hero_picture": self.banner or (brand.first_photo() if brand is not None else None),
            "latest_posts": ColumnPostPage.latest_in(self, 6),
            "latest_activities": ActivityReportPage.latest_in(self, 4),
            "latest_cases": ExemplarCasePage.latest_in(self, 3),
        }

    def _indexes(self):
        """The school's live lists, for the "更多" links under each list: one query."""
        kinds = {
            ContentType.objects.get_for_model(model).pk: name
            for name, model in (
                ("column_index", ColumnIndexPage),
                ("activity_index", ActivityIndexPage),
                ("case_index", CaseIndexPage),
            )
        }
        children = public(self.get_children().live().filter(content_type_id__in=kinds))
        return {
            kinds[child.content_type_id]: child
            for child in children.only("title", "url_path", "path", "depth", "content_type")
        }


class BrandPage(OnePerParent, SchoolPageMixin, Page):
    """The school's party-building culture brand: one per school, owned by its moderator."""

    search_kind = "brand"  # found by the public search, shown as this kind

    brand_name = models.CharField(_("brand name"), max_length=60)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("brand logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    slogan = models.CharField(_("slogan"), max_length=120, blank=True)
    connotation = RichTextField(
        _("connotation"),
        blank=True,
        features=PROSE_FEATURES,
        help_text=_("What the brand means and where its name comes from."),
    )
    philosophy = RichTextField(_("philosophy"), blank=True, features=PROSE_FEATURES)
    heritage_innovation = RichTextField(
        _("heritage and innovation"),
        blank=True,
        features=PROSE_FEATURES,
        help_text=_("What the brand carries on from the school's history and what it adds."),
    )
    material_culture = RichTextField(
        _("material culture"),
        blank=True,
        features=PROSE_FEATURES,
        help_text=_("Places, displays and objects that make the brand visible on campus."),
    )
    spiritual_culture = RichTextField(
        _("spiritual culture"),
        blank=True,
        features=PROSE_FEATURES,
        help_text=_("Shared values, spirit and motto."),
    )
    institutional_culture = RichTextField(
        _("institutional culture"),
        blank=True,
        features=PROSE_FEATURES,
        help_text=_("Rules and routines that keep the brand running."),
    )
    behavioural_culture = RichTextField(
        _("behavioural culture"),
        blank=True,
        features=PROSE_FEATURES,
        help_text=_("How Party members, teachers and students live the brand."),
    )
    gallery = StreamField(PhotosBlock(), verbose_name=_("gallery"), blank=True)

    parent_page_types = ["pages.SchoolHomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("brand_name"), FieldPanel("slogan"), FieldPanel("logo")],
            heading=_("Brand"),
        ),
        FieldPanel("connotation"),
        FieldPanel("philosophy"),
        FieldPanel("heritage_innovation"),
        MultiFieldPanel(
            [
                FieldPanel("material_culture"),
                FieldPanel("spiritual_culture"),
                FieldPanel("institutional_culture"),
                FieldPanel("behavioural_culture"),
            ],
            heading=_("The four dimensions of culture"),
        ),
        FieldPanel("gallery"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("brand_name", boost=3),
        index.AutocompleteField("brand_name"),
        index.AutocompleteField("place_names"),
        index.SearchField("slogan", boost=2),
        index.SearchField("connotation"),
        index.SearchField("philosophy"),
        index.SearchField("heritage_innovation"),
        index.SearchField("material_culture"),
        index.SearchField("spiritual_culture"),
        index.SearchField("institutional_culture"),
        index.SearchField("behavioural_culture"),
    ]
    api_fields = [
        APIField("brand_name"),
        APIField("slogan"),
        APIField("logo", serializer=ImageRenditionField("fill-200x200")),
        APIField("connotation"),
        APIField("philosophy"),
        APIField("heritage_innovation"),
        APIField("material_culture"),
        APIField("spiritual_culture"),
        APIField("institutional_culture"),
        APIField("behavioural_culture"),
        APIField("gallery"),
    ]

    def get_admin_display_title(self):
        """Every brand page is titled 党建品牌 in its school's menu: the admin names it by its
        brand and school instead (红梅先锋（梅岭小学）), in listings, choosers and featuring."""
        school = self.school
        name = self.brand_name or super().get_admin_display_title()
        return with_school(name, school)

    @property
    def share_title(self):
        """The browser tab's and shared links' title: the brand and its school."""
        school = self.school
        return f"{self.brand_name} · {school.title}" if school else self.brand_name

    class Meta:
        verbose_name = _("brand page")
        verbose_name_plural = _("brand pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["annual_plans"] = AnnualPlanPage.published_beside(self)
        return context

    def first_photo(self):
        for block in self.gallery:
            return block.value["image"]
        return None

    @property
    def culture_dimensions(self):
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in (
                "material_culture",
                "spiritual_culture",
                "institutional_culture",
                "behavioural_culture",
            )
            if getattr(self, name)
        ]
