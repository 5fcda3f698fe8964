"""Issue 34, item 1: a school's annual plan and commitment (年度方案, guideline 四.1).

One plan a year below the school's home page, published through the school's review, listed
on the brand page in a fixed number of queries, flagged on dashboards while the year's plan is
missing, and translated like any page.
"""

import json

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from curation import annual_plans
from pages import exports
from pages.models import AnnualPlanPage, BrandPage
from pages.models.content import current_year
from schools import provisioning
from tests.pages.test_english_editions import brand_of, host_of, translate

pytestmark = pytest.mark.django_db

YEAR = 2026


def plan_of(school, year=YEAR, live=True, **fields):
    page = AnnualPlanPage(
        **{
            "title": f"{school.title}{year}年党建品牌建设实施方案",
            "year": year,
            "summary": f"{school.title}{year}年的重点工作",
            "plan": "<p>每月一次党员示范课。</p>",
            "goals": "<ul><li>党员教师结对帮扶四十名学生</li></ul>",
            "commitment": "党员教师亮身份、作表率。",
            **fields,
        }
    )
    if not live:
        page.live = False
        school.add_child(instance=page)
        page.save_revision()
        return page
    school.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class InEnglish(dict):
    """What a translator types: the strings given, and every other one marked as English."""

    def get(self, key, default=None):
        return super().get(key, f"[en] {key}")


def path_of(page):
    return page.get_url_parts()[2]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def rich_text(text):
    """Draftail's content state for one paragraph, as the editor posts it."""
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [],
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def add_form(year, **changes):
    return {
        "title": f"{year}年度实施方案",
        "slug": f"plan-{year}",
        "year": str(year),
        "summary": "本年度的重点工作",
        "plan": rich_text("每月一次党员示范课。"),
        "goals": rich_text("结对帮扶四十名学生。"),
        "commitment": "党员教师亮身份、作表率。",
        **changes,
    }


def add_url(school):
    return reverse("wagtailadmin_pages:add", args=["pages", "annualplanpage", school.pk])


def test_a_plan_lives_below_the_school_and_shows_its_three_parts(client, school_a):
    assert AnnualPlanPage in school_a.specific_class.allowed_subpage_models()
    assert AnnualPlanPage.allowed_parent_page_models() == [type(school_a)]
    plan = plan_of(school_a)
    assert plan.get_parent().pk == school_a.pk
    assert plan.slug.isascii()  # a readable pinyin slug, as every school page gets

    response = client.get(path_of(plan), HTTP_HOST=host_of(school_a))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("每月一次党员示范课。", "党员教师结对帮扶四十名学生", "党员教师亮身份、作表率。"):
        assert text in html
    assert 'aria-labelledby="plan-commitment"' in html
    assert "style=" not in html.split("<main", 1)[1]  # no inline style in the content


