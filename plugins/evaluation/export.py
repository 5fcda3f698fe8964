"""The results as a spreadsheet (XLSX, with openpyxl, which Wagtail already uses for its
report exports), one row per application, for the bureau's files.

openpyxl is imported when a workbook is made: it costs every worker 7 MB of memory, and
exports are rare."""

from io import BytesIO

from django.utils.translation import gettext as _

from plugins.evaluation import scoring


def results_workbook(campaign):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Results")[:31]
    sheet.append(
        [
            _("Rank"),
            _("School"),
            _("Self-assessment"),
            _("Public rating"),
            _("Superior review"),
            _("Total"),
            _("Award"),
            _("Ratings"),
            _("Reviews"),
        ]
    )
    for row in scoring.results(campaign):
        sheet.append(
            [
                row.rank,
                row.application.school.title,
                row.self_score,
                row.public_score,
                row.superior_score,
                row.total,
                row.tier,
                row.ratings,
                row.reviews,
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
