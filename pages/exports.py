"""Every file the platform writes for someone to take away (CSV, XLSX, ZIP, PDF) is written
through this module, so the rules of an export hold for each one, ours, Wagtail's reports
(overrides.spreadsheet_export) and plugins' (through plugins.api) alike:

* what a bureau export may hold: the public's pages only (live, no view restriction on the
  page or an ancestor, not in an archived school), and the files those pages use;
* every cell inert: an XLSX cell holding text is a text cell, never a formula, and holds the
  text as typed; in a CSV, which has no types, text a spreadsheet would read as a formula
  (OWASP's CSV injection rule: ``=``, ``+``, ``-``, ``@``, tab or carriage return first) is
  written behind a quote;
* safe names: a ZIP entry or a download's name never climbs out of its folder (``..``, an
  absolute path, a backslash), holds no control character and is never given twice;
* Beijing time: every date and time written is the province's, whatever the server's zone;
* the response: Content-Disposition with an RFC 5987 name (Chinese names survive every
  browser) and no content sniffing.

openpyxl and WeasyPrint are imported only when a file is made: they cost every worker
memory (7 and 30 MB) for a rare task.
"""

import csv
import datetime
import io
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.http import content_disposition_header

from pages.models import SchoolHomePage
from pages.visibility import public

BEIJING = ZoneInfo("Asia/Shanghai")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters a cell never holds (XML, and so XLSX, cannot; a CSV reader trips on them)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "pdf": "application/pdf",
}
# Characters Excel refuses in a sheet's title, and its longest title.
_SHEET_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
SHEET_TITLE_LENGTH = 31
_NOT_IN_NAMES = set('/\\:*?"<>|')
NAME_LENGTH = 120


# What an export may hold


def bureau_pages(queryset):
    """The pages of ``queryset`` the public may read: a bureau's export holds no more than a
    visitor sees (a curator is refused restricted pages and their files directly, so an
    export must not hand them over either)."""
    queryset = public(queryset.live())
    archived = SchoolHomePage.objects.filter(
        translation_key__in=SchoolHomePage.objects.filter(archived_at__isnull=False).values(
            "translation_key"
        )
    ).values_list("path", flat=True)
    inside_archived = Q()
    for path in archived:
        inside_archived |= Q(path__startswith=path)
    return queryset.exclude(inside_archived) if inside_archived else queryset


# Cells


def beijing(value):
    """A datetime as the province's wall-clock time, without a zone (a spreadsheet keeps
    none); a naive one is taken as already local."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(BEIJING).replace(tzinfo=None)
    return value


def today():
    return datetime.datetime.now(BEIJING).date()


def cell(value):
    """``value`` as an XLSX cell holds it (``text_cell`` makes text a text cell): text without
    control characters; times in Beijing time; numbers, dates and empty cells as they are."""
    if isinstance(value, Promise):
        value = force_str(value)
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return beijing(value)


def text(value):
    """``value`` as the text of a CSV field: a field has no type that says it is text, so
    text that would start a formula goes behind a quote."""
    value = cell(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value)


def csv_bytes(headers, rows):
    """A CSV file in UTF-8 with the byte-order mark Excel needs to read Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in [headers, *rows]:
        writer.writerow([text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode()


def sheet_title(title):
    return _SHEET_FORBIDDEN.sub("_", force_str(title))[:SHEET_TITLE_LENGTH] or "_"


def text_cell(sheet, value):
    """An openpyxl write-only cell for ``value`` that is never a formula: text that would
    start one is still a text cell (openpyxl writes it as an inline string), as typed."""
    from openpyxl.cell import WriteOnlyCell

    made = WriteOnlyCell(sheet, cell(value))
    if made.data_type == "f":
        made.data_type = "s"
    return made


@dataclass
class Sheet:
    """One sheet of a workbook: its title, column headers and rows (made inert by
    ``xlsx_bytes``), the files an archive files beside it as (folder parts, file field), and
    its place among the sheets of a ledger (``order``, lowest first)."""

    title: str
    headers: list
    rows: list
    files: list = field(default_factory=list)
    order: int = 100

    def __iter__(self):
        return iter((self.title, self.headers, self.rows))


def xlsx_bytes(sheets):
    """A workbook of ``sheets``, each a ``Sheet`` or (title, headers, rows): bold headers,
    frozen, columns as wide as their text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(sheet_title(title))
        rows = [[cell(value) for value in row] for row in rows]
        for column, header in enumerate(headers, start=1):
            width = max([len(str(header)), *(len(str(row[column - 1] or "")) for row in rows)])
            sheet.column_dimensions[get_column_letter(column)].width = min(60, width * 2 + 2)
        sheet.freeze_panes = "A2"
        heading = []
        for header in headers:
            made = text_cell(sheet, header)
            made.font = Font(bold=True)
            heading.append(made)
        sheet.append(heading)
        for row in rows:
            sheet.append([text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(html, stylesheet, base_url):
    """WeasyPrint's PDF of ``html`` (whose dates the caller took from ``today`` and
    ``beijing``) with the CSS file ``stylesheet``; control characters, which HTML forbids and
    no font draws (a title holding one made the PDF's text unreadable), are left out."""
    from weasyprint import CSS, HTML

    document = HTML(string=_CONTROL.sub("", html), base_url=base_url).render(
        stylesheets=[CSS(filename=str(stylesheet))]
    )
    return document.write_pdf()


# Names


def safe_part(part):
    """One folder or file name: no control or format characters, no separators or other
    characters Windows refuses in a name (``C:``, say), no leading dots (``..``, hidden
    files) or spaces; never empty."""
    part = unicodedata.normalize("NFC", force_str(part))
    part = "".join(
        "_" if char in _NOT_IN_NAMES else char
        for char in part
        if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")
    )
    part = part.strip().lstrip(".").strip()
    return part[:NAME_LENGTH].rstrip() or "_"


def safe_name(*parts):
    """A relative path made of ``parts``, each made safe."""
    return "/".join(safe_part(part) for part in parts)


class Archive:
    """A ZIP file being written: every entry's name made safe and unique."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)
        self.names = set()

    def add(self, parts, content):
        name = safe_name(*parts)
        stem, extension = posixpath.splitext(name)
        number = 1
        while name.casefold() in self.names:
            number += 1
            name = f"{stem} ({number}){extension}"
        self.names.add(name.casefold())
        self.zip.writestr(name, content)
        return name

    def close(self):
        self.zip.close()
        return self.buffer.getvalue()


# Responses


def _headers(response, filename):
    response["Content-Disposition"] = content_disposition_header(True, safe_part(filename))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def content_type(filename):
    return CONTENT_TYPES.get(filename.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def response(content, filename):
    """A download of ``content`` (bytes) named ``filename``."""
    return _headers(HttpResponse(content, content_type=content_type(filename)), filename)


def attach(response, filename):
    """Download headers for a response made elsewhere (a streamed CSV, say)."""
    return _headers(response, filename)


def file_response(field_file, filename):
    """A download of a stored file, named ``filename``."""
    made = FileResponse(field_file.open("rb"), content_type=content_type(filename))
    return _headers(made, filename)
