"""The demo loads, is idempotent, and every site in it answers."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Site

from pages import exports
from pages.models import (
    ActivityReportPage,
    AnnualPlanPage,
    BrandPage,
    ColumnPostPage,
    ExemplarCasePage,
    RegionPage,
    SchoolHomePage,
    canonical,
)

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_demo_builds_the_province_and_every_site_answers(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # translations publish on commit
        call_command("demo")
    assert RegionPage.objects.filter(level="city").count() >= 3
    assert RegionPage.objects.filter(level="county").count() >= 6
    schools = list(canonical(SchoolHomePage.objects.live()))
    assert len(schools) >= 12
    for school in schools:
        assert BrandPage.objects.child_of(school).live().count() == 1
        assert ColumnPostPage.objects.live().descendant_of(school).count() >= 5
        assert ActivityReportPage.objects.live().descendant_of(school).count() >= 3
        assert ExemplarCasePage.objects.live().descendant_of(school).count() >= 1

    # Content a bureau would believe (issue 18, item 10): each school's items are its own,
    # brand pages are titled by their brand, summaries are not the body's first paragraph
    # again, and most items have a picture.
    items = [
        page
        for model in (ColumnPostPage, ActivityReportPage, ExemplarCasePage)
        for page in model.objects.live()
    ]
    titles = [page.title for page in items]
    assert len(titles) == len(set(titles))
    for brand in BrandPage.objects.live():
        assert brand.title == brand.brand_name
    for page in items:
        first = page.body[0].value["text"].source if page.body else ""
        assert page.summary and page.summary not in first, page.title
    assert sum(page.cover_id is not None for page in items) >= 0.75 * len(items)

    # Annual plans (issue 34, item 1): this year's of most schools, each its own, and a few
    # schools without one for the dashboards to flag. English editions' plans are the same
    # plans in another language, counted apart below.
    plans = list(canonical(AnnualPlanPage.objects.live().filter(year=exports.today().year)))
    assert 0 < len(schools) - len(plans) <= 3
    for name in ("title", "plan", "goals", "commitment"):
        assert len({getattr(plan, name) for plan in plans}) == len(plans), name

    # English editions (issue 19): three schools' brand page and case, made through
    # wagtail-localize, with the tree's counts of children kept right.
    editions = SchoolHomePage.objects.live().filter(locale__language_code="en")
    assert editions.count() >= 3
    for school in editions:
        brand = BrandPage.objects.child_of(school).live().get()
        case = ExemplarCasePage.objects.live().descendant_of(school).get()
        for text in (brand.brand_name, brand.connotation, case.title, case.practice):
            assert not re.search(r"[\u4e00-\u9fff]", text), text  # English throughout
        slug = school.get_translation(school.locale.get_default()).slug
        english = client.get("/en/brand/", HTTP_HOST=f"{slug}.{settings.BASE_DOMAIN}")
        assert 'lang="en"' in english.content.decode() and brand.slogan in english.content.decode()
    english_plans = AnnualPlanPage.objects.live().filter(locale__language_code="en")
    assert english_plans.count() >= 2
    for plan in english_plans:
        for text in (plan.title, plan.plan, plan.goals, plan.commitment):
            assert not re.search(r"[\u4e00-\u9fff]", text), text
    for page in Page.objects.all():
        assert page.numchild == page.get_children().count(), page.title

    for site in Site.objects.all():
        response = client.get("/", HTTP_HOST=f"{site.hostname}:{site.port}")
        assert response.status_code == 200, site.hostname
    response = client.get("/admin/login/", HTTP_HOST=settings.BASE_DOMAIN)
    assert response.status_code == 200
    assert "登录" in response.content.decode()
    signed_in = client.post(
        "/admin/login/",
        {"username": "admin", "password": "yxyp-demo"},
        HTTP_HOST=settings.BASE_DOMAIN,
    )
    assert signed_in.status_code == 302  # through the real login view and its lockout
    dashboard = client.get("/admin/", HTTP_HOST=settings.BASE_DOMAIN).content.decode()
    assert re.search(r'<html[^>]+lang="zh-hans"', dashboard)
    assert "控制面板" in dashboard and "一校一品" in dashboard

    before = Page.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo")
    assert Page.objects.count() == before
