"""Liaison points (联系点): the guideline asks each bureau to link its members to one or two
schools, to meet them monthly, hold a seminar each quarter and sum up each year, and to see
that what they agree is done. A link names the member and the school; a supervision record
one meeting or visit, with its notes and an attachment; its follow-ups who does what by when.

A member is an account or, for the committee members who never sign in, a name with their
post; a follow-up's owner is one of the people of the link's region.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from plugins import api

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
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="liaison_links",
        help_text=_("A member with an account; or leave empty and type the name below."),
    )
    member_name = models.CharField(
        _("member's name"),
        max_length=40,
        blank=True,
        help_text=_("A committee member without an account: their name, in Chinese order."),
    )
    member_post = models.CharField(
        _("post and unit"),
        max_length=80,
        blank=True,
        help_text=_("E.g. member of the education working committee, county education bureau."),
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
            models.UniqueConstraint(fields=["member", "school"], name="liaison_link_once"),
            models.UniqueConstraint(
                fields=["region", "member_name", "school"],
                condition=Q(member__isnull=True),
                name="liaison_named_link_once",
                violation_error_message=_("This member is linked to this school already."),
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False, member_name="")
                | Q(member__isnull=True) & ~Q(member_name=""),
                name="liaison_link_account_or_name",
            ),
        ]

    def __str__(self):
        return f"{self.member_label} → {self.school.title}"

    @property
    def member_label(self):
        """The member as shown: an account by name, a named member with their post."""
        if self.member_id:
            return api.name_of(self.member)
        return f"{self.member_name}（{self.member_post}）" if self.member_post else self.member_name

    def same_member(self):
        """The member's other links: the same account, or the same name in the same region."""
        if self.member_id:
            links = LiaisonLink.objects.filter(member_id=self.member_id)
        else:
            links = LiaisonLink.objects.filter(
                member__isnull=True, member_name=self.member_name, region_id=self.region_id
            )
        return links.exclude(pk=self.pk)

    def clean(self):
        errors = {}
        self.member_name = self.member_name.strip()
        if self.member_id and self.member_name:
            errors["member_name"] = _(
                "Choose an account or type a name, not both: a member is one person."
            )
        elif not self.member_id and not self.member_name:
            errors["member"] = _("Choose a member's account, or type the name of one without.")
        inside = self.region_id and self.school_id
        if inside and not self.school.path.startswith(self.region.path):
            errors["school"] = _("Choose a school inside %(region)s.") % {
                "region": self.region.title
            }
        if not errors:
            others = self.same_member()
            if others.count() >= MAX_SCHOOLS:
                names = "、".join(link.school.title for link in others.select_related("school"))
                errors["member" if self.member_id else "member_name"] = _(
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
    topic = models.CharField(_("topic"), max_length=120, blank=True)
    participants = models.CharField(
        _("participants"),
        max_length=200,
        blank=True,
        help_text=_("Who took part besides the bureau member, e.g. the school's secretary."),
    )
    notes = models.TextField(_("findings and notes"), blank=True)
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

    def twins(self):
        """Other records of the same meeting: same liaison point, kind and date. Recording one
        twice is usually a slip, though two visits on one day are possible, so the form asks."""
        return SupervisionRecord.objects.filter(
            link_id=self.link_id, kind=self.kind, held_on=self.held_on
        ).exclude(pk=self.pk)

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

    def clean(self):
        """The owner is one of the people of the liaison point's region: its bureau's staff or
        the staff of a school inside it."""
        try:
            region = self.record.link.region
        except ObjectDoesNotExist:
            return  # the record's own form reports its missing liaison point
        people = api.people_of(api.RegionPage.objects.filter(pk=region.pk))
        if self.owner_id and not people.filter(pk=self.owner_id).exists():
            raise ValidationError({"owner": owner_outside(region)})

    @property
    def owner_name(self):
        return api.name_of(self.owner)

    @property
    def status(self):
        if self.done_on:
            return _("Done on %(date)s") % {"date": self.done_on.isoformat()}
        if self.due_on < api.exports.today():
            return _("Overdue")
        return _("Open")


def owner_outside(region):
    return _(
        "Choose the owner among the people of %(region)s: its bureau's staff or the staff of "
        "its schools."
    ) % {"region": region.title}
