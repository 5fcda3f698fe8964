"""A region's exemplar-case compendium (案例汇编) as a printable PDF.

HTML and CSS typeset by WeasyPrint with Debian's Noto CJK fonts: a cover, a table of contents
whose page numbers the layout fills in (``target-counter``), one chapter per case with its
pictures, page numbers and running headers naming the chapter, and a PDF outline of the
chapters. WeasyPrint (through ``api.exports``) is imported only when one is made: it needs
the Pango library, which only a server that builds compendiums must have (docs/operations.md).
A compendium is a bureau's: it holds the public's cases only, dated in Beijing time.
"""

from pathlib import Path

from django.template.loader import render_to_string
from wagtail.images import get_image_model

from plugins import api

STYLESHEET = Path(__file__).resolve().parent / "compendium.css"
PICTURES_PER_CASE = 4


def cases_in(region, starts_on, ends_on):
    cases = api.exports.bureau_pages(api.ExemplarCasePage.objects.descendant_of(region))
    cases = list(cases.filter(date__gte=starts_on, date__lte=ends_on).order_by("path"))
    api.SchoolHomePage.objects.attach_to(cases)
    return cases


def attach_pictures(cases):
    """Each case's first pictures, as (image, file URI of a print-sized rendition)."""
    used = api.media_used_by(cases, get_image_model())
    for case in cases:
        case.pictures = [
            (image, Path(image.get_rendition("max-1200x900").file.path).as_uri())
            for image in used[case.pk][:PICTURES_PER_CASE]
        ]


def compendium(region, starts_on, ends_on, progress):
    cases = cases_in(region, starts_on, ends_on)
    attach_pictures(cases)
    progress(10)
    html = render_to_string(
        "ledger/compendium.html",
        {
            "region": region,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "made_on": api.exports.today(),
            "cases": cases,
        },
    )
    progress(40)
    return api.exports.pdf_bytes(html, STYLESHEET, str(STYLESHEET.parent))
