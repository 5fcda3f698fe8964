"""The facts a public page's footer and frame show: who runs the site, and whether its region
mourns today. Read from the school and the regions above the page in one query, nearest first,
so a school inherits what it leaves empty (pages.models.identity)."""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Site

from pages import fragments
from pages.models import MourningPeriod, RegionPage, SchoolHomePage
from pages.models.identity import SiteIdentity


@dataclass(frozen=True)
class Frame:
    organiser: str = ""
    operator: str = ""
    contact: str = ""
    icp_number: str = ""
    police_number: str = ""
    site_code: str = ""
    mourning: bool = False
    care: bool = False
    site_name: str = ""
    back: str = "/"  # this page's own address, for the care-mode switch to return to

    @property
    def police_record(self):
        """The record's digits, which the public-security filing lookup takes."""
        digits = re.search(r"\d{6,}", self.police_number)
        return digits.group() if digits else ""


def _own_values(page):
    values = {name: getattr(page, name) for name in SiteIdentity.IDENTITY_FIELDS}
    if isinstance(page, SchoolHomePage):
        values["organiser"] = values["organiser"] or page.display_name
        values["contact"] = values["contact"] or " ".join(
            part for part in (page.address, page.phone) if part
        )
    return values


def frame_for(anchor):
    """The Frame of a page inside ``anchor`` (a page; a Site's root page for views that are
    not pages). Two queries: the regions above with the school, and today's mourning."""
    if anchor is None:
        return Frame()
    regions = list(
        RegionPage.objects.ancestor_of(anchor, inclusive=True)
        .only("path", "depth", "bureau_name", *SiteIdentity.IDENTITY_FIELDS)
        .order_by("-depth")
    )
    school = None
    if not isinstance(anchor, RegionPage) and anchor.depth > 2:
        school = anchor if isinstance(anchor, SchoolHomePage) else getattr(anchor, "school", None)
    chain = [_own_values(school)] if school is not None else []
    for region in regions:
        values = _own_values(region)
        values["organiser"] = values["organiser"] or region.bureau_name
        chain.append(values)
    inherited = {
        name: next((values[name] for values in chain if values[name]), "")
        for name in SiteIdentity.IDENTITY_FIELDS
    }
    mourning = MourningPeriod.objects.active(regions, on=timezone.localdate()).exists()
    return Frame(**inherited, mourning=mourning)


def localized_root(request, site):
    """The Site's root page in the language of the address (its English edition under /en/),
    found once per request (the header and the footer both ask) and kept with the Site's
    parts (pages.fragments)."""
    root = getattr(request, "_localized_root", None)
    if root is None:
        home = site.root_page
        root = fragments.kept(request, home, "localized-root", lambda: home.localized)
        request._localized_root = root
    return root


def school_from_site(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: a school's page served on its school's Site takes its
    ``school`` from the Site's root, kept with the school's parts (pages.fragments), instead
    of asking for it with the page's ancestors on every request."""
    site = Site.find_for_request(request)
    if site is None or not hasattr(type(page), "school") or "school" in page.__dict__:
        return
    root = localized_root(request, site)
    school_type = ContentType.objects.get_for_model(SchoolHomePage)
    if root.content_type_id == school_type.pk and page.path.startswith(root.path):
        page.school = fragments.kept(request, root, "school", lambda: _school(root))


def _school(root):
    return SchoolHomePage.objects.select_related("logo").get(pk=root.pk)


def site_name(site, root):
    """The Site's name in the language of the root page shown: the Site record's own name
    (Chinese) on Chinese pages, the title of the root page's English edition on English ones."""
    if root.pk != site.root_page_id:
        return root.title
    return site.site_name or root.title
