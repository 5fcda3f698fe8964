"""Issue 34, item 5: a county's ledger (台账) for a year, asked for on the ledger screen by the
county's curator, built by the background task and opened with openpyxl: the sheets in their
order, each sheet's columns with the school first, Beijing-time dates, only public pages, the
files the rows name filed in the ZIP; and who may not ask for it (a school's editor, another
county's curator), and English editions never offered as schools."""

import datetime
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image as PILImage
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.operations import TranslationCreator

from plugins import api
from plugins.ledger.models import LedgerExport

pytestmark = pytest.mark.django_db
YEAR = 2026
# 16:30 UTC on 4 May is half past midnight on 5 May in Beijing.
NEAR_MIDNIGHT = datetime.datetime(2026, 5, 4, 16, 30, tzinfo=datetime.UTC)

BUILT_IN = ["品牌", "年度方案", "活动", "专栏文章", "案例", "报送"]
COLUMNS = {
    "品牌": [
        "学校",
        "品牌名称",
        "品牌标识",
        "品牌口号",
        "品牌内涵",
        "品牌理念",
        "传承与创新",
        "物质文化",
        "精神文化",
        "制度文化",
        "行为文化",
        "地址",
    ],
    "年度方案": ["学校", "年度", "标题", "实施方案", "年度目标", "公开承诺", "摘要", "地址"],
    "活动": [
        "学校",
        "日期",
        "结束日期",
        "标题",
        "地点",
        "组织者",
        "参加人数",
        "活动形式",
        "摘要",
        "附件",
        "发布日期",
        "地址",
    ],
    "专栏文章": [
        "学校",
        "日期",
        "标题",
        "作者",
        "文化维度",
        "摘要",
        "附件",
        "发布日期",
        "地址",
    ],
    "案例": ["学校", "日期", "标题", "年度", "摘要", "所获荣誉", "附件", "发布日期", "地址"],
    "报送": [
        "学校",
        "报送时间",
        "标题",
        "报送至",
        "处理结果",
        "转报至",
        "最终结果",
        "处理时间",
        "意见",
        "地址",
    ],
}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def index_of(school, slug):
    return school.get_children().get(slug=slug)


def document(school, title):
    made = get_document_model()(title=title, collection_id=school.collection_id)
    made.file.save(f"{title}.txt", ContentFile("签到表".encode()), save=False)
    made.save()
    return made


def picture(school, name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 64), (166, 27, 27)).save(buffer, "PNG")
    made = get_image_model()(
        title=name, collection_id=school.collection_id, file=ImageFile(buffer, name=f"{name}.png")
    )
    made.save()
    return made


def attachments(*documents):
    return [("document", {"document": made, "label": ""}) for made in documents]


def published_at(page, moment):
    type(page).objects.filter(pk=page.pk).update(first_published_at=moment)


def themed_party_day():
    activity_type = api.ActivityReportPage._meta.get_field("activity_type").related_model
    return activity_type.objects.get(slug="themed-party-day")


