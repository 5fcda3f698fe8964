"""The steps of an evaluation and who may take them, whatever screen they come from.

Each step checks the campaign's dates and the actor's role and raises ``Refused`` with a
message for the user; the admin screens and the public rating page only translate that
message into their response.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from plugins import api
from plugins.evaluation import honours, scoring
from plugins.evaluation.models import (
    DEFAULT_CRITERIA,
    DEFAULT_TIERS,
    Application,
    Award,
    AwardTier,
    Criterion,
    PublicRating,
    Rater,
    RatingChallenge,
    ReviewAssignment,
    ReviewScore,
    SelfAssessment,
)

# Ratings one address may give, and new raters it may be issued, in the window: enough for a
# school's network or a household behind one address, too few to stuff a ballot.
RATING_THROTTLE = 60
RATING_THROTTLE_WINDOW = timedelta(minutes=10)
NEW_RATERS_PER_ADDRESS = 30
NEW_RATER_WINDOW = timedelta(hours=1)
CHALLENGE_LIFETIME = timedelta(minutes=15)


class Refused(Exception):
    pass


def add_defaults(campaign):
    """The guideline's five criteria (20 % each) and three award tiers, for a campaign that
    was saved without its own."""
    if not campaign.criteria.exists():
        for order, name in enumerate(DEFAULT_CRITERIA):
            Criterion.objects.create(campaign=campaign, name=str(name), weight=20, sort_order=order)
    if not campaign.tiers.exists():
        for order, (name, places) in enumerate(DEFAULT_TIERS):
            AwardTier.objects.create(
                campaign=campaign, name=str(name), places=places, sort_order=order
            )


def _require_stage(campaign, stage, on, message):
    if campaign.stage(on) != stage:
        raise Refused(message)


def may_apply_for(user, school):
    return user.is_superuser or api.works_for_school_of(user, school)


def _check_application(campaign, school, user, on):
    _require_stage(
        campaign,
        "applying",
        on,
        _("Applications for “%(title)s” are accepted from %(open)s to %(close)s.")
        % {
            "title": campaign.title,
            "open": campaign.applications_open,
            "close": campaign.applications_close,
        },
    )
    if not school.path.startswith(campaign.region.path):
        raise Refused(
            _("Only schools inside %(region)s may apply.") % {"region": campaign.region.title}
        )
    if not may_apply_for(user, school):
        raise Refused(_("Only the school's own editors and moderators may apply for it."))


def _check_evidence(application, evidence):
    """The model's rules (its brand page), then the evidence: pages of the school."""
    try:
        application.clean()
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
    if any(not page.path.startswith(application.school.path) for page in evidence):
        raise Refused(_("Evidence must be pages of the applying school."))


@transaction.atomic
def apply(
    campaign, school, user, summary, scores, brand_page=None, evidence=(), attachments=(), on=None
):
    """A school's application with its self-assessment: ``scores`` maps each criterion's id
    to (score 0–100, narrative). One per school and campaign."""
    _check_application(campaign, school, user, on)
    application = Application(
        campaign=campaign, school=school, summary=summary, brand_page=brand_page, submitted_by=user
    )
    _check_evidence(application, evidence)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:  # the one-application-per-school constraint
        raise Refused(
            _("%(school)s has already applied to this campaign; edit that application instead.")
            % {"school": school.title}
        ) from error
    _save_details(application, scores, evidence, attachments)
    return application


@transaction.atomic
def update(
    application, user, summary, scores, brand_page=None, evidence=(), attachments=(), on=None
):
    """Changes an application; possible until applications close."""
    _check_application(application.campaign, application.school, user, on)
    application.brand_page = brand_page
    _check_evidence(application, evidence)
    if application.is_filed:
        api.audit(application, "yxyp.evaluation.reopen", user=user)
    application.summary = summary
    application.reopen()
    application.save()
    _save_details(application, scores, evidence, attachments)
    return application


@transaction.atomic
def sign_off(application, user, on=None):
    """The school's secretary files the application while applications are open (the rule
    of who may is the model's, Application.sign_off); logged with who and when."""
    _check_application(application.campaign, application.school, user, on)
    try:
        application.sign_off(user)
    except PermissionDenied as refusal:
        raise Refused(str(refusal)) from refusal
    api.audit(application, "yxyp.evaluation.sign_off", user=user)
    return application


def _check_scores(campaign, scores, missing):
    """``scores`` maps every criterion of the campaign, and only those, to 0–100."""
    if set(scores) != {criterion.pk for criterion in campaign.criteria.all()}:
        raise Refused(missing)
    if not all(0 <= score <= 100 for score in scores.values()):
        raise Refused(_("Scores are between 0 and 100."))


