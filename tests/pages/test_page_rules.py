import pytest
from django.apps import apps
from wagtail.models import Page

from cms import plugin_loader
from pages.models import (
    ActivityIndexPage,
    ActivityReportPage,
    AnnualPlanPage,
    BrandPage,
    CaseIndexPage,
    ColumnIndexPage,
    ColumnPostPage,
    ExemplarCasePage,
    RegionPage,
    SchoolHomePage,
)

pytestmark = pytest.mark.django_db


def test_regions_nest_and_hold_schools(county):
    assert RegionPage.can_create_at(Page.get_first_root_node())
    assert RegionPage.can_create_at(county)
    assert SchoolHomePage.can_create_at(county)


def test_school_home_only_under_a_region(school_a, county):
    assert not SchoolHomePage.can_create_at(Page.get_first_root_node())
    assert not SchoolHomePage.can_create_at(school_a)
    allowed = set(school_a.specific_class.allowed_subpage_models())
    core = {BrandPage, ColumnIndexPage, ActivityIndexPage, CaseIndexPage, AnnualPlanPage}
    plugin_types = {
        apps.get_model(label) for plugin in plugin_loader.enabled() for label in plugin.page_types
    }
    assert core <= allowed and allowed - core <= plugin_types


def test_one_brand_and_one_index_of_each_kind_per_school(school_a):
    for model in (BrandPage, ColumnIndexPage, ActivityIndexPage, CaseIndexPage):
        assert not model.can_create_at(school_a), model


@pytest.mark.parametrize(
    ("child", "index"),
    [
        (ColumnPostPage, ColumnIndexPage),
        (ActivityReportPage, ActivityIndexPage),
        (ExemplarCasePage, CaseIndexPage),
    ],
)
def test_content_lives_only_under_its_own_index(school_a, county, child, index):
    own_index = index.objects.child_of(school_a).get()
    assert child.can_create_at(own_index)
    others = [ColumnIndexPage, ActivityIndexPage, CaseIndexPage]
    for other in others:
        if other is not index:
            assert not child.can_create_at(other.objects.child_of(school_a).get())
    assert not child.can_create_at(school_a)
    assert not child.can_create_at(county)
    assert child.allowed_subpage_models() == []


def test_brand_and_content_cannot_hold_children(school_a):
    assert BrandPage.allowed_subpage_models() == []
    assert not BrandPage.can_create_at(BrandPage.objects.child_of(school_a).get())


def test_activity_end_date_before_start_is_refused(school_a):
    import datetime

    from django.core.exceptions import ValidationError

    from tests.content import report

    page = report(school_a, date=datetime.date(2026, 6, 2))
    page.end_date = datetime.date(2026, 6, 1)
    with pytest.raises(ValidationError, match="end_date"):
        page.full_clean()
    page.end_date = datetime.date(2026, 6, 3)
    page.full_clean()
