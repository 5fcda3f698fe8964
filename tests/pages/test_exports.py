"""Every export the platform and its plugins offer, opened and read back (issue 33, item 5).

A school's title, a published case and a draft carry a hostile title (a spreadsheet formula,
``../`` and control characters); two more cases of the school are password- and
group-restricted, each with its own document. Then, through the real views, a county curator
builds the school's ledger (ZIP: workbook and documents), the county's case compendium (PDF)
and the evaluation results (XLSX), and a platform admin downloads every CSV and XLSX export
Wagtail's screens offer (found from the URL configuration, so a report added later is read
too). Each file is opened with the csv module, openpyxl, zipfile or pypdf and checked: no
cell is a live formula, no ZIP entry name climbs out, the restricted cases and their files
are not in the bureau's exports, and times are Beijing time.
"""

import csv
import datetime
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils.formats import date_format
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageViewRestriction,
    TaskState,
    Workflow,
    WorkflowState,
)

from curation import submissions
from curation.models import Submission
from plugins.evaluation import procedure
from plugins.evaluation.models import Campaign
from plugins.ledger.models import Compendium, CompendiumCase, LedgerExport
from tests.content import case, document, post

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://x","y")../../etc/passwd\x07\x1b\u202e'
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# 23:30 in London is 07:30 the next morning in Beijing
MOMENT = datetime.datetime(2026, 5, 4, 23, 30, tzinfo=datetime.UTC)
BEIJING_DAY = datetime.date(2026, 5, 5)
BEIJING_TIME = "2026-05-05 07:30"
PLUGIN_EXPORTS = 3  # ledger ZIP, compendium PDF, evaluation XLSX


def beijing_today():
    return datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()


def wagtail_exports():
    """The URL names of every admin listing that offers CSV and XLSX downloads."""
    found = []

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(pattern, f"{namespace}:{inner}" if namespace and inner else inner or namespace)
                continue
            view = getattr(pattern.callback, "view_class", None)
            if (
                not (view and issubclass(view, SpreadsheetExportMixin))
                or pattern.pattern.converters
            ):
                continue
            if "results" in pattern.name:  # the same view's partial listing
                continue
            if pattern.callback.view_initkwargs.get("list_export", view.list_export):
                found.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), None)
    return found


def content(response):
    assert response.status_code == 200, response.content.decode()[:2000]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment"), disposition
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def formula_cells(cells):
    return [value for value in cells if isinstance(value, str) and value.startswith(FORMULA_START)]


def read_csv(data):
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    return rows, formula_cells(value for row in rows for value in row)


def read_xlsx(data):
    """The rows of every sheet, and the cells that would run: every cell not a text cell
    (data type s) whose text starts like a formula. A text cell holds it as typed, no quote:
    a spreadsheet never runs a text cell."""
    workbook = load_workbook(io.BytesIO(data))
    rows, live = [], []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            rows.append([cell.value for cell in row])
            live += [
                cell.value for cell in row if cell.data_type != "s" and formula_cells([cell.value])
            ]
    return rows, live


def unsafe_entry(name):
    parts = name.split("/")
    return (
        name.startswith("/")
        or "\\" in name
        or any(part in ("", ".", "..") for part in parts)
        or any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 or char == "\u202e" for char in name)
    )


