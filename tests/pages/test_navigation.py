"""Issue 18, item 5: every list leads to its full index, statistics link to what they count,
a portal's sub-regions and schools are one tap away, and featured work shows its picture."""

import re

import pytest

from curation.models import Feature
from pages.models import BrandPage, ColumnIndexPage
from tests.content import case, image, post, report, school_host

pytestmark = pytest.mark.django_db

COUNTY = "/nanjing/xuanwu/"


def get(client, path, host="localhost"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return response.content.decode()


def test_school_home_lists_link_to_their_full_index(client, school_a):
    post(school_a, "专栏文章")
    report(school_a, "活动报道")
    case(school_a, "典型案例")
    html = get(client, "/", school_host(school_a))
    more = re.findall(r'<p class="more"><a href="([^"]+)">', html)
    assert len(more) == 3
    column = ColumnIndexPage.objects.child_of(school_a).get()
    assert any(link.endswith(f"/{column.slug}/") for link in more)


def test_region_lists_and_statistics_lead_to_full_lists_of_the_region(client, school_a, school_b):
    for number in range(25):
        post(school_a, f"玄武文章{number:02}")
    post(school_b, "鼓楼文章")
    html = get(client, COUNTY)
    assert 'href="?list=posts"' in html and 'href="#schools-heading"' in html
    assert 'href="?list=cases"' in html and 'href="?list=activities"' in html

    full = get(client, COUNTY + "?list=posts")
    assert "<h1>" in full and "玄武文章24" in full and "鼓楼文章" not in full
    assert "梅岭小学" in full  # each item names its school
    second = get(client, COUNTY + "?list=posts&page=2")
    assert "玄武文章00" in second and "玄武文章24" not in second
    assert 'href="?list=posts&amp;page=1"' in second
    assert get(client, COUNTY + "?list=nonsense") == html  # an unknown list is the portal


def test_city_portals_offer_their_counties_and_schools_near_the_top(client, school_a, school_b):
    html = get(client, "/nanjing/")
    jump = html[html.index('<nav class="jump"') :]
    jump = jump[: jump.index("</nav>")]
    assert 'href="/nanjing/xuanwu/"' in jump and 'href="/nanjing/gulou/"' in jump
    assert "梅岭小学" in jump and "清凉山小学" in jump
    assert html.index('<nav class="jump"') < html.index('id="stats-heading"')
    county = get(client, COUNTY)
    assert '<nav class="jump"' in county and "梅岭小学" in county


def test_featured_brands_and_cases_show_their_pictures(client, school_a, county):
    brand = BrandPage.objects.child_of(school_a).get()
    brand.brand_name = "红梅先锋"
    brand.logo = image("红梅标志", "logo.png", (300, 300), school_a.collection)
    brand.save_revision().publish()
    Feature.objects.create(region=county, page=brand, reason="示范品牌")
    exemplar = case(
        school_a, "典型案例", cover=image("案例封面", "cover.png", (400, 300), school_a.collection)
    )
    Feature.objects.create(region=county, page=exemplar, reason="典型")
    html = get(client, COUNTY)
    featured = html[html.index('id="featured-heading"') :]
    featured = featured[: featured.index("</section>")]
    assert featured.count('class="item__thumb"') == 2


def test_an_empty_full_list_says_so(client, school_b):
    html = get(client, "/nanjing/gulou/?list=cases")
    assert '<p class="empty">' in html and "<h1>典型案例</h1>" in html
