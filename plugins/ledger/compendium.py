"""A bureau's compendium of exemplar cases (案例汇编) as a printable PDF.

HTML and CSS typeset by WeasyPrint with Debian's Noto CJK fonts: a cover naming the issuing
bureau and the period, the bureau's foreword, a table of contents whose page numbers the layout
fills in (``target-counter``), the brand profiles of the schools whose cases are in it, then one
chapter per chosen case in the bureau's order, its pictures two to a row at a fixed height so
that no picture pushes a half-empty page; running headers, page numbers, a PDF outline.
WeasyPrint (through ``api.exports``) is imported only when one is made: it needs the Pango
library, which only a server that builds compendiums must have (docs/operations.md).
A compendium is a bureau's: it holds the public's pages only, dated in Beijing time; a chosen
case that has since been unpublished or restricted is left out.
"""

from pathlib import Path

from django.template.loader import render_to_string
from wagtail.images import get_image_model

from plugins import api
from plugins.ledger.models import choosable_cases

STYLESHEET = Path(__file__).resolve().parent / "compendium.css"
PICTURES_PER_CASE = 4


def cases_of(compendium):
    """The chosen cases still public, in the chosen order, each with ``school`` set."""
    regions = api.RegionPage.objects.filter(pk=compendium.region_id)
    public = {
        case.pk: case
        for case in choosable_cases(regions).filter(
            pk__in=compendium.chosen_cases.values("case_id")
        )
    }
    order = compendium.chosen_cases.order_by("sort_order", "pk").values_list("case_id", flat=True)
    cases = [public[pk] for pk in order if pk in public]
    api.SchoolHomePage.objects.attach_to(cases)
    return cases


def brands_of(cases):
    """The public brand page of each school with a case here, in the cases' order."""
    schools = list({case.school.pk: case.school for case in cases if case.school}.values())
    inside = api.below([school.path for school in schools])
    if inside is None:
        return []
    brands = api.exports.bureau_pages(api.BrandPage.objects.filter(inside)).select_related("logo")
    by_school = {}
    for brand in brands:
        school = next(s for s in schools if brand.path.startswith(s.path))
        by_school.setdefault(school.pk, brand)
    found = []
    for school in schools:
        if brand := by_school.get(school.pk):
            brand.school = school
            brand.logo_source = print_source(brand.logo) if brand.logo else ""
            found.append(brand)
    return found


def print_source(image, spec="max-1200x900"):
    return Path(image.get_rendition(spec).file.path).as_uri()


def attach_pictures(cases):
    """Each case's first pictures, as (image, file URI of a print-sized rendition)."""
    used = api.media_used_by(cases, get_image_model())
    for case in cases:
        case.pictures = [
            (image, print_source(image)) for image in used[case.pk][:PICTURES_PER_CASE]
        ]


def compendium(chosen, progress):
    cases = cases_of(chosen)
    attach_pictures(cases)
    progress(10)
    html = render_to_string(
        "ledger/compendium.html",
        {
            "compendium": chosen,
            "made_on": api.exports.today(),
            "brands": brands_of(cases),
            "cases": cases,
        },
    )
    progress(40)
    return api.exports.pdf_bytes(html, STYLESHEET, str(STYLESHEET.parent))
