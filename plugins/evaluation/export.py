"""The results as a spreadsheet (XLSX), one row per application, for the bureau's files:
written by ``api.exports``, so a school's title typed as a formula stays text."""

from django.utils.translation import gettext as _

from plugins import api
from plugins.evaluation import scoring


def results_workbook(campaign):
    headers = [
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
    rows = [
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
        for row in scoring.results(campaign)
    ]
    return api.exports.xlsx_bytes([(_("Results"), headers, rows)])
