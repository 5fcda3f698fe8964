"""What bureaus do with their schools' work: featuring it on a portal, and the submissions
(报送) schools send up the region tree. Both point at the school's own page, never a copy."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def today():
    return timezone.localdate()


def this_year():
    return today().year


class FeatureQuerySet(models.QuerySet):
    def active(self, on=None):
        """Features showing on a portal today: inside their dates, of a live public page."""
        on = on or today()
        return self.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on, page__live=True
        )


class Feature(models.Model):
    """A school's brand or exemplar case a bureau curator lifts onto the region's portal."""

    FEATURABLE = ("brandpage", "exemplarcasepage")
    MAX_ACTIVE = 12

    region = models.ForeignKey(
        "pages.RegionPage",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="features",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("brand or case"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(
        _("reason"), max_length=200, help_text=_("Why this work is featured, shown with it.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first.")
    )
    starts_on = models.DateField(_("start date"), default=today)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, editable=False, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeatureQuerySet.as_manager()

    class Meta:
        db_table = "pages_feature"  # its table from before the curation app
        verbose_name = _("featured work")
        verbose_name_plural = _("featured work")
        ordering = ["sort_order", "-starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "page"], name="feature_once_per_region")
        ]

    def __str__(self):
        return f"{self.region.title}: {self.page.title}"

    def _work(self):
        """The featured brand or case as the admin names it: brand or title, and school."""
        return self.page.specific.get_admin_display_title()

    _work.short_description = _("featured work")
    work = property(_work)

    def clean(self):
        """A region features only brands and cases of its own schools, a limited number at
        a time, so the portal stays a selection rather than a second listing."""
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date cannot be before the start date.")
        if self.page_id and self.region_id:
            if self.page.specific_class._meta.model_name not in self.FEATURABLE:
                errors["page"] = _(
                    "Only a school's brand page or an exemplar case can be featured."
                )
            elif not self.page.path.startswith(self.region.path):
                errors["page"] = _(
                    "Only work of schools inside %(region)s can be featured here."
                ) % {"region": self.region.title}
        if self.region_id and self.starts_on and "ends_on" not in errors:
            overlapping = Feature.objects.filter(region_id=self.region_id).exclude(pk=self.pk)
            overlapping = overlapping.filter(
                Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on)
            )
            if self.ends_on:
                overlapping = overlapping.filter(starts_on__lte=self.ends_on)
            if overlapping.count() >= self.MAX_ACTIVE:
                errors["starts_on"] = _(
                    "%(region)s already features %(count)d works in these dates: end one first."
                ) % {"region": self.region.title, "count": self.MAX_ACTIVE}
        if errors:
            raise ValidationError(errors)


class Submission(models.Model):
    """One school work submitted to one region's bureau, and what the bureau decided.

    Forwarding creates the next submission one level up (``forwarded_from`` links them), so
    each level keeps its own decision and the chain reads from school to province.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        ACCEPTED = "accepted", _("Adopted")
        FORWARDED = "forwarded", _("Adopted and forwarded")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ADOPTED = (Status.ACCEPTED, Status.FORWARDED)
    OPEN = (Status.PENDING, Status.ACCEPTED, Status.FORWARDED)
    SUBMITTABLE = ("columnpostpage", "activityreportpage", "exemplarcasepage")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("submitted work"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    school = models.ForeignKey(
        "pages.SchoolHomePage",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="school_submissions",
    )
    region = models.ForeignKey(
        "pages.RegionPage",
        verbose_name=_("submitted to"),
        on_delete=models.CASCADE,
        related_name="region_submissions",
    )
    forwarded_from = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forwarded_to",
        verbose_name=_("forwarded from"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    note = models.TextField(_("note"), blank=True)
    reason = models.TextField(_("decision comment"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), default=this_year)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        db_table = "pages_submission"  # its table from before the curation app
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "region"],
                condition=Q(status__in=["pending", "accepted", "forwarded"]),
                name="submission_open_once_per_region",
            )
        ]
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(fields=["school", "year"]),
        ]

    def __str__(self):
        return f"{self.page.title} → {self.region.title}"
