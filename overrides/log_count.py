"""Wagtail's site history report counts its rows as log entries, not "page log entries".

No upstream issue found (Wagtail 8.0.1, verified): ``LogEntriesView`` unites the entries of
every log model in one ``values()`` union, and its paginator names the count after the model
of that union, the first log model, so images', accounts' and submissions' entries are counted
as 页面日志条目. Here the report's paginator counts log entries (schools.views.LogEntryPaginator,
which the audit log uses too). Can go when Wagtail labels the union's count itself.
"""

from wagtail.admin.views.reports.audit_logging import LogEntriesView

from overrides import fence
from schools.views import LogEntryPaginator

FENCE = fence.warned(
    fence.Code(
        "wagtail.admin.views.reports.audit_logging",
        "LogEntriesView.get_filtered_queryset",
        "909f117d22def373",
    ),
    fence.Code(
        "wagtail.admin.paginator", "WagtailPaginator.verbose_name_plural", "46d842637cc514c5"
    ),
)


def install():
    LogEntriesView.paginator_class = LogEntryPaginator
