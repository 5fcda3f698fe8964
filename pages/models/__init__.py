"""Page types, snippets and settings of the school brand tree (DESIGN.md §2)."""

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
from .curation import Feature, Submission
from .regions import RegionPage
from .schools import BrandPage, SchoolHomePage
from .snippets import ActivityType
from .workflow import SchoolModerationTask

__all__ = [
    "ActivityIndexPage",
    "ActivityReportPage",
    "ActivityReportTag",
    "ActivityType",
    "BrandPage",
    "CaseIndexPage",
    "ColumnIndexPage",
    "ColumnPostPage",
    "ColumnPostTag",
    "ExemplarCasePage",
    "ExemplarCaseTag",
    "Feature",
    "RegionPage",
    "SchoolHomePage",
    "SchoolModerationTask",
    "Submission",
]
