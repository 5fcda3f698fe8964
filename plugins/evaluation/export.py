"""The results as a spreadsheet (XLSX) for the bureau's files: a sheet of results with each
criterion's self-assessment and mean review score, a sheet of the reviews (each reviewer's
score per criterion and comment) and a sheet of the on-site inspections. Written by
``api.exports``, so a school's title or a comment typed as a formula stays text, and times
are Beijing time."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from plugins import api
from plugins.evaluation import scoring
from plugins.evaluation.models import Inspection, ReviewAssignment


def _results_sheet(criteria, rows):
    provisional = scoring.provisional(rows)
    headers = [
        _("Rank"),
        _("School"),
        _("Status"),
        _("Self-assessment"),
        _("Public rating"),
        _("Review of materials"),
        _("On-site inspection"),
        _("Superior review"),
        _("Total"),
        _("Award"),
        _("Ratings"),
        _("Reviews"),
    ]
    for criterion in criteria:
        headers += [
            _("Self-assessment: %(criterion)s") % {"criterion": criterion.name},
            _("Review: %(criterion)s") % {"criterion": criterion.name},
        ]
    lines = []
    for row in rows:
        line = [
            row.rank,
            row.application.school.title,
            status(row, provisional),
            row.self_score,
            row.public_score,
            row.material_score,
            row.inspection_score,
            None if row.pending else row.superior_score,
            row.total,
            row.tier,
            row.ratings,
            row.reviews,
        ]
        for own, reviewed in row.criteria:
            line += [own, reviewed]
        lines.append(line)
    return (pgettext("evaluation", "Results"), headers, lines)


def status(row, provisional):
    if row.pending:
        return _("Pending: reviews missing")
    return _("Provisional") if provisional else _("Final")


def _reviews_sheet(campaign, criteria):
    assignments = (
        ReviewAssignment.objects.filter(application__in=filed(campaign))
        .select_related("application__school", "reviewer")
        .prefetch_related("scores")
        .order_by("application__school__title", "pk")
    )
    headers = [_("School"), _("Reviewer"), _("Review submitted")]
    headers += [criterion.name for criterion in criteria]
    headers.append(_("Comment"))
    rows = []
    for assignment in assignments:
        given = {item.criterion_id: item.score for item in assignment.scores.all()}
        rows.append(
            [
                assignment.application.school.title,
                api.name_of(assignment.reviewer),
                assignment.submitted_at,
                *(given.get(criterion.pk) for criterion in criteria),
                assignment.comment,
            ]
        )
    return (_("Reviews and comments"), headers, rows)


def _inspections_sheet(campaign):
    inspections = (
        Inspection.objects.filter(application__in=filed(campaign))
        .select_related("application__school")
        .prefetch_related("members")
        .order_by("application__school__title")
    )
    headers = [
        _("School"),
        _("Date of the visit"),
        _("Inspection members"),
        _("Findings"),
        _("Score"),
    ]
    rows = [
        [
            inspection.application.school.title,
            inspection.date,
            "、".join(
                [*(api.name_of(person) for person in inspection.members.all())]
                + inspection.other_member_list
            ),
            inspection.findings,
            inspection.score,
        ]
        for inspection in inspections
    ]
    return (_("On-site inspections"), headers, rows)


def filed(campaign):
    return campaign.applications.filed()


def results_workbook(campaign):
    criteria = list(campaign.criteria.all())
    rows = scoring.results(campaign)
    return api.exports.xlsx_bytes(
        [
            _results_sheet(criteria, rows),
            _reviews_sheet(campaign, criteria),
            _inspections_sheet(campaign),
        ]
    )
