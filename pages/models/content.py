"""The three kinds of school content (column posts, activity reports, exemplar cases) and
the index page each lives under."""

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.search import index

from pages import short_links
from pages.blocks import AttachmentsBlock, BodyBlock, BodyField, PhotosBlock
from pages.tags import check_page as check_tags
from pages.visibility import public

from .base import PROSE_FEATURES, OnePerParent, SchoolPageMixin, with_school


def today():
    return timezone.localdate()


class SchoolContentPage(SchoolPageMixin, Page):
    """Fields every dated piece of school content has; subclasses add their own."""

    date = models.DateField(_("date"), default=today)
    summary = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists and when shared."),
    )
    body = BodyField(BodyBlock(), verbose_name=_("body"), blank=True)
    author = models.CharField(_("author"), max_length=60, blank=True)
    source = models.CharField(
        _("source"),
        max_length=100,
        blank=True,
        help_text=_("Where the piece first appeared. Empty: the school."),
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in lists and when the page is shared. Empty: the first photo."),
    )

    parent_page_types = []
    subpage_types = []
    # Related rows every list of these pages shows (fetched with the list, not per item).
    listed_with = ("cover",)

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("author"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("author"),
        APIField("source"),
        APIField("summary"),
        APIField("body"),
        APIField("tag_names"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        check_tags(self)

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        return super().save(*args, **kwargs)

    def fill_derived_fields(self):
        """What every way of writing the page derives from its content: save(), and the
        benchmarks' bulk writer (bench/bulk.py), which writes rows without it."""
        if self.cover_id is None:
            self.cover_id = self.first_photo_id()

    def first_photo_id(self):
        """The first image of the gallery or the body, which lists show when the editor chose
        no cover: most items have a picture, and a list of bare titles reads like a ledger."""
        for name in ("gallery", "body"):
            if not hasattr(self, name):
                continue
            field = self._meta.get_field(name)
            for model, pk, _path, _content_path in field.extract_references(getattr(self, name)):
                if issubclass(model, AbstractImage) and str(pk).isdigit():
                    return int(pk)
        return None

    @property
    def tag_names(self):
        return [tag.name for tag in self.tags.all()]

    related_count = 4

    def tag_list(self):
        """The page's tags, read once however many parts of the page show them (its keywords,
        its tag links, its related items), and not at all when those parts are kept."""
        prefetch_related_objects([self], "tags")
        return list(self.tags.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["short_url"] = short_links.short_url(request, self)
        return context

    def neighbours(self):
        """The published items of the school's list just older and just newer than this one."""
        siblings = public(type(self).objects.live().sibling_of(self, inclusive=False))
        siblings = siblings.only("title", "url_path", "path", "depth", "date")
        older = Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk)
        return (
            siblings.filter(older).order_by("-date", "-pk").first(),
            siblings.exclude(older).order_by("date", "pk").first(),
        )

    def related_items(self):
        """Published items of the same kind anywhere on the platform that share a tag with this
        one (or its activity type), newest first: one query, and one to name their schools.
        Shown in a part of the page that is kept rendered (``{% keep %}``), so their covers'
        renditions are looked up only when it is rendered again."""
        shared = Q(tags__in=self.tag_list())
        if getattr(self, "activity_type_id", None):
            shared |= Q(activity_type_id=self.activity_type_id)
        candidates = type(self).objects.live().filter(shared).exclude(pk=self.pk).distinct()
        items = list(
            public(candidates)
            .select_related(*self.listed_with)
            .order_by("-date", "-pk")[: self.related_count]
        )
        return apps.get_model("pages", "SchoolHomePage").objects.attach_to(items)

    @property
    def source_name(self):
        """来源: the editor's, or the school's registered name."""
        school = self.school
        return self.source or (school.display_name if school is not None else "")

    @classmethod
    def latest_in(cls, ancestor, limit):
        """The newest items below ``ancestor``; as ``related_items``, for lists that are kept."""
        return list(
            public(cls.objects.live().descendant_of(ancestor))
            .select_related(*cls.listed_with)
            .order_by("-date", "-pk")[:limit]
        )


class ContentIndexPage(OnePerParent, SchoolPageMixin, Page):
    """Lists one kind of content of one school, newest first, filterable by tag."""

    introduction = RichTextField(_("introduction"), blank=True, features=PROSE_FEATURES)

    parent_page_types = ["pages.SchoolHomePage"]
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    api_fields = [APIField("introduction")]
    items_per_page = 12

    class Meta:
        abstract = True

    def child_model(self):
        raise NotImplementedError

    def route(self, request, path_components):
        """A child in one query where Wagtail takes two (the page, then its specific row):
        it is fetched as the index's own content type, with what its page shows of its list
        (the cover). Anything else under the index (a
        disabled plugin's page) is still found Wagtail's way."""
        if path_components:
            model = self.child_model()
            children = model.objects.filter(
                depth=self.depth + 1, path__range=self._get_children_path_interval(self.path)
            ).select_related(*model.listed_with)
            child = children.filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        model = self.child_model()
        items = public(model.objects.live().child_of(self))
        tag = request.GET.get("tag", "").strip()
        if tag:
            items = items.filter(tags__name=tag)
        items = items.order_by("-date", "-pk").select_related(*model.listed_with)
        items = items.prefetch_related("tags", "cover__renditions")
        context["current_tag"] = tag
        context["items"] = Paginator(items, self.items_per_page).get_page(request.GET.get("page"))
        # Each page of the whole list is kept rendered; a list by a tag the visitor typed is not.
        context["list_variant"] = None if tag else context["items"].number
        return context


class CultureDimension(models.TextChoices):
    MATERIAL = "material", _("Material culture")
    SPIRITUAL = "spiritual", _("Spiritual culture")
    INSTITUTIONAL = "institutional", _("Institutional culture")
    BEHAVIOURAL = "behavioural", _("Behavioural culture")


class ColumnPostTag(TaggedItemBase):
    content_object = ParentalKey(
        "pages.ColumnPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ColumnPostPage(SchoolContentPage):
    """A post in the school's campus party-building column (校园党建专栏)."""

    search_kind = "column"  # found by the public search, shown as this kind

    culture_dimension = models.CharField(
        _("culture dimension"),
        max_length=20,
        choices=CultureDimension.choices,
        blank=True,
        help_text=_("Which of the brand's four culture dimensions this post shows."),
    )
    tags = ClusterTaggableManager(through=ColumnPostTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["pages.ColumnIndexPage"]

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author"), FieldPanel("source")]),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("culture_dimension"), FieldPanel("tags")], heading=_("Classification")
        ),
    ]
    search_fields = SchoolContentPage.search_fields + [
        index.FilterField("culture_dimension"),
    ]
    api_fields = SchoolContentPage.api_fields + [
        APIField("culture_dimension"),
    ]

    class Meta:
        verbose_name = _("column post")
        verbose_name_plural = _("column posts")


class ColumnIndexPage(ContentIndexPage):
    subpage_types = ["pages.ColumnPostPage"]

    class Meta:
        verbose_name = _("campus party-building column")
        verbose_name_plural = _("campus party-building columns")

    def child_model(self):
        return ColumnPostPage


class ActivityReportTag(TaggedItemBase):
    content_object = ParentalKey(
        "pages.ActivityReportPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ActivityReportPage(SchoolContentPage):
    """A report on one activity, kept also as evidence for the school's yearly ledger."""

    search_kind = "activity"  # found by the public search, shown as this kind

    activity_type = models.ForeignKey(
        "pages.ActivityType",
        verbose_name=_("activity type"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for a one-day activity.")
    )
    place = models.CharField(_("place"), max_length=120, blank=True)
    organiser = models.CharField(_("organiser"), max_length=120, blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    gallery = StreamField(PhotosBlock(), verbose_name=_("gallery"), blank=True)
    attachments = StreamField(
        AttachmentsBlock(),
        verbose_name=_("attachments"),
        blank=True,
        help_text=_("Sign-in sheets, plans and other records kept for the ledger."),
    )
    tags = ClusterTaggableManager(through=ActivityReportTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["pages.ActivityIndexPage"]
    listed_with = ("activity_type", "cover")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("activity_type"),
                FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("organiser")]),
                FieldPanel("participant_count"),
            ],
            heading=_("Activity"),
        ),
        FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("body"),
        FieldPanel("gallery"),
        FieldPanel("attachments"),
        FieldPanel("tags"),
    ]
    search_fields = SchoolContentPage.search_fields + [
        index.SearchField("place"),
        index.SearchField("organiser"),
        index.RelatedFields("activity_type", [index.SearchField("name")]),
        index.FilterField("activity_type"),
    ]
    api_fields = SchoolContentPage.api_fields + [
        APIField("activity_type"),
        APIField("end_date"),
        APIField("place"),
        APIField("organiser"),
        APIField("participant_count"),
        APIField("gallery"),
    ]

    class Meta:
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.end_date and self.date and self.end_date < self.date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class ActivityIndexPage(ContentIndexPage):
    subpage_types = ["pages.ActivityReportPage"]

    class Meta:
        verbose_name = _("activity report list")
        verbose_name_plural = _("activity report lists")

    def child_model(self):
        return ActivityReportPage


class ExemplarCaseTag(TaggedItemBase):
    content_object = ParentalKey(
        "pages.ExemplarCasePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def current_year():
    return timezone.localdate().year


class ExemplarCasePage(SchoolContentPage):
    """An exemplar case: a practice worth copying, told as background, practice, results,
    lessons."""

    search_kind = "case"  # found by the public search, shown as this kind

    year = models.PositiveSmallIntegerField(_("year"), default=current_year)
    background = RichTextField(_("background"), blank=True, features=PROSE_FEATURES)
    practice = RichTextField(_("practice"), blank=True, features=PROSE_FEATURES)
    results = RichTextField(_("results"), blank=True, features=PROSE_FEATURES)
    lessons = RichTextField(_("lessons"), blank=True, features=PROSE_FEATURES)
    honours = models.TextField(
        _("honours"), blank=True, help_text=_("Awards and recognition, one per line.")
    )
    tags = ClusterTaggableManager(through=ExemplarCaseTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["pages.CaseIndexPage"]

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("background"),
        FieldPanel("practice"),
        FieldPanel("results"),
        FieldPanel("lessons"),
        FieldPanel("honours"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = SchoolContentPage.search_fields + [
        index.SearchField("background"),
        index.SearchField("practice"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.SearchField("honours"),
        index.AutocompleteField("place_names"),
        index.FilterField("year"),
    ]
    api_fields = SchoolContentPage.api_fields + [
        APIField("year"),
        APIField("background"),
        APIField("practice"),
        APIField("results"),
        APIField("lessons"),
        APIField("honours"),
    ]

    class Meta:
        verbose_name = _("exemplar case")
        verbose_name_plural = _("exemplar cases")

    def get_admin_display_title(self):
        """Cases of many schools share themes and titles: the admin names the school too."""
        title = super().get_admin_display_title()
        school = self.school
        return with_school(title, school)

    @property
    def honour_list(self):
        return [line.strip() for line in self.honours.splitlines() if line.strip()]


class CaseIndexPage(ContentIndexPage):
    subpage_types = ["pages.ExemplarCasePage"]

    class Meta:
        verbose_name = _("exemplar case list")
        verbose_name_plural = _("exemplar case lists")

    def child_model(self):
        return ExemplarCasePage
