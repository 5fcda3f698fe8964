"""Bulk import of school content from JSON Lines, one object a line.

Used by ``manage.py import_content``. Every line is checked and imported on its own: a bad
line is reported with its number and reason and changes nothing, the others go in. A line whose
school already has an item of that type with the same title and date is skipped, so re-running
a file never duplicates content.
"""

import datetime
import json
from dataclasses import dataclass, field

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pages.models import (
    ActivityIndexPage,
    ActivityReportPage,
    ActivityType,
    CaseIndexPage,
    ColumnIndexPage,
    ColumnPostPage,
    ExemplarCasePage,
    SchoolHomePage,
)
from pages.tags import check as check_tags

CONTENT_TYPES = {
    "column": (ColumnIndexPage, ColumnPostPage),
    "activity": (ActivityIndexPage, ActivityReportPage),
    "case": (CaseIndexPage, ExemplarCasePage),
}
ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "b",
    "strong",
    "i",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
}
KNOWN_KEYS = {
    "school",
    "type",
    "title",
    "date",
    "tags",
    "body_html",
    "activity_type",
    "summary",
    "publish",
}


class BadLine(Exception):
    """A line that cannot be imported; the message says why."""


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.created) + len(self.skipped) + len(self.errors)


def sanitize_html(html):
    """Keep only what the body's rich text can hold; scripts, styles and handlers go."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    return (
        cleaned.replace("<strong>", "<b>")
        .replace("</strong>", "</b>")
        .replace("<em>", "<i>")
        .replace("</em>", "</i>")
        .strip()
    )


def _text(record, key, max_length, required=False):
    value = record.get(key, "")
    if not isinstance(value, str):
        raise BadLine(_("“%(key)s” must be text.") % {"key": key})
    value = value.strip()
    if required and not value:
        raise BadLine(_("“%(key)s” is required.") % {"key": key})
    if len(value) > max_length:
        raise BadLine(
            _("“%(key)s” is longer than %(max)d characters.") % {"key": key, "max": max_length}
        )
    return value


def parse_line(raw):
    """Check one line and return the fields of the page it describes."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        raise BadLine(_("not valid JSON (%(error)s)") % {"error": error.msg}) from error
    if not isinstance(record, dict):
        raise BadLine(_("each line must be a JSON object"))
    unknown = set(record) - KNOWN_KEYS
    if unknown:
        raise BadLine(_("unknown keys: %(keys)s") % {"keys": ", ".join(sorted(unknown))})
    kind = record.get("type")
    if kind not in CONTENT_TYPES:
        raise BadLine(_("“type” must be one of column, activity, case"))
    try:
        date = datetime.date.fromisoformat(_text(record, "date", 10, required=True))
    except ValueError as error:
        raise BadLine(_("“date” must be a date like 2024-05-01")) from error
    tags = record.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise BadLine(_("“tags” must be a list of non-empty texts"))
    try:
        check_tags({t.strip() for t in tags})
    except ValidationError as error:
        raise BadLine(error.messages[0]) from error
    publish = record.get("publish", False)
    if not isinstance(publish, bool):
        raise BadLine(_("“publish” must be true or false"))
    body_html = record.get("body_html", "")
    if not isinstance(body_html, str):
        raise BadLine(_("“body_html” must be text"))
    return {
        "school": _text(record, "school", 63, required=True),
        "type": kind,
        "title": _text(record, "title", 255, required=True),
        "date": date,
        "tags": sorted({t.strip() for t in tags}),
        "body_html": sanitize_html(body_html),
        "summary": _text(record, "summary", 300),
        "activity_type": _text(record, "activity_type", 50),
        "publish": publish,
    }


def _activity_type(name):
    if not name:
        raise BadLine(_("“activity_type” is required for activity reports"))
    found = (
        ActivityType.objects.filter(name=name).first()
        or ActivityType.objects.filter(slug=name).first()
    )
    if found is None:
        known = "、".join(ActivityType.objects.values_list("name", flat=True))
        raise BadLine(
            _("unknown activity type “%(name)s”; known types: %(known)s")
            % {"name": name, "known": known}
        )
    return found


def import_fields(fields, user=None):
    """Create the page for one parsed line; returns (page, created)."""
    school = SchoolHomePage.objects.with_slug(fields["school"]).first()
    if school is None:
        raise BadLine(_("no school has the slug “%(slug)s”") % {"slug": fields["school"]})
    index_model, page_model = CONTENT_TYPES[fields["type"]]
    index = index_model.objects.child_of(school).first()
    if index is None:
        raise BadLine(
            _("the school has no %(index)s; run provision_school for it again")
            % {"index": index_model._meta.verbose_name}
        )
    existing = (
        page_model.objects.child_of(index)
        .filter(title=fields["title"], date=fields["date"])
        .first()
    )
    if existing is not None:
        return existing, False
    page = page_model(
        title=fields["title"],
        date=fields["date"],
        summary=fields["summary"],
        live=False,
        owner=user,
    )
    if fields["body_html"]:
        page.body = [("text", {"heading": "", "text": fields["body_html"]})]
    if fields["type"] == "activity":
        page.activity_type = _activity_type(fields["activity_type"])
    if fields["type"] == "case":
        page.year = fields["date"].year
    page.tags.add(*fields["tags"])
    with transaction.atomic():
        index.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if fields["publish"]:
            revision.publish(user=user)
    return page, True


def import_lines(lines, user=None):
    """Import an iterable of raw lines; never raises for a bad line."""
    report = ImportReport()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            page, created = import_fields(parse_line(raw), user=user)
        except BadLine as error:
            report.errors.append((number, str(error)))
            continue
        (report.created if created else report.skipped).append((number, page))
    return report
