"""Wagtail's history names a view restriction by the label its log entry stored when it was
set, in the language of whoever set it (``PageViewRestriction.save`` logs the choice's label as
a string): a restriction an English-speaking admin added read "Private, accessible to any
logged-in users" in every Chinese editor's history. The entries are named again from the
restriction's type, in the reader's language, through Wagtail's own messages.

No upstream issue found; verified against Wagtail 8.0.1. Can go when Wagtail names the type
as the entry is shown.
"""

import copy

from wagtail.log_actions import LogFormatter
from wagtail.models import PageViewRestriction

ACTIONS = (
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
    "wagtail.view_restriction.delete",
)


class InReadersLanguage(LogFormatter):
    """Wagtail's formatter for the action, given the type's label in the active language."""

    def __init__(self, wagtails):
        self.wagtails = wagtails
        self.label = wagtails.label

    def format_message(self, log_entry):
        restriction = (log_entry.data or {}).get("restriction") or {}
        label = dict(PageViewRestriction.RESTRICTION_CHOICES).get(restriction.get("type"))
        if label is not None:
            log_entry = copy.copy(log_entry)
            log_entry.data = {**log_entry.data, "restriction": {**restriction, "title": str(label)}}
        return self.wagtails.format_message(log_entry)

    def format_comment(self, log_entry):
        return self.wagtails.format_comment(log_entry)


def install(actions):
    """Wraps the formatters Wagtail registered (called after its register_log_actions hook)."""
    for action in ACTIONS:
        actions.formatters[action] = InReadersLanguage(actions.formatters[action])
