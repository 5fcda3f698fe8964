"""Page types, snippets and settings of the school brand tree (DESIGN.md §2)."""

from .base import canonical, edition_titles
from .content import (
    ActivityIndexPage,
    ActivityReportPage,
    ActivityReportTag,
    CaseIndexPage,
    ColumnIndexPage,
    ColumnPostPage,
    ColumnPostTag,
    ExemplarCasePage,
    ExemplarCaseTag,
)
from .identity import MourningPeriod
from .plans import AnnualPlanPage
from .regions import RegionPage
from .schools import BrandPage, SchoolHomePage
from .snippets import ActivityType, BannedWord, TagName

__all__ = [
    "ActivityIndexPage",
    "ActivityReportPage",
    "ActivityReportTag",
    "ActivityType",
    "AnnualPlanPage",
    "BannedWord",
    "BrandPage",
    "CaseIndexPage",
    "ColumnIndexPage",
    "ColumnPostPage",
    "ColumnPostTag",
    "ExemplarCasePage",
    "ExemplarCaseTag",
    "MourningPeriod",
    "canonical",
    "edition_titles",
    "RegionPage",
    "SchoolHomePage",
    "TagName",
]
