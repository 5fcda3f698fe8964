"""The on-site inspection (实地考查) of an application and who may record it.

The guideline's superior review combines "评审材料和实地考查": the bureau of the campaign's
region sends a few of its staff (and experts without an account) to the school, and records
what they found and a score. The curators of that region and the campaign's reviewers record
it, never anyone who works for the school inspected; the members named are the bureau staff
of the campaign's region and below, as for reviewers.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from plugins import api
from plugins.evaluation.models import Inspection
from plugins.evaluation.procedure import Refused, may_manage


def may_inspect(user, campaign):
    return may_manage(user, campaign) or campaign.reviewers.filter(pk=user.pk).exists()


def possible_members(campaign):
    """The people an inspection may name: the bureau staff of the campaign's region."""
    regions = api.RegionPage.objects.filter(pk=campaign.region_id)
    return api.people_of(regions, api.REGION_ROLES)


@transaction.atomic
def record(application, user, date, findings, score, members=(), other_members="", on=None):
    """Records (or corrects) the application's inspection while the superior review runs."""
    campaign = application.campaign
    if not may_inspect(user, campaign) or api.works_for_school_of(user, application.school):
        raise Refused(
            _("Only the bureau of %(region)s and the campaign's reviewers record inspections.")
            % {"region": campaign.region.title}
        )
    if not application.is_filed:
        raise Refused(_("Only applications signed off by their school's secretary are reviewed."))
    if campaign.stage(on) not in ("rating", "reviewing"):
        raise Refused(
            _("Inspections are recorded from the close of applications until %(close)s.")
            % {"close": campaign.review_close}
        )
    if not 0 <= score <= 100:
        raise Refused(_("Scores are between 0 and 100."))
    members = list(members)
    allowed = set(possible_members(campaign).values_list("pk", flat=True))
    if outside := [person for person in members if person.pk not in allowed]:
        raise Refused(
            _(
                "Members are the bureau staff of the campaign's region, which these are not: "
                "%(names)s."
            )
            % {"names": "、".join(api.name_of(person) for person in outside)}
        )
    inspection, _created = Inspection.objects.update_or_create(
        application=application,
        defaults={
            "date": date,
            "findings": findings,
            "score": score,
            "other_members": other_members,
            "recorded_by": user,
        },
    )
    inspection.members.set(members)
    api.audit(application, "yxyp.evaluation.inspection", user=user, data={"score": score})
    return inspection