def _save_details(application, scores, evidence, attachments):
    _check_scores(
        application.campaign,
        {criterion_id: score for criterion_id, (score, _narrative) in scores.items()},
        _("Give a self-assessment score for every criterion."),
    )
    for criterion_id, (score, narrative) in scores.items():
        SelfAssessment.objects.update_or_create(
            application=application,
            criterion_id=criterion_id,
            defaults={"score": score, "narrative": narrative},
        )
    application.evidence.set(evidence)
    application.attachments.set(attachments)


def _keyed_hash(campaign, value):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{campaign.pk}:{value}".encode(), hashlib.sha256).hexdigest()


def _rater_hash(key):
    return hmac.new(settings.SECRET_KEY.encode(), f"rater:{key}".encode(), hashlib.sha256)


def _address_hash(address):
    """Counted by network: every address of an IPv6 /64 is one (api.network_of)."""
    network = api.network_of(address)
    return hmac.new(
        settings.SECRET_KEY.encode(), f"rater-address:{network}".encode(), hashlib.sha256
    ).hexdigest()


def new_challenge(now=None):
    """A fresh sum to answer; challenges past their lifetime are cleared on the way."""
    now = now or timezone.now()
    RatingChallenge.objects.filter(created_at__lt=now - CHALLENGE_LIFETIME).delete()
    return RatingChallenge.objects.create(
        key=secrets.token_urlsafe(32),
        first=10 + secrets.randbelow(40),
        second=1 + secrets.randbelow(9),
        created_at=now,
    )


def live_challenge(key, now=None):
    now = now or timezone.now()
    return RatingChallenge.objects.filter(
        key=str(key)[:43], created_at__gte=now - CHALLENGE_LIFETIME
    ).first()


def solve(key, answer, now=None):
    """Whether ``answer`` answers the challenge ``key``; either way the challenge is used up,
    so each guess costs a new one."""
    challenge = live_challenge(key, now)
    if challenge is None or RatingChallenge.objects.filter(pk=challenge.pk).delete()[0] == 0:
        return False
    return str(answer).strip() == str(challenge.answer)


def issue_rater(address, now=None):
    """A new rater key for a browser that has just answered a challenge, at most
    NEW_RATERS_PER_ADDRESS per address in NEW_RATER_WINDOW."""
    now = now or timezone.now()
    address_hash = _address_hash(address)
    forgotten = Rater.objects.filter(created_at__lt=now - timedelta(days=1))
    forgotten.exclude(address_hash="").update(address_hash="")
    recent = Rater.objects.filter(address_hash=address_hash, created_at__gte=now - NEW_RATER_WINDOW)
    if recent.count() >= NEW_RATERS_PER_ADDRESS:
        raise Refused(_("Too many new raters from your network just now. Please try again later."))
    key = secrets.token_urlsafe(24)
    Rater.objects.create(
        key_hash=_rater_hash(key).hexdigest(), address_hash=address_hash, created_at=now
    )
    return key


def known_rater(key):
    return bool(key) and Rater.objects.filter(key_hash=_rater_hash(key).hexdigest()).exists()


def check_rating(application, stars, now=None):
    """Refuses a rating that could not count whoever gives it: outside the campaign's public
    rating, or not one to five stars."""
    now = now or timezone.now()
    campaign = application.campaign
    if campaign.rehearsal:
        raise Refused(_("A rehearsal is not rated by the public."))
    _require_stage(
        campaign,
        "rating",
        timezone.localdate(now),
        _("Public rating of “%(title)s” runs from %(open)s to %(close)s.")
        % {
            "title": campaign.title,
            "open": campaign.applications_close + timedelta(days=1),
            "close": campaign.rating_close,
        },
    )
    if stars not in range(1, 6):
        raise Refused(_("Choose from one to five stars."))
    if not application.is_filed:
        raise Refused(_("This application was never signed off; it is not rated."))


def rate(application, stars, browser_token, address, now=None):
    """A rater's 1–5 stars, once per rater for each application, at most RATING_THROTTLE
    ratings per address in RATING_THROTTLE_WINDOW (many raters may share an address), only
    while the campaign's public rating runs."""
    now = now or timezone.now()
    check_rating(application, stars, now)
    if not browser_token:
        raise Refused(_("Your browser must accept cookies to rate."))
    campaign = application.campaign
    browser_hash, address_hash = (
        _keyed_hash(campaign, browser_token),
        _keyed_hash(campaign, api.network_of(address)),
    )
    recent = PublicRating.objects.filter(
        address_hash=address_hash, created_at__gte=now - RATING_THROTTLE_WINDOW
    )
    if recent.count() >= RATING_THROTTLE:
        raise Refused(_("Too many ratings from your network just now. Please try again later."))
    try:  # one rating per rater: the model's unique constraint
        with transaction.atomic():
            return PublicRating.objects.create(
                application=application,
                stars=stars,
                browser_hash=browser_hash,
                address_hash=address_hash,
                created_at=now,
            )
    except IntegrityError as error:
        raise Refused(
            _("You have already rated %(school)s.") % {"school": application.school.title}
        ) from error


