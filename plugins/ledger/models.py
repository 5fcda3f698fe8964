"""Exports a school or a bureau asks for and downloads later: built by a background task
(``tasks.build``), which reports its progress here; the file is kept until it is deleted and
served only to the person who asked for it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from plugins import api


class LedgerExport(models.Model):
    class Kind(models.TextChoices):
        SCHOOL_YEAR = "school_year", _("School ledger for a year")
        REGION_YEAR = "region_year", _("Region ledger for a year")
        COMPENDIUM = "compendium", _("Exemplar case compendium")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    school = models.ForeignKey(
        "pages.SchoolHomePage",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    region = models.ForeignKey(
        "pages.RegionPage",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    compendium = models.ForeignKey(
        "ledger.Compendium",
        verbose_name=_("compendium"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exports",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledger_exports"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    file = models.FileField(upload_to="ledger/%Y/%m/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.subject}"

    @property
    def subject(self):
        if self.kind == self.Kind.COMPENDIUM:
            return str(self.compendium)
        if self.kind == self.Kind.SCHOOL_YEAR:
            return f"{self.school.title} {self.year}"
        return f"{self.region.title} {self.year}"


class Compendium(ClusterableModel):
    """A compendium of exemplar cases (案例汇编) as a bureau issues it: the guideline asks for one
    every two years, of the cases the bureau chose (adopted, awarded, featured ones first), in
    the order it chose, with its foreword; ``exports`` are the PDFs built from it."""

    DUE_AFTER_YEARS = 2

    region = models.ForeignKey(
        "pages.RegionPage", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=100)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    bureau = models.CharField(
        _("issuing bureau"),
        max_length=100,
        blank=True,
        help_text=_("Named on the cover. Empty: the region's education bureau."),
    )
    foreword = RichTextField(
        _("foreword"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-ends_on", "-pk"]
        verbose_name = _("case compendium")
        verbose_name_plural = _("case compendiums")

    def __str__(self):
        return self.title

    @property
    def issuer(self):
        return self.bureau or issuing_bureau(self.region)

    def clean(self):
        if self.starts_on and self.ends_on and self.starts_on > self.ends_on:
            raise ValidationError({"ends_on": _("The period ends before it starts.")})


def issuing_bureau(region):
    """The bureau a region's compendium names: the one its portal names, else the region's
    education bureau by the usual naming."""
    return region.bureau_name or _("%(region)s Education Bureau") % {"region": region.title}


def choosable_cases(regions):
    """The cases a compendium of one of ``regions`` may hold: live, public cases of their
    schools (never a draft, a restricted page or an archived school's case)."""
    inside = api.below(list(regions.values_list("path", flat=True)))
    if inside is None:
        return api.ExemplarCasePage.objects.none()
    return api.exports.bureau_pages(api.ExemplarCasePage.objects.filter(inside))


class CompendiumCase(Orderable):
    compendium = ParentalKey(Compendium, on_delete=models.CASCADE, related_name="chosen_cases")
    case = models.ForeignKey(
        "pages.ExemplarCasePage",
        verbose_name=_("exemplar case"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("chosen case")
        verbose_name_plural = _("chosen cases")

    def clean(self):
        """Checked here, not only in the chooser: a posted id may name any page."""
        region = getattr(self.compendium, "region", None)
        if region is None or self.case_id is None:
            return
        regions = api.RegionPage.objects.filter(pk=region.pk)
        if not choosable_cases(regions).filter(pk=self.case_id).exists():
            raise ValidationError(
                {
                    "case": _("Choose a published, public case of a school in %(region)s.")
                    % {"region": region.title}
                }
            )
