"""The demo loads, is idempotent, and every site in it answers."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Site

from pages.models import (
    ActivityReportPage,
    BrandPage,
    ColumnPostPage,
    ExemplarCasePage,
    RegionPage,
    SchoolHomePage,
)

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_demo_builds_the_province_and_every_site_answers(client):
    call_command("demo")
    assert RegionPage.objects.filter(level="city").count() >= 3
    assert RegionPage.objects.filter(level="county").count() >= 6
    schools = list(SchoolHomePage.objects.live())
    assert len(schools) >= 12
    for school in schools:
        assert BrandPage.objects.child_of(school).live().count() == 1
        assert ColumnPostPage.objects.live().descendant_of(school).count() >= 5
        assert ActivityReportPage.objects.live().descendant_of(school).count() >= 3
        assert ExemplarCasePage.objects.live().descendant_of(school).count() >= 1

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
    call_command("demo")
    assert Page.objects.count() == before