@pytest.fixture
def county_year(county, city, school_a, school_b, make_school):
    """A county of two schools with a year of public, private, draft and last year's
    material, and a school of another county."""
    second = make_school(county, "第二实验小学", "di-er-shiyan")
    logo = picture(school_a, "红梅标识")
    brand = api.BrandPage.objects.child_of(school_a).get()
    brand.brand_name = "红梅先锋"
    brand.logo = logo
    brand.slogan = "像红梅一样迎寒绽放"
    brand.connotation = "<p>红梅傲雪，</p><p>先锋引领。</p>"
    brand.philosophy = "<p>支部建在年级上</p>"
    brand.save_revision().publish()
    publish(
        school_a,
        api.AnnualPlanPage(
            title="2026年党建文化建设实施方案",
            year=YEAR,
            summary="年度方案摘要",
            plan="<p>一月启动，七月总结。</p>",
            goals="<p>建成红梅先锋品牌。</p>",
            commitment="每月公开一次进展。",
        ),
    )
    publish(
        school_a,
        api.AnnualPlanPage(title="2025年实施方案", year=YEAR - 1, commitment="去年的承诺"),
    )

    activities = index_of(school_a, "activities")
    sign_in = document(school_a, "主题党日签到表")
    party_day = publish(
        activities,
        api.ActivityReportPage(
            title="主题党日：重温入党誓词",
            date=datetime.date(2026, 5, 4),
            end_date=datetime.date(2026, 5, 5),
            activity_type=themed_party_day(),
            place="党员活动室",
            organiser="学校党支部",
            participant_count=36,
            summary="全体党员重温入党誓词。",
            attachments=attachments(sign_in),
        ),
    )
    published_at(party_day, NEAR_MIDNIGHT)
    private = publish(
        activities,
        api.ActivityReportPage(
            title="内部的支部会议",
            date=datetime.date(2026, 6, 1),
            activity_type=themed_party_day(),
            attachments=attachments(document(school_a, "内部会议记录")),
        ),
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="pw")
    draft = api.ActivityReportPage(
        title="尚未发布的活动", date=datetime.date(2026, 6, 2), activity_type=themed_party_day()
    )
    draft.live = False
    activities.add_child(instance=draft)
    draft.save_revision()
    publish(
        activities,
        api.ActivityReportPage(
            title="去年的活动", date=datetime.date(2025, 12, 31), activity_type=themed_party_day()
        ),
    )
    publish(
        index_of(school_b, "activities"),
        api.ActivityReportPage(
            title="邻区学校的活动", date=datetime.date(2026, 5, 4), activity_type=themed_party_day()
        ),
    )

    notes = document(second, "读书会记录")
    reading = publish(
        index_of(second, "column"),
        api.ColumnPostPage(
            title="书香党建读书会",
            date=datetime.date(2026, 4, 23),
            author="王老师",
            summary="读书会第十年。",
            body=[("document", {"document": notes, "label": ""})],
        ),
    )
    publish(
        index_of(second, "cases"),
        api.ExemplarCasePage(
            title="书香党建：读书会十年",
            date=datetime.date(2026, 3, 1),
            year=YEAR,
            honours="区级优秀案例\n市级文明校园",
        ),
    )

    first = api.Submission.objects.create(
        page=reading,
        school=second,
        region=county,
        year=YEAR,
        submitted_at=NEAR_MIDNIGHT,
        status=api.Submission.Status.FORWARDED,
        decided_at=NEAR_MIDNIGHT + datetime.timedelta(days=2),
    )
    api.Submission.objects.create(
        page=reading,
        school=second,
        region=city,
        year=YEAR,
        forwarded_from=first,
        submitted_at=NEAR_MIDNIGHT + datetime.timedelta(days=2),
        status=api.Submission.Status.ACCEPTED,
        reason="市级采用",
        decided_at=datetime.datetime(2026, 5, 10, 17, 0, tzinfo=datetime.UTC),
    )
    return second


