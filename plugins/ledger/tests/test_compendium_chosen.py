"""A compendium the bureau edits (issue 34, item 6): the curator chooses and orders public cases
of the region (the adopted, honoured and featured ones offered first; others refused by the
model, whatever the form posts), writes a foreword, and the PDF has the issuing bureau and the
period on its cover, the foreword, the brand profiles and the chosen cases in the chosen order
with their pictures two to a row; another region's curator neither sees nor edits it; the
dashboard reminds a region's curators when two years have passed since its last compendium."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from plugins import api
from plugins.ledger.compendium import cases_of
from plugins.ledger.compendium_admin import regions_due
from plugins.ledger.models import Compendium, CompendiumCase, LedgerExport
from plugins.ledger.tests.test_ledger import MISSING, build, picture, publish

pytestmark = pytest.mark.django_db
DATE = datetime.date(2026, 5, 4)


def case(school, title, **fields):
    return publish(school, "cases", api.ExemplarCasePage(title=title, date=DATE, **fields))


@pytest.fixture
def cases(school_a, school_b, county, make_school, make_user):
    """Cases of the county: plain, adopted, honoured, featured, a draft, a restricted one; and
    one of the other county."""
    second = make_school(county, "第二实验小学", "di-er-shiyan")
    made = {
        "plain": case(school_a, "普通案例"),
        "adopted": case(second, "采用案例"),
        "honoured": case(school_a, "获奖案例", honours="市级优秀案例"),
        "featured": case(second, "推荐案例"),
        "restricted": case(school_a, "内部案例"),
        "elsewhere": case(school_b, "外区案例"),
    }
    draft = api.ExemplarCasePage(title="草稿案例", date=DATE, live=False)
    school_a.get_children().get(slug="cases").add_child(instance=draft)
    made["draft"] = draft
    PageViewRestriction.objects.create(page=made["restricted"], restriction_type="login")
    api.Submission.objects.create(
        page=made["adopted"],
        school=second,
        region=county,
        status=api.Submission.Status.ACCEPTED,
    )
    api.Feature.objects.create(region=county, page=made["featured"], reason="示范")
    return made


def compendium_data(county, case_pages, title="玄武区案例汇编"):
    return nested_form_data(
        {
            "region": county.pk,
            "title": title,
            "starts_on": "2025-01-01",
            "ends_on": "2026-12-31",
            "bureau": "",
            "foreword": rich_text("<p>汇编前言：遴选优秀案例。</p>"),
            "chosen_cases": inline_formset([{"case": page.pk, "id": ""} for page in case_pages]),
        }
    )


def test_the_chooser_offers_adopted_awarded_and_featured_cases_first(
    client, make_user, county, cases
):
    client.force_login(make_user("xw_curator", region=county, role="curator"))
    response = client.get(reverse("compendium_case_chooser:choose"))
    assert response.status_code == 200
    html = response.json()["html"]
    offered = [cases[key].title for key in ("adopted", "honoured", "featured", "plain")]
    assert all(title in html for title in offered)
    positions = [html.index(title) for title in offered]
    assert max(positions[:3]) < positions[3]  # the distinguished ones come first
    for hidden in ("draft", "restricted", "elsewhere"):
        assert cases[hidden].title not in html
        chosen = reverse("compendium_case_chooser:chosen", args=[cases[hidden].pk])
        assert client.get(chosen).status_code == 404  # a guessed id names nothing
    assert client.get(reverse("compendium_case_chooser:chosen", args=["1x"])).status_code == 404
    chosen = client.get(reverse("compendium_case_chooser:chosen", args=[cases["plain"].pk]))
    assert chosen.json()["result"]["title"] == "普通案例"


def test_only_public_cases_of_the_region_are_chosen_in_the_order_given(
    client, make_user, county, cases
):
    client.force_login(make_user("xw_curator", region=county, role="curator"))
    add = reverse("compendiums:add")
    for refused in ("draft", "restricted", "elsewhere"):
        response = client.post(add, compendium_data(county, [cases["plain"], cases[refused]]))
        assert response.status_code == 200, refused
        assert f"请选择{county.title}学校已发布且公开的案例。" in response.content.decode()
        assert not Compendium.objects.exists()

    twice = client.post(add, compendium_data(county, [cases["plain"], cases["plain"]]))
    assert "案例重复入选：普通案例。" in twice.content.decode()
    assert not Compendium.objects.exists()

    order = [cases["featured"], cases["plain"], cases["adopted"]]
    response = client.post(add, compendium_data(county, order))
    assert response.status_code == 302, response.content.decode()[:2000]
    compendium = Compendium.objects.get()
    chosen = compendium.chosen_cases.order_by("sort_order").values_list("case_id", flat=True)
    assert list(chosen) == [page.pk for page in order]
    assert compendium.issuer.startswith(county.title)  # no bureau named: the region's

    # the model refuses a case outside the region, whichever way the row is made
    row = CompendiumCase(compendium=compendium, case=cases["elsewhere"])
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "case" in refused.value.message_dict


def test_another_regions_curator_neither_sees_nor_edits_it(
    client, make_user, county, other_county, cases
):
    compendium = Compendium.objects.create(
        region=county, title="玄武区案例汇编", starts_on=DATE, ends_on=DATE
    )
    client.force_login(make_user("gl_curator", region=other_county, role="curator"))
    listing = client.get(reverse("compendiums:index")).content.decode()
    assert "玄武区案例汇编" not in listing
    edit = reverse("compendiums:edit", args=[compendium.pk])
    assert client.get(edit).status_code == 404
    posted = client.post(edit, compendium_data(other_county, [], title="改名"))
    assert posted.status_code == 404
    compendium.refresh_from_db()
    assert compendium.title == "玄武区案例汇编"
    built = client.post(
        reverse("ledger:index"), {"kind": "compendium", "compendium": compendium.pk}
    )
    assert built.status_code == 200 and not LedgerExport.objects.exists()


def test_the_reminder_when_two_years_have_passed(
    client, make_user, county, other_county, django_assert_max_num_queries
):
    curator = make_user("xw_curator", region=county, role="curator")
    today = datetime.date(2026, 12, 7)
    with django_assert_max_num_queries(2):  # the user's groups, then the regions: bounded
        assert [region.pk for region in regions_due(curator, today)] == [county.pk]
    Compendium.objects.create(
        region=county,
        title="上一期",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2024, 12, 7),
    )
    assert [region.last for region in regions_due(curator, today)] == [datetime.date(2024, 12, 7)]
    assert not regions_due(curator, datetime.date(2026, 12, 6)).exists()
    client.force_login(curator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("compendiums:add") in dashboard and "2024-12-07" in dashboard
    Compendium.objects.create(region=county, title="本期", starts_on=today, ends_on=today)
    assert not regions_due(curator, today).exists()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "compendium-due-heading" not in dashboard


@pytest.mark.skipif(bool(MISSING), reason=f"missing: {MISSING}")
def test_the_pdf_has_cover_foreword_brands_and_the_chosen_cases_in_order(
    client, make_user, county, school_a, cases, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    county.bureau_name = "玄武区教育局党委"
    county.save_revision().publish()
    brand = api.BrandPage.objects.child_of(school_a).get()
    brand.brand_name = "红梅先锋"
    brand.logo = picture(school_a, "红梅标识")
    brand.connotation = "<p>红梅傲雪，先锋引领。</p>"
    brand.philosophy = "<p>支部建在年级上。</p>"
    brand.save_revision().publish()
    pictured = [
        case(
            school_a,
            f"图文案例{letter}",
            practice="<p>" + "主要做法和成效。" * 90 + "</p>",
            body=[
                (
                    "image",
                    {"image": picture(school_a, f"照片{letter}{n}"), "caption": "", "alt_text": ""},
                )
                for n in range(4)
            ],
        )
        for letter in "甲乙"
    ]
    order = [cases["featured"], *pictured, cases["plain"]]
    client.force_login(make_user("xw_curator", region=county, role="curator"))
    assert (
        client.post(reverse("compendiums:add"), compendium_data(county, order)).status_code == 302
    )
    compendium = Compendium.objects.get()
    export = build(
        client,
        django_capture_on_commit_callbacks,
        {"kind": "compendium", "compendium": compendium.pk},
    )
    assert export.compendium == compendium
    response = client.get(reverse("ledger:download", args=[export.pk]))
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    pages = [page.extract_text() for page in pdf.pages]
    text = "\n".join(pages)
    cover = pages[0]
    assert "玄武区案例汇编" in cover and "玄武区教育局党委" in cover
    assert "2025" in cover and "2026" in cover
    assert "汇编前言：遴选优秀案例。" in pages[1]
    for words in ("红梅先锋", "红梅傲雪，先锋引领。", "支部建在年级上。"):
        assert words in text
    chapters = [item for item in pdf.outline if not isinstance(item, list)]
    assert [item.title for item in chapters[-4:]] == [page.title for page in order]
    contents = pages[2]
    numbers = [pdf.get_destination_page_number(item) + 1 for item in chapters[-4:]]
    for page, number in zip(order, numbers, strict=True):
        assert f"{page.title} · " in contents and str(number) in contents
    assert numbers == sorted(numbers)  # the chapters follow in the chosen order
    for unchosen in ("adopted", "honoured", "draft", "elsewhere"):
        assert cases[unchosen].title not in text
    # pictures two to a row flowing with the text, cases one after another: every page of the
    # cases but the last is filled to its lower third (a lone tall picture or a case forced
    # onto a new page would leave the page above it half empty)
    first = pdf.get_destination_page_number(chapters[-4])
    for number in range(first, len(pdf.pages) - 1):
        assert lowest_text(pdf.pages[number]) < float(pdf.pages[number].mediabox.height) / 3
    assert all(f"照片甲{n}" in text and f"照片乙{n}" in text for n in range(4))  # captions


def lowest_text(page, footer=70):
    """How high above the page's foot its lowest line of text (page number aside) stands."""
    heights = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            heights.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return min(height for height in heights if height > footer)


def test_a_chosen_case_unpublished_since_is_left_out(county, cases):
    compendium = Compendium.objects.create(
        region=county, title="玄武区案例汇编", starts_on=DATE, ends_on=DATE
    )
    chosen = [cases["honoured"], cases["plain"], cases["featured"]]
    for number, page in enumerate(chosen):
        CompendiumCase.objects.create(compendium=compendium, case=page, sort_order=number)
    cases["plain"].unpublish()
    assert [page.title for page in cases_of(compendium)] == ["获奖案例", "推荐案例"]