def build(client, data, capture):
    with capture(execute=True):
        response = client.post(reverse("ledger:index"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    export = LedgerExport.objects.latest("pk")
    assert export.status == LedgerExport.Status.DONE, export.message
    return content(client.get(reverse("ledger:download", args=[export.pk])))


def test_every_export_is_inert_safe_public_and_in_beijing_time(
    client, county, school_a, make_user, django_capture_on_commit_callbacks
):
    editor = make_user("export-editor", school=school_a, role="editor")
    curator = make_user("export-curator", region=county, role="curator")
    admin = make_user("export-admin", is_superuser=True, is_staff=True)
    school_a.title = HOSTILE
    school_a.save_revision().publish()
    attachment = document(school_a.collection, HOSTILE, "minutes.txt")
    hostile = case(
        school_a,
        HOSTILE,
        date=datetime.date(2026, 5, 4),
        slug="hostile",
        summary="+cmd|' /C calc'!A0",
        body=[("document", {"document": attachment, "label": ""})],
    )
    submissions.submit(hostile, editor)
    restricted = {}
    for kind in ("password", "groups"):
        secret = document(school_a.collection, f"{kind}-secret", f"{kind}-secret.txt")
        page = case(
            school_a,
            f"受限案例-{kind}",
            date=datetime.date(2026, 5, 4),
            slug=f"restricted-{kind}",
            body=[("document", {"document": secret, "label": ""})],
        )
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password="secret"
        )
        if kind == "groups":
            restriction.groups.set([school_a.editor_group])
        restricted[page.title] = secret.file.name.rsplit("/", 1)[-1]
    draft = post(school_a, HOSTILE, live=False, slug="hostile-draft")
    Workflow.objects.get(workflow_pages__page=school_a).start(draft, editor)
    hostile.locked, hostile.locked_by, hostile.locked_at = True, admin, MOMENT
    hostile.save(update_fields=["locked", "locked_by", "locked_at"])
    Redirect.objects.create(old_path="/hostile", redirect_link=HOSTILE)
    Query.get(HOSTILE).add_hit()
    # every time the exports write, at one moment (no waiting for the clock)
    for model, fields in (
        (PageLogEntry, ["timestamp"]),
        (ModelLogEntry, ["timestamp"]),
        (Page, ["last_published_at", "latest_revision_created_at"]),
        (WorkflowState, ["created_at"]),
        (TaskState, ["started_at"]),
        (Submission, ["submitted_at"]),
    ):
        model.objects.update(**dict.fromkeys(fields, MOMENT))

    problems, covered = [], []

    def check(name, rows, live, bureau=True):
        """A bureau's export holds the public's pages only; the admin's reports of the
        site's history list every page, as their screens do."""
        covered.append(name)
        if live:
            problems.append((name, "live formula", live[:3]))
        text = repr(rows)
        for title in restricted:
            if bureau and title in text:
                problems.append((name, "restricted page", title))
        return text

    # the bureau's exports: a curator of the county
    client.force_login(curator)
    ledger = build(
        client,
        {"kind": "school_year", "school": school_a.pk, "year": 2026},
        django_capture_on_commit_callbacks,
    )
    archive = zipfile.ZipFile(io.BytesIO(ledger))
    names = archive.namelist()
    if unsafe := [name for name in names if unsafe_entry(name)]:
        problems.append(("ledger", "unsafe entry name", unsafe))
    if len(set(names)) != len(names):
        problems.append(("ledger", "entry given twice", names))
    for title, secret in restricted.items():
        if any(secret in name or title in name for name in names):
            problems.append(("ledger", "restricted page's file", secret))
    assert any(name.endswith("minutes.txt") for name in names)  # the public case's file
    (workbook,) = [name for name in names if name.endswith(".xlsx")]
    rows, live = read_xlsx(archive.read(workbook))
    text = check("ledger", rows, live)
    if "+cmd|' /C calc'!A0" not in {value for row in rows for value in row}:
        problems.append(("ledger", "summary not written as typed", text[:300]))
    written = HOSTILE.replace("\x07", "").replace("\x1b", "")  # no control characters
    # a submission's row: school, day, page, region (every sheet starts with the school)
    submitted = [row[1] for row in rows if row[2:4] == [written, county.title]]
    days = [day.date() if isinstance(day, datetime.datetime) else day for day in submitted]
    if days != [BEIJING_DAY]:
        problems.append(("ledger", "submission not dated in Beijing time", rows))

    try:
        import weasyprint  # noqa: F401

        typesetting = True
    except OSError:  # no Pango on this machine: the compendium cannot be typeset here
        typesetting = False
    if typesetting:
        from pypdf import PdfReader

        compendium = Compendium.objects.create(
            region=county,
            title="玄武区案例汇编",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
        )
        # the restricted cases were chosen before they were restricted
        chosen = [hostile, *Page.objects.filter(title__in=restricted).order_by("pk")]
        for number, page in enumerate(chosen):
            CompendiumCase.objects.create(compendium=compendium, case_id=page.pk, sort_order=number)
        days = {beijing_today()}
        pdf = build(
            client,
            {"kind": "compendium", "compendium": compendium.pk},
            django_capture_on_commit_callbacks,
        )
        days.add(beijing_today())
        pages = PdfReader(io.BytesIO(pdf)).pages
        text = check("compendium", [page.extract_text() for page in pages], [])
        assert "etc/passwd" in text  # the public case is there
        if not any(date_format(day) in text for day in days):  # compiled on (Beijing's) today
            problems.append(("compendium", "not dated in Beijing time", text[:300]))

    campaign = Campaign.objects.create(
        region=county,
        title="评选",
        applications_open=datetime.date(2026, 3, 1),
        applications_close=datetime.date(2026, 3, 31),
        rating_close=datetime.date(2026, 4, 15),
        review_close=datetime.date(2026, 5, 31),
    )
    procedure.add_defaults(campaign)
    criteria = campaign.criteria.all()
    application = procedure.apply(
        campaign,
        school_a,
        editor,
        "品牌概述",
        {criterion.pk: (90, "") for criterion in criteria},
        on=datetime.date(2026, 3, 10),
    )
    application.sign_off(make_user("export-secretary", school=school_a, role="moderator"))
    rows, live = read_xlsx(
        content(client.get(reverse("evaluation_campaigns:export", args=[campaign.pk])))
    )
    assert "etc/passwd" in check("evaluation", rows, live)

    # Wagtail's exports: a platform admin, who reads every report
    client.force_login(admin)
    reports = wagtail_exports()
    for url_name in reports:
        for export_format in ("csv", "xlsx"):
            name = f"{url_name}.{export_format}"
            response = client.get(reverse(url_name), {"export": export_format})
            data = content(response)
            if export_format == "csv":
                rows, live = read_csv(data)
                times = [value for row in rows for value in row]
            else:
                rows, live = read_xlsx(data)
                times = [
                    value.strftime("%Y-%m-%d %H:%M")
                    for row in rows
                    for value in row
                    if isinstance(value, datetime.datetime)
                ]
            text = check(name, rows, live, bureau=False)
            assert "etc/passwd" in text, (name, text[:500])
            written = [str(time) for time in times if str(time).startswith("2026-05-0")]
            if [time for time in written if not time.startswith(BEIJING_TIME)]:
                problems.append((name, "not in Beijing time", written[:3]))

    assert not problems, "\n".join(
        f"{name}: {kind}: {str(what)[:160]}" for name, kind, what in problems
    )
    assert len(reports) == 8  # audit log, site history, aging, locked, 2 workflow, redirects, terms
    assert len(covered) == PLUGIN_EXPORTS - (not typesetting) + 2 * len(reports)  # 19
