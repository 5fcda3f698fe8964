"""Moving a campaign through its stages by an explicit act of its bureau: open the
self-assessment, close a stage (the next begins at once), or extend a stage to a new day.

The dates stay the record of the procedure (``Campaign.stage`` reads them): each act sets
them consistently and is written to Wagtail's log. A closed stage ends the day before the
act, so the next stage runs from the day the bureau closed it; an extension moves the later
stages by as many days, keeping their length.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plugins import api
from plugins.evaluation.models import LAST_DAY, Campaign
from plugins.evaluation.procedure import Refused

# Each stage and the date on which it ends, in the procedure's order.
ENDS = {
    "applying": "applications_close",
    "rating": "rating_close",
    "reviewing": "review_close",
}
LATER = ["applications_close", "rating_close", "review_close"]
LABELS = {
    "upcoming": gettext_lazy("Not yet open"),
    "applying": gettext_lazy("Self-assessment"),
    "rating": gettext_lazy("Public rating"),
    "reviewing": gettext_lazy("Superior review"),
    "closed": gettext_lazy("Finished"),
}
OPEN, CLOSE, EXTEND = (
    "yxyp.evaluation.stage_open",
    "yxyp.evaluation.stage_close",
    "yxyp.evaluation.stage_extend",
)


def may_run(user, campaign):
    """The bureau of the campaign's own region, as its admin screens are scoped: a curator of
    another region (above or beside) does not move its stages."""
    return api.RegionCuratorPolicy(Campaign).user_has_permission_for_instance(
        user, "change", campaign
    )


def _check(user, campaign, stages, on):
    if not may_run(user, campaign):
        raise Refused(_("Only the bureau of the campaign's region moves its stages."))
    stage = campaign.stage(on)
    if stage not in stages:
        raise Refused(
            _("“%(title)s” is at the stage “%(stage)s”, where this cannot be done.")
            % {"title": campaign, "stage": LABELS[stage]}
        )
    return stage


def _save(campaign, user, action, data, fields):
    """Saves the new dates if the campaign's rules accept them (the yearly evaluation's
    1 July, say) and logs the act."""
    try:
        campaign.full_clean(exclude=["reviewers"])
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
    campaign.save(update_fields=fields)
    api.audit(campaign, action, user=user, data=data)
    return campaign


@transaction.atomic
def open_applications(campaign, user, on=None):
    """Schools may apply and assess themselves from today."""
    on = on or timezone.localdate()
    _check(user, campaign, ("upcoming",), on)
    campaign.applications_open = on
    data = {"stage": "applying", "date": on.isoformat()}
    return _save(campaign, user, OPEN, data, ["applications_open"])


@transaction.atomic
def close_stage(campaign, user, on=None):
    """The current stage ended yesterday; the next (or the end of the procedure) is today's."""
    on = on or timezone.localdate()
    stage = _check(user, campaign, tuple(ENDS), on)
    end = on - timedelta(days=1)
    setattr(campaign, ENDS[stage], end)
    fields = [ENDS[stage]]
    if campaign.applications_open > end:  # opened and closed on the same day
        campaign.applications_open = end
        fields.append("applications_open")
    data = {"stage": stage, "date": end.isoformat()}
    return _save(campaign, user, CLOSE, data, fields)


@transaction.atomic
def extend_stage(campaign, user, until, on=None):
    """The current stage runs until ``until``; the later stages move by as many days."""
    on = on or timezone.localdate()
    stage = _check(user, campaign, tuple(ENDS), on)
    field = ENDS[stage]
    previous = getattr(campaign, field)
    if until <= previous:
        raise Refused(
            _("An extension runs past the stage's present end, %(end)s.") % {"end": previous}
        )
    shift = until - previous
    fields = LATER[LATER.index(field) :]
    for name in fields:
        setattr(campaign, name, later(getattr(campaign, name), shift))
    data = {"stage": stage, "from": previous.isoformat(), "date": until.isoformat()}
    return _save(campaign, user, EXTEND, data, fields)


def later(day, shift):
    """``day`` moved by ``shift``, refused past the calendar's last day (which a row stored
    before the campaign's days were bounded may already hold)."""
    try:
        return day + shift
    except OverflowError as error:
        raise Refused(
            _("The stages would run past %(last)s; choose an earlier day.")
            % {"last": LAST_DAY.isoformat()}
        ) from error


def actions(campaign, on=None):
    """What the bureau may do at the campaign's stage today, for its screen."""
    stage = campaign.stage(on)
    if stage == "upcoming":
        return {"open": True, "close": False, "extend": False}
    return {"open": False, "close": stage in ENDS, "extend": stage in ENDS}
