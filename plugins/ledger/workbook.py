"""A ledger (台账) for a year, of one school or of every school of a county or city: one ZIP
holding a workbook and, beside it, the files its rows name (附件/<sheet>/<school>/...).

The ledger plugin builds six sheets itself (品牌, 年度方案, 活动, 专栏文章, 案例, 报送); other
plugins add theirs through the ``ledger_sheets`` hook (docs/plugins.md), each a
``api.exports.Sheet`` placed by its ``order``. Every sheet starts with the school, so one
workbook serves a whole region, and the sheets are gathered school by school so that a large
region's ledger reports its progress as it goes.

A ledger goes to the bureau's files, so it holds what the public may read: pages with a view
restriction (a password, a group, sign-in), drafts and their files stay out. Cells, entry names
and dates are written by ``api.exports``, which keeps them inert, safe and in Beijing time.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.rich_text import get_text_for_indexing

from plugins import api

LIST_SEPARATOR = "、"


def label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def local_date(moment):
    return api.exports.beijing(moment).date() if moment else None


def text_of(html):
    return get_text_for_indexing(html or "")


def file_name(field_file):
    return field_file.name.rsplit("/", 1)[-1]


def public_in(model, school):
    return api.exports.bureau_pages(model.objects.descendant_of(school))


def published(model, school, year):
    """The school's public pages of ``model`` dated in ``year``, oldest first."""
    return list(public_in(model, school).filter(date__year=year).order_by("date", "pk"))


def with_documents(school, pages):
    """Each page with the names of the documents it uses, and the files to file for them
    (in a folder of the page, under the school's)."""
    used = api.media_used_by(pages, get_document_model())
    files = []
    for page in pages:
        page.document_names = LIST_SEPARATOR.join(
            file_name(document.file) for document in used[page.pk]
        )
        folder = [school.title, f"{page.date} {page.title}"]
        files.extend((folder, document.file) for document in used[page.pk])
    return pages, files


def brand(schools, year):
    """The brand as it stands: a ledger files it every year."""
    model = api.BrandPage
    fields = (
        "slogan",
        "connotation",
        "philosophy",
        "heritage_innovation",
        "material_culture",
        "spiritual_culture",
        "institutional_culture",
        "behavioural_culture",
    )
    rows, files = [], []
    for school in schools:
        for page in public_in(model, school).select_related("logo").order_by("path"):
            logo = page.logo.file if page.logo else None
            rows.append(
                [
                    school.title,
                    page.brand_name,
                    file_name(logo) if logo else "",
                    page.slogan,
                    *(text_of(getattr(page, name)) for name in fields[1:]),
                    page.full_url,
                ]
            )
            if logo:
                files.append(([school.title], logo))
    headers = [
        _("School"),
        label(model, "brand_name"),
        label(model, "logo"),
        *(label(model, name) for name in fields),
        _("Address"),
    ]
    return [api.exports.Sheet(_("Brand"), headers, rows, files, order=10)]


def annual_plan(schools, year):
    model = api.AnnualPlanPage
    rows = [
        [
            school.title,
            page.year,
            page.title,
            text_of(page.plan),
            text_of(page.goals),
            page.commitment,
            page.summary,
            page.full_url,
        ]
        for school in schools
        for page in public_in(model, school).filter(year=year).order_by("path")
    ]
    headers = [
        _("School"),
        label(model, "year"),
        _("Title"),
        *(label(model, name) for name in ("plan", "goals", "commitment", "summary")),
        _("Address"),
    ]
    return [api.exports.Sheet(_("Annual plan"), headers, rows, order=20)]


def dated_pages(title, model, order, columns):
    """A sheet maker for a school's dated pages of ``model`` in the year: the school, the date,
    then ``columns`` as (header, value of a page), then the page's attachments, its first
    publication and its address; the documents it uses are filed beside the workbook."""

    def sheet(schools, year):
        rows, files = [], []
        for school in schools:
            pages, documents = with_documents(school, published(model, school, year))
            files.extend(documents)
            rows.extend(
                [
                    school.title,
                    page.date,
                    *(value(page) for _header, value in columns),
                    page.document_names,
                    local_date(page.first_published_at),
                    page.full_url,
                ]
                for page in pages
            )
        headers = [
            _("School"),
            _("Date"),
            *(header() for header, _value in columns),
            _("Attachments"),
            pgettext("article", "Published"),
            _("Address"),
        ]
        return [api.exports.Sheet(title(), headers, rows, files, order=order)]

    return sheet


def field(model, name):
    """A column of the page's field ``name``, headed by its label."""
    return (lambda: label(model, name), lambda page: getattr(page, name))


