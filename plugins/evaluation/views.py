"""The public side of a campaign: the applications to rate while rating runs, the awards once
published."""

import secrets

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plugins.evaluation import procedure
from plugins.evaluation.models import Application, Award, Campaign

RATER_COOKIE = "yxyp_rater"
RATER_COOKIE_AGE = 366 * 24 * 3600


def campaign_page(request, pk):
    campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
    stage = campaign.stage()
    applications = []
    if stage not in ("upcoming", "applying"):
        applications = (
            Application.objects.filter(campaign=campaign)
            .select_related("school", "brand_page")
            .order_by("school__title")
        )
    awards = []
    if campaign.results_published_at:
        awards = Award.objects.filter(application__campaign=campaign).select_related(
            "application__school", "application__brand_page"
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
        },
    )


@require_POST
def rate(request, pk, application_pk):
    application = get_object_or_404(
        Application.objects.select_related("campaign", "school"), pk=application_pk, campaign_id=pk
    )
    token = request.COOKIES.get(RATER_COOKIE) or secrets.token_urlsafe(24)
    try:
        stars = int(request.POST.get("stars", ""))
    except ValueError:
        stars = 0
    try:
        procedure.rate(application, stars, token, request.META.get("REMOTE_ADDR", ""))
    except procedure.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("Thank you: your rating of %(school)s is counted.")
            % {"school": application.school.title},
        )
    response = redirect("evaluation:campaign", pk=pk)
    response.set_cookie(
        RATER_COOKIE, token, max_age=RATER_COOKIE_AGE, httponly=True, samesite="Lax"
    )
    return response
