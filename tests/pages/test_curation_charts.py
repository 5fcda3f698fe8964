"""The 各校报送和采用数 chart counts works, not the hops of a forwarded submission (issue 34
item 8): a work a school submitted counts once, and as adopted once any bureau adopted it."""

import pytest

from curation import dashboard
from curation import submissions as curation
from schools import provisioning
from tests.content import case, post

pytestmark = pytest.mark.django_db


def adoption_of(user):
    chart = next(c for c in dashboard.region_charts_panel(user).charts if c.key == "adoption")
    columns = zip(*(values for _name, values in chart.series), strict=True)
    return dict(zip(chart.labels, columns, strict=True))


def test_a_work_forwarded_county_city_province_counts_once(
    make_user, school_a, county, city, province
):
    editor = make_user("editor_a", school_a, "editor")
    curators = {}
    for region in (county, city, province):
        curators[region.pk] = make_user(f"curator_{region.slug}")
        provisioning.add_region_user(region, curators[region.pk], "curator")
    forwarded = curation.submit(case(school_a), editor)
    for region in (county, city):
        forwarded = curation.decide(forwarded, curators[region.pk], curation.FORWARD)
    curation.decide(forwarded, curators[province.pk], curation.ACCEPT)
    adopted = curation.submit(post(school_a, "县级采用"), editor)
    curation.decide(adopted, curators[county.pk], curation.ACCEPT)
    declined = curation.submit(post(school_a, "未采用"), editor)
    curation.decide(declined, curators[county.pk], curation.DECLINE, "请补充照片")

    # Three works submitted, two adopted (one by the province, one by the county): the same
    # figures on every level's dashboard, as the works of the school, whoever adopted them.
    for region in (county, city, province):
        assert adoption_of(curators[region.pk]) == {school_a.title: (3, 2)}
