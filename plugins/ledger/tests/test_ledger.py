"""The ledger plugin (issue 17, item 3) through its admin screen: a school's yearly ledger (an
XLSX workbook checked row by row, formula injection neutralised, the documents the pages use
in the same ZIP), built by a background task and downloadable only by the person who asked.
The compendium's PDF is tested in test_compendium_chosen.py, with the helpers here."""

import datetime
import io
import os
import subprocess
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from plugins import api
from plugins.ledger.models import LedgerExport

pytestmark = pytest.mark.django_db
DATE = datetime.date(2026, 5, 4)


def typesetting_missing():
    """What the compendium needs that this machine lacks: WeasyPrint's Pango library or a
    Chinese font (CI installs both; a bare machine with only python3 has neither)."""
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        return f"Pango: {error}"
    try:
        fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        fonts = ""
    return "" if "CJK" in fonts else "Noto CJK fonts"


MISSING = typesetting_missing()
if MISSING and os.environ.get("REQUIRE_SERVICES") == "1":
    raise RuntimeError(f"The compendium test needs {MISSING} (REQUIRE_SERVICES=1)")


def publish(school, index_slug, page):
    school.get_children().get(slug=index_slug).add_child(instance=page)
    page.save_revision().publish()
    return page


def document(school, title):
    made = get_document_model()(title=title, collection_id=school.collection_id)
    made.file.save(f"{title}.txt", ContentFile("会议纪要".encode()), save=False)
    made.save()
    return made


def picture(school, title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (166, 27, 27)).save(buffer, "PNG")
    made = get_image_model()(
        title=title, collection_id=school.collection_id, file=ImageFile(buffer, name="p.png")
    )
    made.save()
    return made


def build(client, django_capture_on_commit_callbacks, data):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ledger:index"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    export = LedgerExport.objects.latest("pk")
    assert export.status == LedgerExport.Status.DONE, export.message
    return export


def test_a_schools_yearly_ledger(
    client, make_user, school_a, school_b, django_capture_on_commit_callbacks
):
    minutes = document(school_a, "支部会议纪要")
    publish(
        school_a,
        "column",
        api.ColumnPostPage(
            title='=HYPERLINK("http://evil.example")',
            date=DATE,
            body=[("document", {"document": minutes, "label": ""})],
        ),
    )
    publish(school_a, "column", api.ColumnPostPage(title="读书分享会", date=DATE))
    publish(
        school_a, "column", api.ColumnPostPage(title="去年的文章", date=DATE.replace(year=2025))
    )
    publish(
        school_a,
        "cases",
        api.ExemplarCasePage(title="红梅先锋案例", date=DATE, year=2026, honours="市级优秀案例"),
    )
    editor = make_user("ml_editor", school=school_a, role="editor")
    client.force_login(editor)
    page = client.get(reverse("ledger:index")).content.decode()
    assert school_a.title in page and school_b.title not in page

    refused = client.post(
        reverse("ledger:index"), {"kind": "school_year", "school": school_b.pk, "year": 2026}
    )
    assert refused.status_code == 200 and not LedgerExport.objects.exists()
    export = build(
        client,
        django_capture_on_commit_callbacks,
        {"kind": "school_year", "school": school_a.pk, "year": 2026},
    )
    download = client.get(reverse("ledger:download", args=[export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    (workbook_name,) = [name for name in names if name.endswith(".xlsx")]
    assert any(name.startswith("附件/") and "支部会议纪要" in name for name in names)
    workbook = load_workbook(io.BytesIO(archive.read(workbook_name)))
    assert workbook.sheetnames[:6] == ["品牌", "年度方案", "活动", "专栏文章", "案例", "报送"]
    posts = [row[2] for row in workbook["专栏文章"].iter_rows(min_row=2)]
    # the title as typed, in a text cell: never a formula, and no quote to show
    assert sorted(cell.value for cell in posts) == [
        '=HYPERLINK("http://evil.example")',
        "读书分享会",
    ]
    assert {cell.data_type for cell in posts} == {"s"}
    (case,) = workbook["案例"].iter_rows(min_row=2, values_only=True)
    assert (case[2], case[5]) == ("红梅先锋案例", "市级优秀案例")

    client.force_login(make_user("other_editor", school=school_b, role="editor"))
    assert client.get(reverse("ledger:download", args=[export.pk])).status_code == 404