def build(client, capture, data):
    with capture(execute=True):
        response = client.post(reverse("ledger:index"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    export = LedgerExport.objects.latest("pk")
    assert export.status == LedgerExport.Status.DONE, export.message
    assert export.progress == 100
    return export


def opened(client, export):
    response = client.get(reverse("ledger:download", args=[export.pk]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    (name,) = [name for name in archive.namelist() if name.endswith(".xlsx")]
    return archive, name, load_workbook(io.BytesIO(archive.read(name)))


def rows(workbook, title):
    return list(workbook[title].iter_rows(min_row=2, values_only=True))


def as_dicts(workbook, title):
    headers = [cell.value for cell in workbook[title][1]]
    return [dict(zip(headers, row, strict=True)) for row in rows(workbook, title)]


def day(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def plugin_sheet_titles():
    """What the other plugins' ``ledger_sheets`` hooks add, in their order."""
    sheets = [sheet for make in hooks.get_hooks("ledger_sheets") for sheet in make([], YEAR)]
    return [str(sheet.title) for sheet in sorted(sheets, key=lambda sheet: sheet.order)]


def test_a_countys_ledger_opened_with_openpyxl(
    client, make_user, county, city, school_a, county_year, django_capture_on_commit_callbacks
):
    second = county_year
    curator = make_user("xw_curator", region=county, role="curator")
    client.force_login(curator)
    screen = client.get(reverse("ledger:index"))
    assert list(screen.context["region_ledger_form"].fields["region"].queryset) == [county]

    export = build(
        client,
        django_capture_on_commit_callbacks,
        {"kind": "region_year", "region": county.pk, "year": YEAR},
    )
    assert export.kind == LedgerExport.Kind.REGION_YEAR and export.region_id == county.pk
    assert export.message == "已完成 2 所，共 2 所学校"  # progress school by school
    archive, name, workbook = opened(client, export)
    assert name == "玄武区2026年台账.xlsx"

    assert workbook.sheetnames == [*BUILT_IN, *plugin_sheet_titles()]
    for title in workbook.sheetnames:
        headers = [cell.value for cell in workbook[title][1]]
        assert headers[0] == "学校", title
        if title in COLUMNS:
            assert headers == COLUMNS[title], title
        assert {row[0] for row in rows(workbook, title)} <= {school_a.title, second.title}

    (brand,) = as_dicts(workbook, "品牌")
    assert brand["学校"] == "梅岭小学" and brand["品牌名称"] == "红梅先锋"
    logo = get_image_model().objects.get(title="红梅标识").file.name.rsplit("/", 1)[-1]
    assert brand["品牌标识"] == logo and logo.endswith(".png")
    assert brand["品牌内涵"] == "红梅傲雪， 先锋引领。"  # rich text as plain text
    assert brand["地址"].startswith("http") and brand["地址"].endswith("/brand/")
    assert f"附件/品牌/梅岭小学/{brand['品牌标识']}" in archive.namelist()

    (plan,) = as_dicts(workbook, "年度方案")  # this year's plan only
    assert plan["学校"] == "梅岭小学" and plan["年度"] == YEAR
    assert plan["实施方案"] == "一月启动，七月总结。" and plan["年度目标"] == "建成红梅先锋品牌。"
    assert plan["公开承诺"] == "每月公开一次进展。" and plan["摘要"] == "年度方案摘要"

    (activity,) = as_dicts(workbook, "活动")  # not private, draft, last year's or gulou's
    assert activity["学校"] == "梅岭小学" and activity["标题"] == "主题党日：重温入党誓词"
    assert day(activity["日期"]) == datetime.date(2026, 5, 4)
    assert day(activity["结束日期"]) == datetime.date(2026, 5, 5)
    assert (activity["地点"], activity["组织者"], activity["参加人数"]) == (
        "党员活动室",
        "学校党支部",
        36,
    )
    assert activity["活动形式"] == themed_party_day().name
    assert activity["摘要"] == "全体党员重温入党誓词。"
    assert activity["附件"] == "主题党日签到表.txt"
    assert day(activity["发布日期"]) == datetime.date(2026, 5, 5)  # Beijing's day, not UTC's
    assert "/activities/" in activity["地址"]

    (post,) = as_dicts(workbook, "专栏文章")
    assert (post["学校"], post["标题"], post["作者"]) == (
        "第二实验小学",
        "书香党建读书会",
        "王老师",
    )
    assert post["附件"] == "读书会记录.txt"
    (case,) = as_dicts(workbook, "案例")
    assert case["学校"] == "第二实验小学" and case["所获荣誉"] == "区级优秀案例、市级文明校园"

    (submission,) = as_dicts(workbook, "报送")  # one row for the work, not one per level
    assert submission["学校"] == "第二实验小学" and submission["标题"] == "书香党建读书会"
    assert day(submission["报送时间"]) == datetime.date(2026, 5, 5)
    assert (submission["报送至"], submission["处理结果"]) == ("玄武区", "已采用并转报")
    assert (submission["转报至"], submission["最终结果"]) == ("南京市", "已采用")
    assert day(submission["处理时间"]) == datetime.date(2026, 5, 11)
    assert submission["意见"] == "市级采用"

    names = archive.namelist()
    assert "附件/活动/梅岭小学/2026-05-04 主题党日：重温入党誓词/主题党日签到表.txt" in names
    assert "附件/专栏文章/第二实验小学/2026-04-23 书香党建读书会/读书会记录.txt" in names
    text = " ".join(
        str(value)
        for title in workbook.sheetnames
        for row in rows(workbook, title)
        for value in row
    )
    for absent in (
        "内部的支部会议",
        "尚未发布的活动",
        "去年的活动",
        "邻区学校的活动",
        "去年的承诺",
    ):
        assert absent not in text
    assert not any("内部会议记录" in name for name in names)

    client.force_login(make_user("nj_curator", region=city, role="curator"))
    assert client.get(reverse("ledger:download", args=[export.pk])).status_code == 404


def test_a_school_ledger_has_the_same_sheets_for_one_school(
    client, make_user, school_a, county_year, django_capture_on_commit_callbacks
):
    client.force_login(make_user("ml_editor", school=school_a, role="editor"))
    export = build(
        client,
        django_capture_on_commit_callbacks,
        {"kind": "school_year", "school": school_a.pk, "year": YEAR},
    )
    _archive, name, workbook = opened(client, export)
    assert name == "梅岭小学2026年台账.xlsx"
    assert workbook.sheetnames[: len(BUILT_IN)] == BUILT_IN
    schools = {row[0] for title in workbook.sheetnames for row in rows(workbook, title)}
    assert schools == {"梅岭小学"}
    assert rows(workbook, "专栏文章") == [] and rows(workbook, "报送") == []


def test_who_may_not_ask_for_a_countys_ledger(
    client, make_user, county, other_county, school_a, django_capture_on_commit_callbacks
):
    asked = {"kind": "region_year", "region": county.pk, "year": YEAR}
    editor = make_user("ml_editor", school=school_a, role="editor")
    neighbour = make_user("gl_curator", region=other_county, role="curator")
    for user in (editor, neighbour):
        client.force_login(user)
        screen = client.get(reverse("ledger:index"))
        assert county not in screen.context["region_ledger_form"].fields["region"].queryset
        with django_capture_on_commit_callbacks(execute=True):
            refused = client.post(reverse("ledger:index"), asked)
        assert refused.status_code == 200
        assert refused.context["region_ledger_form"].errors["region"]
        assert not LedgerExport.objects.exists()
    assert list(screen.context["region_ledger_form"].fields["region"].queryset) == [other_county]
    client.force_login(editor)
    assert "region-ledger-heading" not in client.get(reverse("ledger:index")).content.decode()
    bogus = client.post(reverse("ledger:index"), {**asked, "kind": "province_year"})
    assert bogus.status_code == 400 and not LedgerExport.objects.exists()


def test_english_editions_are_never_offered_as_schools(client, make_user, county, school_a):
    english = Locale.objects.get(language_code="en")
    TranslationCreator(None, [english]).create_translations(school_a)
    edition = school_a.get_translation(english)
    assert edition.specific_class is api.SchoolHomePage
    people = (
        make_user("ml_editor", school=school_a, role="editor"),
        make_user("xw_curator", region=county, role="curator"),
        make_user("root", is_superuser=True),
    )
    for person in people:
        client.force_login(person)
        screen = client.get(reverse("ledger:index"))
        offered = screen.context["school_form"].fields["school"].queryset
        assert school_a in offered and edition.pk not in {school.pk for school in offered}
        regions = screen.context["region_ledger_form"].fields["region"].queryset
        assert all(region.locale_id != english.pk for region in regions)
        refused = client.post(
            reverse("ledger:index"), {"kind": "school_year", "school": edition.pk, "year": YEAR}
        )
        assert refused.status_code == 200 and not LedgerExport.objects.exists()
