"""The school's annual plan (年度方案, guideline 四.1): how it will build its brand this year,
the year's goals and the commitment it makes in public, one page a year below the school's
home page, published through the school's review like any of its pages."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pages.visibility import public

from .base import PROSE_FEATURES, SchoolCopyForm, SchoolPageForm, SchoolPageMixin
from .content import current_year


def _year_taken_message(year):
    return _("This school already has an annual plan for %(year)s: edit that plan instead.") % {
        "year": year
    }


class AnnualPlanPageForm(SchoolPageForm):
    """A plan being created does not know its place yet, so its model cannot see the plans
    beside it: the form checks its year against those under the parent it is added to. Only a
    valid year is checked: a refused one (``abc``, ``-1``) leaves the default year in the
    instance, which the check would report as taken."""

    def _post_clean(self):
        super()._post_clean()
        plan = self.instance
        if (
            not plan.path
            and self.parent_page is not None
            and not self.has_error("year")
            and plan.year_taken(self.parent_page)
        ):
            self.add_error("year", _year_taken_message(plan.year))


class AnnualPlanCopyForm(SchoolCopyForm):
    """A copy (or an alias) would be a second plan for the same year, which saving it refuses;
    the form says so instead of the copy failing."""

    def clean(self):
        cleaned_data = super().clean()
        parent = cleaned_data.get("new_parent_page")
        year = self.page.specific.year
        if parent is not None and AnnualPlanPage.for_year(parent, year).exists():
            self.add_error("new_parent_page", _year_taken_message(year))
        return cleaned_data


class AnnualPlanPage(SchoolPageMixin, Page):
    """One school's plan for one year: the guideline asks each school to set out its plan and
    the year's goals, publish them to its teachers and students, and commit to them."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        default=current_year,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists and when shared."),
    )
    plan = RichTextField(
        _("implementation plan"),
        blank=True,
        features=PROSE_FEATURES,
        help_text=_("How the school builds its brand this year: the tasks, who leads each, when."),
    )
    goals = RichTextField(
        _("annual goals"),
        blank=True,
        features=PROSE_FEATURES,
        help_text=_("What the school means to have achieved by the end of the year."),
    )
    commitment = models.TextField(
        _("public commitment"),
        blank=True,
        help_text=_("What the Party organisation promises teachers, students and parents."),
    )

    parent_page_types = ["pages.SchoolHomePage"]
    subpage_types = []
    base_form_class = AnnualPlanPageForm
    copy_form_class = AnnualPlanCopyForm

    content_panels = Page.content_panels + [
        FieldPanel("year"),
        FieldPanel("summary"),
        FieldPanel("plan"),
        FieldPanel("goals"),
        FieldPanel("commitment"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("plan"),
        index.SearchField("goals"),
        index.SearchField("commitment"),
        index.AutocompleteField("place_names"),
        index.FilterField("year"),
    ]
    api_fields = [
        APIField("year"),
        APIField("summary"),
        APIField("plan"),
        APIField("goals"),
        APIField("commitment"),
    ]

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")

    @classmethod
    def for_year(cls, parent, year):
        """The plans for ``year`` below ``parent`` (a school's home page), drafts included."""
        return cls.objects.child_of(parent).filter(year=year)

    def year_taken(self, parent):
        """True when another plan for this page's year is already below ``parent``."""
        return AnnualPlanPage.for_year(parent, self.year).exclude(pk=self.pk).exists()

    def clean(self):
        super().clean()
        if self.path and self.year and self.year_taken(self.get_parent()):
            raise ValidationError({"year": _year_taken_message(self.year)})

    @classmethod
    def published_beside(cls, page):
        """The live, public plans beside ``page`` (a school's brand, or another plan), newest
        year first, with what a list of them shows: one query."""
        plans = public(cls.objects.live().sibling_of(page, inclusive=False))
        return list(
            plans.order_by("-year", "-pk").only(
                "title", "url_path", "path", "depth", "year", "summary"
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["other_years"] = AnnualPlanPage.published_beside(self)
        return context