def test_a_second_plan_for_the_same_year_is_refused(school_a, school_b, people):
    first = plan_of(school_a)
    with pytest.raises(ValidationError) as refused:
        plan_of(school_a, title="另一份方案")
    assert str(YEAR) in str(refused.value.message_dict["year"])
    plan_of(school_a, year=YEAR - 1)  # another year
    plan_of(school_b)  # another school

    moderator = client_for(people["moderator_a"])
    response = moderator.post(add_url(school_a), add_form(YEAR, **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "edit that plan instead" in response.content.decode() or (
        "请直接修改该方案" in response.content.decode()
    )
    assert AnnualPlanPage.objects.child_of(school_a).filter(year=YEAR).count() == 1

    copy_url = reverse("wagtailadmin_pages:copy", args=[first.pk])
    response = moderator.post(
        copy_url,
        {"new_title": "复制的方案", "new_slug": "copied-plan", "new_parent_page": school_a.pk},
    )
    assert response.status_code == 200
    assert AnnualPlanPage.objects.child_of(school_a).filter(year=YEAR).count() == 1

    # Editing the plan itself is no second plan.
    first.commitment = "新的承诺"
    first.save_revision().publish()


def test_only_the_school_moderator_publishes_a_plan(school_a, people):
    editor = client_for(people["editor_a"])
    editor.post(add_url(school_a), add_form(YEAR, **{"action-publish": "1"}))
    drafted = AnnualPlanPage.objects.child_of(school_a).get(year=YEAR)
    assert not drafted.live
    assert not drafted.permissions_for_user(people["editor_a"]).can_publish()

    moderator = client_for(people["moderator_a"])
    response = moderator.post(add_url(school_a), add_form(YEAR + 1, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert AnnualPlanPage.objects.child_of(school_a).get(year=YEAR + 1).live

    # Another school's staff cannot add one here.
    stranger = client_for(people["editor_b"])
    stranger.post(add_url(school_a), add_form(YEAR + 2, **{"action-publish": "1"}))
    assert not AnnualPlanPage.objects.filter(year=YEAR + 2).exists()


def brand_page(school):
    brand = BrandPage.objects.child_of(school).get()
    if not brand.live:
        brand.save_revision().publish()
    return brand


def test_the_brand_page_lists_the_published_plans_newest_first(client, school_a, school_b):
    brand = brand_page(school_a)
    this_year = plan_of(school_a, title="今年的方案")
    last_year = plan_of(school_a, year=YEAR - 1, title="去年的方案")
    plan_of(school_a, year=YEAR + 1, title="明年的草稿", live=False)
    plan_of(school_b, title="别校的方案")

    html = client.get(path_of(brand), HTTP_HOST=host_of(school_a)).content.decode()
    assert 'id="annual-plans"' in html
    assert html.index("今年的方案") < html.index("去年的方案")
    assert f'href="{path_of(this_year)}"' in html and f'href="{path_of(last_year)}"' in html
    assert "明年的草稿" not in html and "别校的方案" not in html


def test_the_brand_page_costs_the_same_queries_for_one_plan_and_many(
    client, school_a, county, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # every request rendered
    brand = brand_page(school_a)
    plan_of(school_a)

    def count():
        for cache in caches.all():  # the same start each time: nothing kept rendered
            cache.clear()
        for _warming in range(2):  # per-process caches, then the parts kept rendered
            client.get(path_of(brand), HTTP_HOST=host_of(school_a))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path_of(brand), HTTP_HOST=host_of(school_a))
        assert response.status_code == 200
        return len(queries)

    few = count()
    for year in range(YEAR - 6, YEAR):
        plan_of(school_a, year=year)
    for number in range(3):
        other = provisioning.provision_school(county, f"测试学校{number}", f"plans{number}").page
        plan_of(other)
    assert count() == few


def test_curators_see_their_regions_schools_without_the_years_plan(
    school_a, school_b, people, county, make_school
):
    panel = annual_plans.region_plans_panel(people["curator"], YEAR)
    assert [school.pk for school in panel.context["schools"]] == [school_a.pk]
    assert annual_plans.region_plans_panel(people["editor_a"], YEAR) is None

    plan_of(school_a, year=YEAR - 1)  # last year's does not count
    plan_of(school_a, year=YEAR, live=False)  # nor does a draft
    assert annual_plans.region_plans_panel(people["curator"], YEAR).context["count"] == 1
    plan_of(school_b)  # the other county's school is not the curator's business

    published = AnnualPlanPage.objects.child_of(school_a).get(year=YEAR)
    published.save_revision().publish()
    assert annual_plans.region_plans_panel(people["curator"], YEAR) is None

    # The query count does not grow with the schools of the region.
    def queries_for(year):
        with CaptureQueriesContext(connection) as queries:
            annual_plans.region_plans_panel(people["curator"], year)
        return len(queries)

    few = queries_for(YEAR + 1)
    for number in range(4):
        make_school(county, f"新学校{number}", f"newschool{number}")
    curator = type(people["curator"]).objects.get(pk=people["curator"].pk)  # no role cache
    people["curator"] = curator
    assert annual_plans.region_plans_panel(curator, YEAR + 1).context["count"] == 5
    assert queries_for(YEAR + 1) == few


def test_school_staff_are_reminded_until_the_plan_is_published(school_a, people):
    panel = annual_plans.own_plan_panel(people["editor_a"], YEAR)
    [(school, drafted, link)] = panel.context["rows"]
    assert school.pk == school_a.pk and not drafted and link == add_url(school_a)

    draft = plan_of(school_a, live=False)
    [(_school, drafted, link)] = annual_plans.own_plan_panel(people["moderator_a"], YEAR).context[
        "rows"
    ]
    assert drafted and link == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert annual_plans.own_plan_panel(people["curator"], YEAR) is None

    draft.save_revision().publish()
    assert annual_plans.own_plan_panel(people["editor_a"], YEAR) is None


def test_the_dashboard_shows_the_reminders_for_this_year(school_a, people):
    year = exports.today().year  # the dashboard's year: Beijing time's
    editor_home = client_for(people["editor_a"]).get(reverse("wagtailadmin_home"))
    assert 'id="own-annual-plan-heading"' in editor_home.content.decode()
    assert add_url(school_a) in editor_home.content.decode()
    curator_home = client_for(people["curator"]).get(reverse("wagtailadmin_home"))
    assert 'id="annual-plans-missing-heading"' in curator_home.content.decode()
    assert school_a.title in curator_home.content.decode()

    plan_of(school_a, year=year)
    editor_home = client_for(people["editor_a"]).get(reverse("wagtailadmin_home"))
    assert 'id="own-annual-plan-heading"' not in editor_home.content.decode()
    curator_home = client_for(people["curator"]).get(reverse("wagtailadmin_home"))
    assert 'id="annual-plans-missing-heading"' not in curator_home.content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_admin_forms_open_in_either_language(school_a, people, language):
    moderator = people["moderator_a"]
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    plan = plan_of(school_a)
    client = client_for(moderator)
    for url in (add_url(school_a), reverse("wagtailadmin_pages:edit", args=[plan.pk])):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'lang="{language}"' in html[:500]
        assert 'name="commitment"' in html and 'name="goals"' in html


def test_the_english_edition_of_a_plan_is_listed_on_the_english_brand_page(client, school_a):
    brand = brand_of(school_a)
    plan = plan_of(school_a, title="梅岭小学年度方案")
    english_brand = translate(brand)
    edition = translate(
        plan, strings=InEnglish({"梅岭小学年度方案": "Meiling's annual plan", plan.slug: plan.slug})
    )
    assert edition.live and edition.get_parent().pk == english_brand.get_parent().pk
    html = client.get(path_of(english_brand), HTTP_HOST=host_of(school_a)).content.decode()
    assert "Meiling&#x27;s annual plan" in html or "Meiling's annual plan" in html

    plan.unpublish()  # an edition follows its source
    edition.refresh_from_db()
    assert not edition.live


def test_a_draft_cannot_take_a_year_that_has_its_plan(school_a, people):
    plan_of(school_a)
    draft = plan_of(school_a, year=YEAR + 1, live=False)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    form = add_form(YEAR, title=draft.title, slug=draft.slug)
    response = client_for(people["editor_a"]).post(url, form)
    assert response.status_code == 200
    assert "edit that plan instead" in response.content.decode() or (
        "请直接修改该方案" in response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().year == YEAR + 1


@pytest.mark.parametrize("year", ["abc", "-1", "1999", "2101"])
def test_a_year_out_of_range_is_refused_as_such_not_as_taken(school_a, people, year):
    """A refused year left the default (this year) in the form's page, and its plan being
    there already was reported instead: 本校已有2026年度方案 for ``abc``."""
    plan_of(school_a, year=current_year())
    moderator = client_for(people["moderator_a"])
    response = moderator.post(add_url(school_a), add_form(year))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert list(errors) == ["year"]
    codes = {error.code for error in errors["year"]}
    assert codes & {"invalid", "min_value", "max_value"} and len(errors["year"]) == 1
    assert AnnualPlanPage.objects.child_of(school_a).count() == 1
