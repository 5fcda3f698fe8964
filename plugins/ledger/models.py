"""Exports a school or a bureau asks for and downloads later: built by a background task
(``tasks.build``), which reports its progress here; the file is kept until it is deleted and
served only to the person who asked for it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
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
        if self.kind == self.Kind.SCHOOL_YEAR:
            return f"{self.school.title} {self.year}"
        return f"{self.region.title} {self.starts_on} – {self.ends_on}"
