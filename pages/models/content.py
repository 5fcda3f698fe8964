"""The three kinds of school content (column posts, activity reports, exemplar cases) and
the index page each lives under."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import AttachmentsBlock, BodyBlock, BodyField, PhotosBlock
from pages.visibility import public

from .base import PROSE_FEATURES, SchoolPageMixin


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

    parent_page_types = []
    subpage_types = []
    # Related rows every list of these pages shows (fetched with the list, not per item).
    listed_with = ()

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("body"),
        APIField("tag_names"),
    ]

    class Meta:
        abstract = True

    @property
    def tag_names(self):
        return [tag.name for tag in self.tags.all()]

    @classmethod
    def latest_in(cls, ancestor, limit):
        return list(
            public(cls.objects.live().descendant_of(ancestor))
            .select_related(*cls.listed_with)
            .order_by("-date", "-pk")[:limit]
        )


class ContentIndexPage(SchoolPageMixin, Page):
    """Lists one kind of content of one school, newest first, filterable by tag."""

    introduction = RichTextField(_("introduction"), blank=True, features=PROSE_FEATURES)

    parent_page_types = ["pages.SchoolHomePage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    api_fields = [APIField("introduction")]
    items_per_page = 12

    class Meta:
        abstract = True

    def child_model(self):
        raise NotImplementedError

    def route(self, request, path_components):
        """A child in one query where Wagtail takes two (the page, then its specific row):
        it is fetched as the index's own content type. Anything else under the index (a
        disabled plugin's page) is still found Wagtail's way."""
        if path_components:
            children = self.child_model().objects.filter(
                depth=self.depth + 1, path__range=self._get_children_path_interval(self.path)
            )
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
        items = items.prefetch_related("tags")
        context["current_tag"] = tag
        context["items"] = Paginator(items, self.items_per_page).get_page(request.GET.get("page"))
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

    author = models.CharField(_("author"), max_length=60, blank=True)
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
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("culture_dimension"), FieldPanel("tags")], heading=_("Classification")
        ),
    ]
    search_fields = SchoolContentPage.search_fields + [
        index.SearchField("author"),
        index.FilterField("culture_dimension"),
    ]
    api_fields = SchoolContentPage.api_fields + [
        APIField("author"),
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
    listed_with = ("activity_type",)

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
        FieldPanel("summary"),
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
        FieldPanel("summary"),
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
        return f"{title}（{school.title}）" if school else title

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
