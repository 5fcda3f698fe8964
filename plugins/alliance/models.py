"""Alliances (联盟) and demonstration clusters (示范群): the guideline asks bureaus to pair
strong schools with weaker ones ("强弱结合，以强带弱") so that brands grow together, and to
group alliances into regional clusters that show the way. Each member is marked as the lead
(the strong school, exactly one per alliance) or a supported school; a school may be in
several alliances, once in each."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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

    @property
    def lead(self):
        """The lead member, read from the members (prefetch them to list many alliances)."""
        return next((m for m in self.members.all() if m.role == AllianceMember.Role.LEAD), None)

    def check_members(self, members):
        """The rule of an alliance's members (unsaved ones included, as a form has them):
        exactly one lead, each school once, every school inside the alliance's region."""
        errors = []
        leads = [member for member in members if member.role == AllianceMember.Role.LEAD]
        if len(leads) != 1:
            errors.append(
                _("Mark exactly one member as the lead school; %(count)s are marked.")
                % {"count": len(leads)}
            )
        schools = [member.school for member in members]
        twice = {school.title for school in schools if schools.count(school) > 1}
        if twice:
            errors.append(
                _("List each school once: %(schools)s.") % {"schools": "、".join(sorted(twice))}
            )
        if self.region_id:
            outside = [s.title for s in schools if not s.path.startswith(self.region.path)]
            if outside:
                errors.append(
                    _("These schools are outside %(region)s: %(schools)s.")
                    % {"region": self.region.title, "schools": "、".join(outside)}
                )
        if errors:
            raise ValidationError(errors)


class AllianceMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead school (strong school)")
        SUPPORTED = "supported", _("Supported school")

    alliance = ParentalKey(Alliance, on_delete=models.CASCADE, related_name="members")
    school = models.ForeignKey(
        "pages.SchoolHomePage",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="alliance_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SUPPORTED)

    class Meta:
        verbose_name = _("member school")
        verbose_name_plural = _("member schools")
        constraints = [
            models.UniqueConstraint(fields=["alliance", "school"], name="alliance_member_once"),
            models.UniqueConstraint(
                fields=["alliance"], condition=Q(role="lead"), name="alliance_one_lead"
            ),
        ]

    def __str__(self):
        return self.school.title