def rated_by(campaign, browser_token):
    """The applications of ``campaign`` this browser has rated (shown as 已评)."""
    if not browser_token:
        return set()
    return set(
        PublicRating.objects.filter(
            application__campaign=campaign, browser_hash=_keyed_hash(campaign, browser_token)
        ).values_list("application_id", flat=True)
    )


def forget_raters(campaign):
    """Once rating has closed the limits need no memory of who rated: each rating's hashes
    become its own number, which identifies nobody and keeps the rows distinct."""
    marker = Cast("pk", output_field=CharField())
    PublicRating.objects.filter(application__campaign=campaign).update(
        browser_hash=marker, address_hash=marker
    )


def may_manage(user, campaign):
    return user.is_superuser or any(
        campaign.region.path.startswith(path) for path in api.region_paths(user, api.CURATOR)
    )


def assign(application, reviewer, by):
    """Gives an application to a reviewer of the campaign's panel; nobody reviews their own
    school (ReviewAssignment.clean, run whenever one is created)."""
    if not may_manage(by, application.campaign):
        raise Refused(_("Only the campaign's bureau assigns reviewers."))
    if not application.is_filed:
        raise Refused(_("Only applications signed off by their school's secretary are reviewed."))
    try:
        assignment, _created = ReviewAssignment.objects.get_or_create(
            application=application, reviewer=reviewer
        )
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
    return assignment


def assignments_of(user):
    """The reviews a reviewer was given, and only those."""
    return ReviewAssignment.objects.filter(reviewer=user).select_related(
        "application__campaign", "application__school"
    )


@transaction.atomic
def review(assignment, user, scores, comment, on=None):
    """A reviewer's score per criterion (0–100) and comment; possible from the close of
    applications until the review closes, and changeable until then."""
    campaign = assignment.application.campaign
    if assignment.reviewer_id != user.pk:
        raise Refused(_("This application was not assigned to you."))
    if campaign.stage(on) not in ("rating", "reviewing"):
        raise Refused(
            _("Reviews are given from %(open)s to %(close)s.")
            % {
                "open": campaign.applications_close + timedelta(days=1),
                "close": campaign.review_close,
            }
        )
    _check_scores(campaign, scores, _("Score every criterion."))
    for criterion_id, score in scores.items():
        ReviewScore.objects.update_or_create(
            assignment=assignment, criterion_id=criterion_id, defaults={"score": score}
        )
    assignment.comment = comment
    assignment.submitted_at = timezone.now()
    assignment.save()
    return assignment


@transaction.atomic
def publish_results(campaign, by, on=None):
    """Fixes ranks, totals and awards once the review has closed, and features the awarded
    schools' live brand pages on the campaign region's portal (as far as its limit of
    featured works allows). Returns (results, names of brands that could not be featured)."""
    if not may_manage(by, campaign):
        raise Refused(_("Only the campaign's bureau publishes its results."))
    if campaign.rehearsal:
        raise Refused(_("A rehearsal's results are never published; they stay on this desk."))
    _require_stage(
        campaign, "closed", on, _("Results can be published once the review has closed.")
    )
    rows = scoring.results(campaign)
    if scoring.provisional(rows):
        raise Refused(
            _("The results are provisional until every review (and inspection) is in: %(names)s.")
            % {"names": "、".join(row.application.school.title for row in rows if row.pending)}
        )
    forget_raters(campaign)
    Award.objects.filter(application__campaign=campaign).delete()
    Award.objects.bulk_create(
        Award(application=row.application, rank=row.rank, total=row.total, tier=row.tier)
        for row in rows
    )
    not_featured = []
    for row in rows:
        brand = row.application.brand_page
        if not row.tier or brand is None or not brand.live:
            continue
        try:
            api.feature(
                campaign.region,
                brand,
                f"{campaign.title} · {row.tier}",
                sort_order=row.rank,
                user=by,
            )
        except ValidationError:
            not_featured.append(brand.title)
    campaign.results_published_at = timezone.now()
    campaign.save(update_fields=["results_published_at"])
    awarded = [row.application.school.title for row in rows if row.tier]
    api.audit(
        campaign,
        "yxyp.evaluation.publish",
        user=by,
        data={"awarded": awarded, "not_featured": not_featured},
    )
    brands = [row.application.brand_page_id for row in rows if row.application.brand_page_id]
    api.reindex(brands)  # awards are a search facet of the brand pages (search.py)
    honours.refresh_schools(row.application for row in rows if row.tier)
    return rows, not_featured
