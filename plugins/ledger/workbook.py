"""A school's ledger (台账) for a year: one ZIP with a workbook of what the school published
and submitted that year (one sheet each: activities, column posts, cases, submissions with
their outcome, honours) and the documents those pages use, filed by page.

A ledger goes to the bureau's files, so it holds what the public may read: pages with a view
restriction (a password, a group, sign-in) and their files stay out. Cells, entry names and
dates are written by ``api.exports``, which keeps them inert, safe and in Beijing time.
"""

from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from plugins import api


def published(model, school, year):
    pages = api.exports.bureau_pages(model.objects.descendant_of(school))
    return list(pages.filter(date__year=year).order_by("date", "pk"))


def local_date(moment):
    return api.exports.beijing(moment).date() if moment else None


def school_year(school, year, progress):
    """The ZIP's bytes; ``progress(percent)`` is told how far it has got."""
    activities = published(api.ActivityReportPage, school, year)
    posts = published(api.ColumnPostPage, school, year)
    cases = published(api.ExemplarCasePage, school, year)
    progress(20)
    submissions = api.Submission.objects.filter(school=school, year=year).select_related(
        "page", "region"
    )
    date, title, link = _("Date"), _("Title"), _("Address")
    sheets = [
        (
            _("Activities"),
            [date, title, _("Activity type"), _("Summary"), link],
            [
                (page.date, page.title, str(page.activity_type or ""), page.summary, page.full_url)
                for page in activities
            ],
        ),
        (
            _("Column posts"),
            [date, title, _("Summary"), link],
            [(page.date, page.title, page.summary, page.full_url) for page in posts],
        ),
        (
            _("Cases"),
            [date, title, _("Year"), _("Summary"), link],
            [(page.date, page.title, page.year, page.summary, page.full_url) for page in cases],
        ),
        (
            _("Submissions"),
            [_("Submitted"), title, _("Bureau"), _("Outcome"), _("Decided"), _("Comment")],
            [
                (
                    local_date(item.submitted_at),
                    item.page.title,
                    item.region.title,
                    item.get_status_display(),
                    local_date(item.decided_at),
                    item.reason,
                )
                for item in submissions.order_by("submitted_at", "pk")
            ],
        ),
        (
            _("Honours"),
            [_("Case"), _("Honour")],
            [(page.title, honour) for page in cases for honour in page.honour_list],
        ),
    ]
    workbook = api.exports.xlsx_bytes(sheets)
    progress(50)
    archive = api.exports.Archive()
    archive.add([f"{school.title}{year}年台账.xlsx"], workbook)
    pages = [*activities, *posts, *cases]
    used = api.media_used_by(pages, get_document_model())
    for number, page in enumerate(pages, start=1):
        for document in used[page.pk]:
            name = document.file.name.rsplit("/", 1)[-1]
            with document.file.open("rb") as handle:
                archive.add(["附件", f"{page.date} {page.title}", name], handle.read())
        progress(50 + 45 * number // max(len(pages), 1))
    return archive.close()
