"""Submissions (报送) up the region tree, and the e-mails that tell people to act.

A school editor or moderator submits a published column post, activity report or case to the
school's county. The county's curators adopt it (采用), decline it with a reason, or adopt
and forward it to the city, which may do the same towards the province. Every transition is
checked here, so the admin views, the API and tests share one state machine.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from curation.models import Submission
from pages.models import (
    ActivityReportPage,
    ColumnPostPage,
    ExemplarCasePage,
    RegionPage,
    SchoolHomePage,
    canonical,
)
from pages.visibility import public
from schools import roles

Status = Submission.Status
ACCEPT, DECLINE, FORWARD, WITHDRAW = "accept", "decline", "forward", "withdraw"


def can_decide(user, submission):
    return (
        user.is_superuser
        or roles.regions_of(user, roles.CURATOR).filter(pk=submission.region_id).exists()
    )


def can_withdraw(user, submission):
    return user.is_superuser or roles.schools_of(user).filter(pk=submission.school_id).exists()


# action -> (statuses it starts from, status it leads to, who may take it)
TRANSITIONS = {
    ACCEPT: ((Status.PENDING,), Status.ACCEPTED, can_decide),
    DECLINE: ((Status.PENDING,), Status.DECLINED, can_decide),
    FORWARD: ((Status.PENDING, Status.ACCEPTED), Status.FORWARDED, can_decide),
    WITHDRAW: ((Status.PENDING,), Status.WITHDRAWN, can_withdraw),
}


class CurationError(Exception):
    """A refused action; the message tells the user why and what to do instead."""


def _refuse(message, **values):
    raise CurationError(message % values if values else message)


@transaction.atomic
def submit(page, user, note=""):
    """Submit a school's published work to the school's own region (its county). An English
    edition is the same work: its Chinese page is what is submitted, from the school itself
    (the edition's home page lies in an English tree no bureau curates)."""
    page = page.specific
    if page.locale.language_code != settings.LANGUAGE_CODE:
        page = page.get_translation(page.locale.get_default()).specific
    if page._meta.model_name not in Submission.SUBMITTABLE:
        _refuse(_("Only column posts, activity reports and exemplar cases can be submitted."))
    school = SchoolHomePage.objects.containing(page).first()
    if school is None or not (user.is_superuser or roles.works_for_school_of(user, page)):
        _refuse(_("You can only submit work of your own school."))
    if not page.live or page.get_view_restrictions().exists():
        _refuse(_("Publish the page for everyone before submitting it."))
    region = school.get_parent().specific
    if Submission.objects.filter(page=page, region=region, status__in=Submission.OPEN).exists():
        _refuse(_("This work has already been submitted to %(region)s."), region=region.title)
    submission = Submission.objects.create(
        page=page, school=school, region=region, note=note, submitted_by=user
    )
    log(submission, "yxyp.submission.submit", user=user, data={"region": region.title})
    _notify_curators(submission)
    return submission


def _next_level(region):
    """The region a submission is forwarded to, or None above the province."""
    return RegionPage.objects.parent_of(region).first()


def pending_for(user):
    """Submissions waiting for a decision of the regions ``user`` curates."""
    regions = roles.regions_of(user, roles.CURATOR)
    return Submission.objects.filter(region__in=regions, status=Status.PENDING)


def submittable_pages(user):
    """The published, public column posts, activity reports and cases of the user's schools,
    newest first, each with ``open_submission`` (True while one is pending or adopted)."""
    within = roles.below(roles.school_paths(user)) if not user.is_superuser else Q()
    if within is None:
        return Page.objects.none()
    pages = public(
        canonical(Page.objects.live())  # an English edition is its Chinese page's work
        .type(ColumnPostPage, ActivityReportPage, ExemplarCasePage)
        .filter(within)
    )
    open_ones = Submission.objects.filter(page=OuterRef("pk"), status__in=Submission.OPEN)
    return pages.annotate(open_submission=Exists(open_ones)).order_by("-last_published_at", "-pk")


def allowed_actions(user, submission):
    """The actions this user may take on this submission now."""
    actions = []
    for action, (sources, _target, allowed) in TRANSITIONS.items():
        if submission.status not in sources:
            continue
        if action == FORWARD and _next_level(submission.region) is None:
            continue
        if allowed(user, submission):
            actions.append(action)
    return actions


@transaction.atomic
def decide(submission, user, action, reason=""):
    """Apply one transition; returns the forwarded submission when forwarding, else None."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if action not in TRANSITIONS:
        _refuse(_("Unknown action “%(action)s”."), action=action)
    sources, target, allowed = TRANSITIONS[action]
    if submission.status not in sources:
        _refuse(
            _("A submission that is “%(status)s” cannot be changed that way."),
            status=submission.get_status_display(),
        )
    if not allowed(user, submission):
        _refuse(_("You may not act on submissions to %(region)s."), region=submission.region.title)
    reason = reason.strip()
    if action == DECLINE and not reason:
        _refuse(_("Give the school a reason when declining."))
    forwarded = None
    if action == FORWARD:
        parent = _next_level(submission.region)
        if parent is None:
            _refuse(
                _("%(region)s is the top of the tree: adopt it instead."),
                region=submission.region.title,
            )
        forwarded = Submission.objects.create(
            page_id=submission.page_id,
            school_id=submission.school_id,
            region=parent,
            forwarded_from=submission,
            note=submission.note,
            submitted_by=user,
        )
    submission.status = target
    submission.reason = reason
    submission.decided_by = user if action != WITHDRAW else submission.decided_by
    submission.decided_at = timezone.now()
    submission.save()
    log(submission, "yxyp.submission.decide", user=user, data={"action": action, "reason": reason})
    _notify_school(submission)
    if forwarded is not None:
        _notify_curators(forwarded)
    return forwarded


def adoption_counts(region, year=None):
    """Adopted submissions per school and year at this region's level:
    ``[{"school": id, "school__title": …, "year": …, "adopted": n}]``."""
    queryset = Submission.objects.filter(region=region, status__in=Submission.ADOPTED)
    if year:
        queryset = queryset.filter(year=year)
    return list(
        queryset.values("school", "school__title", "year")
        .annotate(adopted=Count("pk"))
        .order_by("-year", "-adopted", "school__title")
    )


# Notifications


def _emails(group_id):
    """Addresses of the active members of one Group (none without a Group)."""
    if group_id is None:
        return []
    return list(
        get_user_model()
        .objects.filter(groups=group_id, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _send(subject, body, recipients):
    if recipients:
        send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)])


def _notify_curators(submission):
    region = submission.region
    values = {
        "school": submission.school.title,
        "title": submission.page.title,
        "region": region.title,
    }
    _send(
        _("New submission from %(school)s") % values,
        _("%(school)s submitted “%(title)s” to %(region)s.") % values
        + " "
        + _("Decide on it in the admin under Submissions."),
        _emails(region.curator_group_id),
    )


def _notify_school(submission):
    """The school's moderators and whoever first submitted the work hear every decision."""
    origin = submission
    while origin.forwarded_from_id:
        origin = origin.forwarded_from
    recipients = set(_emails(submission.school.moderator_group_id))
    if origin.submitted_by and origin.submitted_by.email:
        recipients.add(origin.submitted_by.email)
    values = {
        "region": submission.region.title,
        "title": submission.page.title,
        "status": submission.get_status_display(),
    }
    _send(
        _("Submission %(status)s: %(title)s") % values,
        "\n\n".join(
            filter(
                None,
                [_("%(region)s: “%(title)s” is now “%(status)s”.") % values, submission.reason],
            )
        ),
        sorted(recipients),
    )
