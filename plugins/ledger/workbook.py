"""A school's ledger (台账) for a year: one ZIP with a workbook of what the school published
and submitted that year (one sheet each: activities, column posts, cases, submissions with
their outcome, honours) and the documents those pages use, filed by page.

Cells that a spreadsheet would read as a formula (=, +, -, @ first) are written as text, so a
title typed as ``=HYPERLINK(…)`` cannot run when a bureau opens the file.

openpyxl is imported when a ledger is made, as the evaluation plugin's export does: imported
with the plugin's URLs it cost every web worker 8 MB of memory for a yearly task.
"""

import io
import zipfile

from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from plugins import api

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def published(model, school, year):
    pages = model.objects.live().descendant_of(school).filter(date__year=year)
    return list(pages.order_by("date", "pk"))


def add_sheet(workbook, title, headers, rows):
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for header_cell in sheet[1]:
        header_cell.font = Font(bold=True)
    for row in rows:
        sheet.append([cell(value) for value in row])
    for column, header in enumerate(headers, start=1):
        width = max([len(str(header)), *(len(str(row[column - 1] or "")) for row in rows)])
        sheet.column_dimensions[get_column_letter(column)].width = min(60, width * 2 + 2)
    sheet.freeze_panes = "A2"
    return sheet


def school_year(school, year, progress):
    """The ZIP's bytes; ``progress(percent)`` is told how far it has got."""
    activities = published(api.ActivityReportPage, school, year)
    posts = published(api.ColumnPostPage, school, year)
    cases = published(api.ExemplarCasePage, school, year)
    progress(20)
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    date, title, link = _("Date"), _("Title"), _("Address")
    add_sheet(
        workbook,
        _("Activities"),
        [date, title, _("Activity type"), _("Summary"), link],
        [
            (page.date, page.title, str(page.activity_type or ""), page.summary, page.full_url)
            for page in activities
        ],
    )
    add_sheet(
        workbook,
        _("Column posts"),
        [date, title, _("Summary"), link],
        [(page.date, page.title, page.summary, page.full_url) for page in posts],
    )
    add_sheet(
        workbook,
        _("Cases"),
        [date, title, _("Year"), _("Summary"), link],
        [(page.date, page.title, page.year, page.summary, page.full_url) for page in cases],
    )
    submissions = api.Submission.objects.filter(school=school, year=year).select_related(
        "page", "region"
    )
    add_sheet(
        workbook,
        _("Submissions"),
        [_("Submitted"), title, _("Bureau"), _("Outcome"), _("Decided"), _("Comment")],
        [
            (
                item.submitted_at.date(),
                item.page.title,
                item.region.title,
                item.get_status_display(),
                item.decided_at.date() if item.decided_at else None,
                item.reason,
            )
            for item in submissions.order_by("submitted_at", "pk")
        ],
    )
    add_sheet(
        workbook,
        _("Honours"),
        [_("Case"), _("Honour")],
        [(page.title, honour) for page in cases for honour in page.honour_list],
    )
    progress(50)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        sheet_bytes = io.BytesIO()
        workbook.save(sheet_bytes)
        archive.writestr(f"{school.title}{year}年台账.xlsx", sheet_bytes.getvalue())
        pages = [*activities, *posts, *cases]
        used = api.media_used_by(pages, get_document_model())
        for number, page in enumerate(pages, start=1):
            for document in used[page.pk]:
                name = document.file.name.rsplit("/", 1)[-1]
                with document.file.open("rb") as handle:
                    archive.writestr(f"附件/{page.date} {page.title}/{name}", handle.read())
            progress(50 + 45 * number // max(len(pages), 1))
    return buffer.getvalue()
