"""The public side of a campaign: the applications to rate while rating runs, the awards once
published."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Avg, Count, Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from plugins import api
from plugins.evaluation import procedure
from plugins.evaluation.challenge import png, question
from plugins.evaluation.models import Application, Award, Campaign
from plugins.evaluation.notices import public_notice

RATER_COOKIE = "yxyp_rater"
RATER_SALT = "yxyp.evaluation.rater"
RATER_COOKIE_AGE = 366 * 24 * 3600


def _public_brand(brand_page_id):
    """Whether the brand page named by the outer row is one visitors may open."""
    brands = api.BrandPage.objects.live().filter(pk=OuterRef(brand_page_id))
    return Exists(api.public_pages(brands))


def _with_brands(rows, application_of):
    """Each row's ``brand``: its application's brand page if live and public, else None."""
    rows = list(rows)
    for row in rows:
        row.brand = application_of(row).brand_page if row.brand_public else None
    return rows


def campaign_page(request, pk):
    """A rehearsal has no public page. An application's brand (its name, logo and link) is
    shown only when its page is live and public, else the school's name alone: a brand page
    behind a password or unpublished stays unnamed."""
    campaign = get_object_or_404(
        Campaign.objects.public().select_related("region", "notice__collection"), pk=pk
    )
    stage = campaign.stage()
    applications = []
    if stage not in ("upcoming", "applying"):
        applications = _with_brands(
            Application.objects.filter(campaign=campaign)
            .filed()
            .select_related("school", "brand_page__logo")
            .annotate(
                average=Avg("ratings__stars"),
                rating_count=Count("ratings"),
                brand_public=_public_brand("brand_page_id"),
            )
            .order_by("school__title"),
            lambda application: application,
        )
    rated = procedure.rated_by(campaign, _rater(request)) if stage == "rating" else set()
    awards = []
    if campaign.results_published_at:
        awards = _with_brands(
            Award.objects.filter(application__campaign=campaign)
            .select_related("application__school", "application__brand_page")
            .annotate(brand_public=_public_brand("application__brand_page_id")),
            lambda award: award.application,
        )
    return render(
        request,
        "evaluation/campaign_page.html",
        {
            "campaign": campaign,
            "stage": stage,
            "applications": applications,
            "awards": awards,
            "stars": range(1, 6),
            "rated": rated,
            "show_ratings": campaign.show_ratings and stage == "rating",
            "notice": public_notice(campaign),
        },
    )


def _stars(request):
    try:
        return int(request.POST.get("stars", ""))
    except ValueError:
        return 0


def _rater(request):
    """The browser's rater key, if its signed cookie names a rater the server issued."""
    key = request.get_signed_cookie(RATER_COOKIE, default=None, salt=RATER_SALT)
    return key if procedure.known_rater(key) else None


def _challenge_page(request, application, stars, error=""):
    challenge = procedure.new_challenge()
    return render(
        request,
        "evaluation/rating_challenge.html",
        {
            "campaign": application.campaign,
            "application": application,
            "stars": stars,
            "challenge": challenge,
            "question": question(challenge),
            "error": error,
        },
    )


def portal_section(region, request):
    """On the portal of the region that runs them: campaigns whose public rating is open and
    those whose results were published in the last year. One query."""
    today = timezone.localdate()
    campaigns = [
        campaign
        for campaign in Campaign.objects.public()
        .filter(region=region)
        .order_by("-applications_open")[:20]
        if campaign.stage(today) == "rating"
        or (
            campaign.results_published_at
            and campaign.results_published_at >= timezone.now() - timedelta(days=366)
        )
    ]
    if not campaigns:
        return None
    return api.Section("evaluation/portal_section.html", {"campaigns": campaigns})


@require_POST
def rate(request, pk, application_pk):
    """A rating from a browser the server knows; a browser it does not know answers a
    challenge first and is then issued a rater key in a signed cookie."""
    application = get_object_or_404(
        Application.objects.filter(campaign__in=Campaign.objects.public()).select_related(
            "campaign", "school"
        ),
        pk=application_pk,
        campaign_id=pk,
    )
    stars, address = _stars(request), request.META.get("REMOTE_ADDR", "")
    new_key = None
    try:
        procedure.check_rating(application, stars)
        key = _rater(request)
        if key is None:
            if not request.POST.get("challenge"):
                return _challenge_page(request, application, stars)
            if not procedure.solve(request.POST["challenge"], request.POST.get("answer", "")):
                error = _("That answer is not right. Please try this new question.")
                return _challenge_page(request, application, stars, error)
            key = new_key = procedure.issue_rater(address)
        procedure.rate(application, stars, key, address)
    except procedure.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("Thank you: your rating of %(school)s is counted.")
            % {"school": application.school.title},
        )
    response = redirect("evaluation:campaign", pk=pk)
    if new_key is not None:
        response.set_signed_cookie(
            RATER_COOKIE,
            new_key,
            salt=RATER_SALT,
            max_age=RATER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


@never_cache
def challenge_image(request, key):
    challenge = procedure.live_challenge(key)
    if challenge is None:
        raise Http404
    try:
        scale = int(request.GET.get("scale", "1"))
    except ValueError:
        scale = 1
    return HttpResponse(png(challenge, scale), content_type="image/png")
