"""Alliances (联盟) and demonstration clusters (示范群): the guideline asks bureaus to pair
strong schools with weaker ones so that brands grow together, and to group alliances into
regional clusters that show the way. A school belongs to one alliance at most; the lead
school is a member of its own alliance and of no other."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class DemonstrationCluster(models.Model):
    region = models.ForeignKey(
        "pages.RegionPage", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("demonstration cluster")
        verbose_name_plural = _("demonstration clusters")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="alliance_cluster_name")
        ]

    def __str__(self):
        return self.name


class Alliance(ClusterableModel):
    region = models.ForeignKey(
        "pages.RegionPage",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The bureau that runs the alliance; its schools lie inside this region."),
    )
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    lead_school = models.OneToOneField(
        "pages.SchoolHomePage",
        verbose_name=_("lead school"),
        on_delete=models.PROTECT,
        related_name="led_alliance",
    )
    cluster = models.ForeignKey(
        DemonstrationCluster,
        verbose_name=_("demonstration cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alliances",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("alliance:detail", args=[self.pk])


class AllianceMember(models.Model):
    alliance = ParentalKey(Alliance, on_delete=models.CASCADE, related_name="members")
    school = models.OneToOneField(
        "pages.SchoolHomePage",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="alliance_membership",
    )

    class Meta:
        verbose_name = _("member school")
        verbose_name_plural = _("member schools")

    def __str__(self):
        return self.school.title
