"""Awards reach the school: its home page lists the awards of published evaluations (所获荣誉)
and its ledger (台账) carries a sheet of evaluations and honours.

Only published results count, and never a rehearsal's (``Campaign.objects.public``): a
rehearsal never publishes, and its awards are nobody's honours.
"""

import datetime

from django.utils.translation import gettext as _

from plugins import api
from plugins.evaluation.models import Award, Campaign

SHOWN_AWARDS = 20
LEDGER_ORDER = 70


def published_awards():
    """Awards of published, public campaigns, newest first, with what naming them needs."""
    return (
        Award.objects.filter(
            application__campaign__in=Campaign.objects.public(),
            application__campaign__results_published_at__isnull=False,
        )
        .select_related("application__campaign__region", "application__school")
        .order_by("-application__campaign__results_published_at", "rank", "pk")
    )


def school_section(school, request):
    """The school's awards on its home page, in every edition of it: one query."""
    awards = list(
        published_awards()
        .filter(application__school__translation_key=school.translation_key)
        .exclude(tier="")[:SHOWN_AWARDS]
    )
    if not awards:
        return None
    return api.Section("evaluation/school_section.html", {"awards": awards})


def refresh_schools(applications):
    """Awarded schools' pages show their new honours: every edition of each is refreshed."""
    keys = {application.school.translation_key for application in applications}
    for school in api.SchoolHomePage.objects.filter(translation_key__in=keys):
        api.refresh_public_pages(school)


def _beijing_year(year):
    start = datetime.datetime(year, 1, 1, tzinfo=api.exports.BEIJING)
    return start, start.replace(year=year + 1)


def ledger_sheets(schools, year):
    """评选与荣誉: the results published in ``year`` of the schools' applications (awarded or
    not), then the honours their published exemplar cases of the year list. Two queries
    and the bureau_pages filter, whatever the number of schools."""
    start, end = _beijing_year(year)
    awards = published_awards().filter(
        application__school__in=schools,
        application__campaign__results_published_at__gte=start,
        application__campaign__results_published_at__lt=end,
    )
    rows = [
        [
            award.application.school.title,
            year,
            award.application.campaign.title,
            award.application.campaign.region.get_level_display(),
            award.tier,
            award.total,
            api.exports.beijing(award.application.campaign.results_published_at).date(),
        ]
        for award in awards.order_by("application__school__path", "pk")
    ]
    by_path = {school.path: school for school in schools}
    lengths = {len(path) for path in by_path}
    inside = api.below(list(by_path))
    cases = []
    if inside is not None:
        cases = api.exports.bureau_pages(api.ExemplarCasePage.objects.filter(inside))
        cases = cases.filter(date__year=year).order_by("path", "date", "pk")
    for case in cases:
        school = next(by_path[case.path[:n]] for n in lengths if case.path[:n] in by_path)
        title = _("Exemplar case “%(title)s”") % {"title": case.title}
        # No results were published for a case's honour: its date is the case's, in 案例.
        rows.extend(
            [school.title, year, title, "", honour, None, None] for honour in case.honour_list
        )
    headers = [
        _("School"),
        _("Year"),
        _("Evaluation"),
        _("Level of the bureau"),
        _("Grade or award"),
        _("Score"),
        _("Results published on"),
    ]
    return [api.exports.Sheet(_("Evaluations and honours"), headers, rows, order=LEDGER_ORDER)]
