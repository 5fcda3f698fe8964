"""What a site says of itself (who runs it, in the footer; its banner picture), and the days
its pages are shown in grey.

Cities and counties are not Sites of their own (they are pages of the provincial portal), and
Wagtail's site-settings screen lets anyone holding the permission pick any Site, which would let
one school's staff edit another's footer. So the footer's facts live on the root page of each
region and school, edited by whoever may edit that page, and a school inherits every fact it
leaves empty from the regions above it (pages.identity).
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField


class SiteIdentity(models.Model):
    organiser = models.CharField(
        _("organiser"),
        max_length=100,
        blank=True,
        help_text=_("The unit that sponsors the site. Empty: the value of the region above."),
    )
    operator = models.CharField(
        _("operator"),
        max_length=100,
        blank=True,
        help_text=_("The unit that runs the site, if another than the sponsor."),
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("Address and phone shown in the footer."),
    )
    icp_number = models.CharField(
        _("ICP filing number"),
        max_length=50,
        blank=True,
        help_text=_("The ICP filing number as issued; links to the filing lookup."),
    )
    police_number = models.CharField(
        _("public security filing number"),
        max_length=50,
        blank=True,
        help_text=_("The public security filing number as issued."),
        validators=[
            RegexValidator(r"\d{6,}", _("The number must contain the digits of the record."))
        ],
    )
    site_code = models.CharField(
        _("site identification code"),
        max_length=20,
        blank=True,
        help_text=_("A government site's identification code, ten characters."),
        validators=[
            RegexValidator(r"^[0-9A-Za-z]{10}$", _("Enter the ten-character identification code."))
        ],
    )

    banner = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("banner picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide photo of your own shown at the top of the home page."),
    )

    # Registration numbers are the same in every language: an English edition copies them
    # from its Chinese page instead of offering them to the translator.
    override_translatable_fields = [
        SynchronizedField("icp_number"),
        SynchronizedField("police_number"),
        SynchronizedField("site_code"),
    ]

    IDENTITY_FIELDS = (
        "organiser",
        "operator",
        "contact",
        "icp_number",
        "police_number",
        "site_code",
    )
    identity_panels = [FieldPanel(name) for name in IDENTITY_FIELDS]

    class Meta:
        abstract = True


class MourningQuerySet(models.QuerySet):
    def active(self, regions, on=None):
        """Periods covering ``on`` (today) that apply to the platform or to one of ``regions``,
        in any language: a period is set on a region's Chinese page, and an English page's
        regions are that page's editions (the same ``translation_key``)."""
        on = on or timezone.localdate()
        keys = Page.objects.filter(pk__in=[region.pk for region in regions]).values(
            "translation_key"
        )
        return self.filter(
            Q(region__isnull=True) | Q(region__translation_key__in=keys),
            starts_on__lte=on,
            ends_on__gte=on,
        )


class MourningPeriod(models.Model):
    """Days of national or local mourning: every public page of the platform (no region) or of
    a region's portal and schools is shown in greyscale from the first to the last day."""

    region = models.ForeignKey(
        "pages.RegionPage",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mourning_periods",
        help_text=_("Empty: the whole platform."),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    note = models.CharField(_("occasion"), max_length=200)

    objects = MourningQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("mourning period")
        verbose_name_plural = _("mourning periods")

    def __str__(self):
        return f"{self.note} ({self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})
