"""The public alliance page and the sections alliances add to portals and school home pages.
Each costs a fixed number of queries whatever the number of member schools."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from plugins import api
from plugins.alliance.models import Alliance

LATEST_POSTS, LATEST_CASES, PORTAL_ALLIANCES = 8, 4, 30


def member_schools(alliance):
    members = [m.school for m in alliance.members.all() if m.school.live]
    return [alliance.lead_school, *sorted(members, key=lambda school: school.path)]


def latest(model, schools, count):
    inside = api.below([school.path for school in schools])
    pages = api.public_pages(model.objects.live().filter(inside)).order_by("-date", "-pk")
    found = list(pages[:count])
    api.SchoolHomePage.objects.attach_to(found)
    return found


def detail(request, pk):
    alliance = get_object_or_404(
        Alliance.objects.select_related("lead_school", "cluster", "region").prefetch_related(
            "members__school"
        ),
        pk=pk,
    )
    schools = member_schools(alliance)
    return render(
        request,
        "alliance/alliance_page.html",
        {
            "alliance": alliance,
            "schools": schools,
            "latest_posts": latest(api.ColumnPostPage, schools, LATEST_POSTS),
            "latest_cases": latest(api.ExemplarCasePage, schools, LATEST_CASES),
        },
    )


def portal_section(region, request):
    alliances = list(
        Alliance.objects.filter(region=region)
        .select_related("lead_school", "cluster")
        .annotate(member_count=Count("members"))
        .order_by("cluster__name", "name")[:PORTAL_ALLIANCES]
    )
    if not alliances:
        return None
    clusters = {}
    for alliance in alliances:
        clusters.setdefault(alliance.cluster, []).append(alliance)
    return api.Section("alliance/portal_section.html", {"clusters": list(clusters.items())})


def school_section(school, request):
    alliance = (
        Alliance.objects.filter(lead_school=school).select_related("lead_school").first()
        or Alliance.objects.filter(members__school=school).select_related("lead_school").first()
    )
    if alliance is None:
        return None
    return api.Section("alliance/school_section.html", {"alliance": alliance, "school": school})
