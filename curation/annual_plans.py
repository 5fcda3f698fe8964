"""Dashboard reminders of the annual plan (年度方案, guideline 四.1): a curator sees the schools
of their regions with no published plan for the year (Beijing time), a school's editors and
moderator a reminder while their own school has none, with the way to write it. A fixed
number of queries, whatever the number of schools."""

from django.urls import reverse
from wagtail.models import Page

from curation.dashboard import SHOWN, holding
from pages import exports
from pages.models import AnnualPlanPage, SchoolHomePage
from schools import roles
from schools.admin_access import QueuePanel


def this_year():
    return exports.today().year


def without_plan(schools, year):
    """Those of ``schools`` (a queryset of school home pages) with no live plan for ``year``
    below them: one query, and one for the depths the schools stand at."""
    planned = holding(schools, children_only=True, live=True, annualplanpage__year=year)
    return schools.exclude(planned)


def region_plans_panel(user, year):
    """For a curator: the live schools of their regions that lack the year's plan."""
    within = roles.below(roles.region_paths(user, roles.CURATOR))
    if within is None:
        return None
    schools = SchoolHomePage.objects.schools().live().filter(within)
    missing = without_plan(schools, year).order_by("path").only("title", "path")
    count = missing.count()
    if not count:
        return None
    return QueuePanel(
        "annual_plans_missing",
        85,
        "curation/admin/annual_plans_missing_panel.html",
        {"year": year, "schools": list(missing[:SHOWN]), "count": count},
    )


def own_plan_panel(user, year):
    """For a school's editors and moderator: their schools without the year's plan, each with
    its draft of that plan to carry on with, or the address to write one."""
    schools = roles.schools_of(user).live()
    missing = list(without_plan(schools, year).order_by("path").only("title", "path", "depth"))
    if not missing:
        return None
    drafts = (
        AnnualPlanPage.objects.filter(roles.below([school.path for school in missing]))
        .filter(year=year)
        .order_by("-latest_revision_created_at")
        .only("path")
    )
    draft_of = {}
    for draft in drafts:
        draft_of.setdefault(draft.path[: -Page.steplen], draft)
    rows = []
    for school in missing:
        draft = draft_of.get(school.path)
        if draft is not None:
            link = reverse("wagtailadmin_pages:edit", args=[draft.pk])
        else:
            link = reverse("wagtailadmin_pages:add", args=["pages", "annualplanpage", school.pk])
        rows.append((school, draft is not None, link))
    return QueuePanel(
        "own_annual_plan",
        85,
        "curation/admin/own_annual_plan_panel.html",
        {"year": year, "rows": rows},
    )
