"""Public views that are not pages: the site map of each Site, short links and their QR
codes."""

import io

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from wagtail.models import Page, Site

from pages import short_links
from pages.identity import localized_root, site_name
from pages.models import RegionPage
from pages.visibility import public


def site_map(request):
    """网站地图 of the Site asked for: its sections and their sub-sections, and on a portal every
    region below it (schools are listed on their region's portal). Bounded by the number of
    sections and regions, never by schools or content."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = localized_root(request, site).specific  # in the language of the address
    sections = list(
        public(root.get_children().live().in_menu()).only("title", "url_path", "path", "depth")
    )
    below = public(root.get_descendants().live().in_menu().filter(depth=root.depth + 2)).only(
        "title", "url_path", "path", "depth"
    )
    children = {}
    for page in below:
        children.setdefault(page.path[: -root.steplen], []).append(page)
    for section in sections:
        section.sub_sections = children.get(section.path, [])
    regions = []
    if isinstance(root, RegionPage):
        regions = list(
            public(RegionPage.objects.descendant_of(root).live())
            .only("title", "url_path", "path", "depth", "level")
            .order_by("path")
        )
        for region in regions:
            region.indent = region.depth - root.depth
    return render(
        request,
        "pages/site_map.html",
        {
            "site": site,
            "site_name": site_name(site, root),
            "root": root,
            "sections": sections,
            "regions": regions,
        },
    )


def _shareable(page_id):
    """The live, public page behind a short link: nothing else gets an address or a code."""
    page = public(Page.objects.live().filter(pk=page_id)).specific().first()
    if page is None:
        raise Http404
    return page


def short_url(request, page_id):
    return redirect(_shareable(page_id).get_full_url(request), permanent=False)


@cache_control(max_age=86400, public=True)
def qr_code(request, page_id):
    """The short link as a QR code, drawn here (segno) rather than by a third-party service
    that would learn every page our visitors share."""
    page = _shareable(page_id)
    svg = io.BytesIO()
    segno.make(short_links.short_url(request, page), error="m").save(
        svg, kind="svg", scale=4, dark="#1f1f1f", light="#ffffff", title=page.title
    )
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")
