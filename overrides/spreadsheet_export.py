"""Wagtail's CSV and XLSX exports (the site history and audit log, aging and locked pages,
workflows, redirects, promoted searches, form submissions, any viewset with ``list_export``)
written by pages.exports, as every other export of the platform is.

No upstream fix to wait for: Wagtail holds formula injection to be the spreadsheet's problem
(wagtail#3466, closed; its security docs since wagtail#7554). Wagtail 8.0.1's
SpreadsheetExportMixin writes a page title typed as ``=HYPERLINK(…)`` into the CSV as a live
formula, XLSX headings (a form field's label) as formulas, and times in UTC (XLSX) or with a
``+00:00`` offset (CSV); its CSV download's name is not RFC 5987, so a Chinese name breaks.
Here each cell passes ``exports.text`` for a CSV (in Beijing time, text that would start a
formula behind a quote) and ``exports.cell`` for an XLSX (Wagtail makes such text a text cell,
so it is written as typed); each heading passes ``exports.text`` for both, as Wagtail appends
the XLSX headings as plain values, which openpyxl would take for formulas. The CSV response
gets the export headers and the byte-order mark Excel needs for Chinese. Can go if Wagtail
comes to escape formulas and write times in the current zone.

Fenced closed (overrides.fence): the methods replaced, and those that call them per cell,
are recorded; when Wagtail changes them, start-up stops instead of exports silently losing
these rules.
"""

import datetime
from itertools import chain

from django.http import StreamingHttpResponse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from overrides import fence
from pages import exports

MIXIN = "wagtail.admin.views.mixins"
# preprocess_field_value, get_heading and write_csv_response are replaced; stream_csv,
# write_csv_row, generate_xlsx_row and write_xlsx call them (and nothing else) per cell.
FENCE = fence.closed(
    fence.Code(MIXIN, "SpreadsheetExportMixin.preprocess_field_value", "07f5b660877c9cb2"),
    fence.Code(MIXIN, "SpreadsheetExportMixin.get_heading", "dc4bb23c6439de22"),
    fence.Code(MIXIN, "SpreadsheetExportMixin.write_csv_response", "dc188954ea064523"),
    fence.Code(MIXIN, "SpreadsheetExportMixin.stream_csv", "a5c283ade9fe7cc2"),
    fence.Code(MIXIN, "SpreadsheetExportMixin.write_csv_row", "3ec7608158b8dae9"),
    fence.Code(MIXIN, "SpreadsheetExportMixin.generate_xlsx_row", "d7ff00d84a09f9db"),
    fence.Code(MIXIN, "SpreadsheetExportMixin.write_xlsx", "17da4a73d9534225"),
)
_wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value
_wagtail_heading = SpreadsheetExportMixin.get_heading


def preprocess_field_value(self, field, value, export_format):
    if isinstance(value, datetime.datetime):
        value = exports.beijing(value).replace(microsecond=0)
    value = _wagtail_preprocess(self, field, value, export_format)
    return exports.cell(value) if export_format == self.FORMAT_XLSX else exports.text(value)


def get_heading(self, queryset, field):
    return exports.text(_wagtail_heading(self, queryset, field))


def write_csv_response(self, queryset):
    rows = chain(["\ufeff".encode()], self.stream_csv(queryset))
    response = StreamingHttpResponse(rows, content_type=exports.content_type("x.csv"))
    return exports.attach(response, f"{self.get_filename()}.csv")


def install():
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin.write_csv_response = write_csv_response
