"""The public alliance pages (the index of a region's alliances and clusters, one alliance's
page) and the sections alliances add to portals and school home pages. Each costs a fixed
number of queries whatever the number of alliances and member schools."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from wagtail.models import Site

from plugins import api
from plugins.alliance.models import Alliance, AllianceMember, DemonstrationCluster

LATEST_POSTS, LATEST_CASES, PORTAL_ALLIANCES = 8, 4, 30


def with_members(alliances):
    """``alliances`` with their members and schools, the lead first, in two more queries."""
    members = AllianceMember.objects.select_related("school").order_by("role", "school__path")
    return alliances.prefetch_related(Prefetch("members", queryset=members))


def show_members(alliances):
    """Give each alliance ``shown``, its members whose school the public may see (lead
    first), and ``shown_lead``: one query for all of them."""
    everyone = [member for alliance in alliances for member in alliance.members.all()]
    public = set(
        api.public_pages(
            api.SchoolHomePage.objects.live().filter(pk__in={m.school_id for m in everyone})
        ).values_list("pk", flat=True)
    )
    for alliance in alliances:
        alliance.shown = [m for m in alliance.members.all() if m.school_id in public]
        leads = [m for m in alliance.shown if m.role == AllianceMember.Role.LEAD]
        alliance.shown_lead = leads[0] if leads else None
    return alliances


def latest(model, schools, count):
    inside = api.below([school.path for school in schools])
    pages = api.public_pages(model.objects.live().filter(inside)).order_by("-date", "-pk")
    found = list(pages[:count])
    api.SchoolHomePage.objects.attach_to(found)
    return found


def detail(request, pk):
    alliance = get_object_or_404(
        with_members(Alliance.objects.select_related("cluster", "region")), pk=pk
    )
    show_members([alliance])
    schools = [member.school for member in alliance.shown]
    return render(
        request,
        "alliance/alliance_page.html",
        {
            "alliance": alliance,
            "latest_posts": latest(api.ColumnPostPage, schools, LATEST_POSTS),
            "latest_cases": latest(api.ExemplarCasePage, schools, LATEST_CASES),
        },
    )


def site_region(request):
    """The region whose portal the request is on: the site's root region, or the region of
    the school whose site it is; None on a site outside the regions."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    above = [root.path[:end] for end in range(root.steplen, len(root.path) + 1, root.steplen)]
    return api.RegionPage.objects.filter(path__in=above).order_by("-depth").first()


def chosen_region(request):
    """The region asked for (``?region=<id>``, as portals and alliance pages link here) if
    it is a live public region; the site's own region without one."""
    asked = request.GET.get("region")
    if asked is None:
        return site_region(request)
    if not (asked.isascii() and asked.isdigit() and len(asked) < 12):
        raise Http404
    return get_object_or_404(api.public_pages(api.RegionPage.objects.live()), pk=int(asked))


def index(request):
    """A region's alliances by demonstration cluster, with each member's role: on a county's
    portal that county's, on the province's every one."""
    region = chosen_region(request)
    if region is None:
        alliances, clusters = [], []
    else:
        inside = {"region__path__startswith": region.path}
        alliances = list(
            with_members(
                Alliance.objects.filter(**inside).select_related("region", "cluster")
            ).order_by("region__path", "name")
        )
        clusters = list(DemonstrationCluster.objects.filter(**inside).select_related("region"))
    by_cluster = {cluster.pk: [] for cluster in clusters}
    unclustered = []
    for alliance in show_members(alliances):
        by_cluster.get(alliance.cluster_id, unclustered).append(alliance)
    return render(
        request,
        "alliance/index.html",
        {
            "region": region,
            "clusters": [(cluster, by_cluster[cluster.pk]) for cluster in clusters],
            "unclustered": unclustered,
        },
    )


def portal_section(region, request):
    alliances = list(
        with_members(Alliance.objects.filter(region=region).select_related("cluster")).order_by(
            "cluster__name", "name"
        )[:PORTAL_ALLIANCES]
    )
    if not alliances:
        return None
    clusters = {}
    for alliance in show_members(alliances):
        clusters.setdefault(alliance.cluster, []).append(alliance)
    return api.Section(
        "alliance/portal_section.html", {"region": region, "clusters": list(clusters.items())}
    )


def school_section(school, request):
    """The school's alliances, its role in each and who leads each."""
    memberships = list(
        AllianceMember.objects.filter(school=school)
        .select_related("alliance")
        .prefetch_related(
            Prefetch(
                "alliance__members",
                queryset=AllianceMember.objects.filter(
                    role=AllianceMember.Role.LEAD
                ).select_related("school"),
            )
        )
        .order_by("alliance__name")
    )
    if not memberships:
        return None
    return api.Section("alliance/school_section.html", {"memberships": memberships})
