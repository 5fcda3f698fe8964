"""Alliances on region portals and on their schools' home pages (pages.sections), and the
alliance sheet of a ledger (the ``ledger_sheets`` contract)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from wagtail import hooks

from plugins import api
from plugins.alliance import views
from plugins.alliance.models import AllianceMember

hooks.register("region_portal_sections", views.portal_section)
hooks.register("school_home_sections", views.school_section)


@hooks.register("ledger_sheets")
def alliance_sheet(schools, year):
    """One row per alliance a ledger's school is in, with its role and partners. Alliances
    have no dates: the sheet shows the memberships as they stand when the ledger is made."""
    memberships = (
        AllianceMember.objects.filter(school__in=[school.pk for school in schools])
        .select_related("school", "alliance__region", "alliance__cluster")
        .prefetch_related(
            Prefetch(
                "alliance__members",
                queryset=AllianceMember.objects.select_related("school").order_by(
                    "role", "school__path"
                ),
            )
        )
        .order_by("school__path", "alliance__name")
    )
    rows = [
        [
            membership.school.title,
            membership.alliance.name,
            membership.get_role_display(),
            membership.alliance.region.title,
            membership.alliance.cluster.name if membership.alliance.cluster else "",
            "、".join(
                f"{other.school.title}（{other.get_role_display()}）"
                for other in membership.alliance.members.all()
                if other.school_id != membership.school_id
            ),
        ]
        for membership in memberships
    ]
    headers = [
        _("School"),
        _("Alliance"),
        _("Role"),
        _("Bureau"),
        _("Demonstration cluster"),
        _("Partner schools"),
    ]
    return [api.exports.Sheet(_("Alliances"), headers, rows, order=85)]
