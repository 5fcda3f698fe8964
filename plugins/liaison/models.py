"""Liaison points (联系点): the guideline asks each bureau to link its members to one or two
schools, to meet them monthly, hold a seminar each quarter and sum up each year, and to see
that what they agree is done. A link names the member and the school; a supervision record
one meeting or visit, with its notes and an attachment; its follow-ups who does what by when.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

MAX_SCHOOLS = 2  # the guideline: each member is linked to one or two schools
MAX_ATTACHMENT = 20 * 1024 * 1024


class LiaisonLink(models.Model):
    region = models.ForeignKey(
        "pages.RegionPage",
        verbose_name=_("bureau"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The region whose bureau the member works for; the school lies inside it."),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bureau member"),
        on_delete=models.CASCADE,
        related_name="liaison_links",
    )
    school = models.ForeignKey(
        "pages.SchoolHomePage",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="liaison_links",
    )
    since = models.DateField(_("linked since"), default=timezone.localdate)

    class Meta:
        ordering = ["school__path"]
        verbose_name = _("liaison point")
        verbose_name_plural = _("liaison points")
        constraints = [
            models.UniqueConstraint(fields=["member", "school"], name="liaison_link_once")
        ]

    def __str__(self):
        return f"{self.member.get_full_name() or self.member.get_username()} → {self.school.title}"

    def clean(self):
        errors = {}
        inside = self.region_id and self.school_id
        if inside and not self.school.path.startswith(self.region.path):
            errors["school"] = _("Choose a school inside %(region)s.") % {
                "region": self.region.title
            }
        if self.member_id:
            others = LiaisonLink.objects.filter(member_id=self.member_id).exclude(pk=self.pk)
            if others.count() >= MAX_SCHOOLS:
                names = "、".join(link.school.title for link in others.select_related("school"))
                errors["member"] = _(
                    "A member is linked to at most two schools; this one already has %(schools)s."
                ) % {"schools": names}
        if errors:
            raise ValidationError(errors)


class SupervisionRecord(ClusterableModel):
    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Monthly exchange")
        QUARTERLY = "quarterly", _("Quarterly seminar")
        ANNUAL = "annual", _("Annual summary")
        VISIT = "visit", _("On-site visit")

    link = models.ForeignKey(
        LiaisonLink,
        verbose_name=_("liaison point"),
        on_delete=models.CASCADE,
        related_name="records",
    )
    # The link's region, kept here so the curators' permission policy can scope records.
    region = models.ForeignKey(
        "pages.RegionPage", on_delete=models.CASCADE, related_name="+", editable=False
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("date"), default=timezone.localdate)
    notes = models.TextField(_("notes"), blank=True)
    # A file of the bureau's own, not a school's media: served only through the records'
    # permission-checked download view, never from /media/.
    attachment = models.FileField(
        _("attachment"),
        upload_to="liaison/%Y/%m/",
        blank=True,
        validators=[
            FileExtensionValidator(["pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png"])
        ],
        help_text=_("PDF, Word, Excel or a photo, up to 20 MB."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("supervision record")
        verbose_name_plural = _("supervision records")
        indexes = [models.Index(fields=["link", "kind", "held_on"])]

    def __str__(self):
        return f"{self.link.school.title} · {self.get_kind_display()} · {self.held_on}"

    def clean(self):
        if self.attachment and self.attachment.size > MAX_ATTACHMENT:
            raise ValidationError({"attachment": _("The file is larger than 20 MB.")})

    def save(self, *args, **kwargs):
        self.region_id = self.link.region_id
        super().save(*args, **kwargs)


class FollowUp(models.Model):
    record = ParentalKey(SupervisionRecord, on_delete=models.CASCADE, related_name="follow_ups")
    task = models.CharField(_("what is to be done"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="liaison_follow_ups",
    )
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["done_on", "due_on"])]

    def __str__(self):
        return self.task