TITLE = (lambda: _("Title"), lambda page: page.title)
SUMMARY = (lambda: _("Summary"), lambda page: page.summary)

activities = dated_pages(
    lambda: _("Activities"),
    api.ActivityReportPage,
    30,
    [
        field(api.ActivityReportPage, "end_date"),
        TITLE,
        field(api.ActivityReportPage, "place"),
        field(api.ActivityReportPage, "organiser"),
        field(api.ActivityReportPage, "participant_count"),
        (lambda: _("Activity type"), lambda page: str(page.activity_type or "")),
        SUMMARY,
    ],
)
column_posts = dated_pages(
    lambda: _("Column posts"),
    api.ColumnPostPage,
    40,
    [
        TITLE,
        field(api.ColumnPostPage, "author"),
        (
            lambda: label(api.ColumnPostPage, "culture_dimension"),
            lambda page: page.get_culture_dimension_display(),
        ),
        SUMMARY,
    ],
)
cases = dated_pages(
    lambda: _("Cases"),
    api.ExemplarCasePage,
    50,
    [
        TITLE,
        field(api.ExemplarCasePage, "year"),
        SUMMARY,
        (
            lambda: label(api.ExemplarCasePage, "honours"),
            lambda page: LIST_SEPARATOR.join(page.honour_list),
        ),
    ],
)


def route_of(submission):
    """The submission and the ones forwarding made of it, school to province."""
    route = [submission]
    while (step := getattr(route[-1], "forwarded_to", None)) is not None:
        route.append(step)
    return route


def submissions(schools, year):
    """Each work the school submitted once, with where it went: a forwarded work is one row
    however many levels it passed, not one per level."""
    rows = []
    for school in schools:
        sent = api.Submission.objects.filter(
            school=school,
            year=year,
            forwarded_from__isnull=True,
            page__in=api.exports.bureau_pages(school.get_descendants()),
        ).select_related(
            "page",
            "region",
            "forwarded_to__region",
            "forwarded_to__forwarded_to__region",
        )
        for first in sent.order_by("submitted_at", "pk"):
            route = route_of(first)
            last = route[-1]
            rows.append(
                [
                    school.title,
                    local_date(first.submitted_at),
                    first.page.title,
                    first.region.title,
                    first.get_status_display(),
                    " → ".join(step.region.title for step in route[1:]),
                    last.get_status_display(),
                    local_date(last.decided_at),
                    last.reason,
                    first.page.full_url,
                ]
            )
    headers = [
        _("School"),
        _("Submitted"),
        _("Title"),
        _("Submitted to"),
        _("Outcome"),
        _("Forwarded to"),
        _("Final outcome"),
        _("Decided"),
        _("Comment"),
        _("Address"),
    ]
    return [api.exports.Sheet(_("Submissions"), headers, rows, order=60)]


BUILT_IN = (brand, annual_plan, activities, column_posts, cases, submissions)


def gather(schools, year, progress):
    """Every sheet, ours and the plugins', each made school by school and merged by title,
    in their ``order``. Each is first asked for no school, which gives its headers: a
    region without schools (or a sheet without rows) still has its columns."""
    makers = [*BUILT_IN, *hooks.get_hooks("ledger_sheets")]
    merged = {}
    for number, group in enumerate([[], *([school] for school in schools)]):
        for make in makers:
            for sheet in make(group, year):
                into = merged.setdefault(
                    str(sheet.title),
                    api.exports.Sheet(sheet.title, sheet.headers, [], [], sheet.order),
                )
                into.rows.extend(sheet.rows)
                into.files.extend(sheet.files)
        done = ngettext(
            "%(done)d of %(total)d school", "%(done)d of %(total)d schools", len(schools)
        ) % {"done": number, "total": len(schools)}
        progress(5 + 60 * number // max(len(schools), 1), done)
    return sorted(merged.values(), key=lambda sheet: sheet.order)


def ledger(title, schools, year, progress):
    """The ZIP's bytes; ``progress(percent, note)`` is told how far it has got after each
    school (the note counts the schools done) and each file."""
    sheets = gather(schools, year, progress)
    archive = api.exports.Archive()
    archive.add([f"{title}{year}年台账.xlsx"], api.exports.xlsx_bytes(sheets))
    progress(70)
    files = [
        (sheet.title, parts, field_file) for sheet in sheets for parts, field_file in sheet.files
    ]
    for number, (sheet_title, parts, field_file) in enumerate(files, start=1):
        with field_file.open("rb") as handle:
            archive.add(
                [_("Attachments"), sheet_title, *parts, file_name(field_file)], handle.read()
            )
        progress(70 + 29 * number // len(files))
    return archive.close()
