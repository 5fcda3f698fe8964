"""A plugin's search facet (the evaluation plugin's awards) counted and filtered like the core
facets, on every engine."""

import datetime

from django.contrib.auth import get_user_model

from pages.models import BrandPage
from plugins.evaluation import procedure
from plugins.evaluation.models import Campaign
from search import service
from tests.content import post


def test_awards_are_a_facet_and_a_filter(
    school_a, school_b, county, make_user, client, django_capture_on_commit_callbacks
):
    brand = BrandPage.objects.child_of(school_a).get()
    brand.brand_name = "红梅先锋"
    brand.save_revision().publish()
    post(school_a, "梅岭小学红梅读书会")
    campaign = Campaign.objects.create(
        region=county,
        title="2026年玄武区品牌评选",
        applications_open=datetime.date(2026, 3, 1),
        applications_close=datetime.date(2026, 3, 31),
        rating_close=datetime.date(2026, 4, 15),
        review_close=datetime.date(2026, 5, 31),
    )
    procedure.add_defaults(campaign)
    editor = make_user("editor-a", school=school_a, role="editor")
    scores = {c.pk: (90, "") for c in campaign.criteria.all()}
    application = procedure.apply(
        campaign, school_a, editor, "概述", scores, brand_page=brand, on=datetime.date(2026, 3, 5)
    )
    application.sign_off(make_user("secretary-a", school=school_a, role="moderator"))
    admin = get_user_model().objects.create_superuser("admin", password="pw-for-tests")
    reviewer = make_user("reviewer", region=county, role="curator")
    campaign.reviewers.add(reviewer)
    assignment = procedure.assign(application, reviewer, admin)
    reviewed = {c.pk: 90 for c in campaign.criteria.all()}
    procedure.review(assignment, reviewer, reviewed, "", on=datetime.date(2026, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        procedure.publish_results(campaign, admin)

    value = "2026年玄武区品牌评选：一等奖"
    everything = service.search(service.SearchRequest(q="红梅"))
    assert everything.total == 2
    assert everything.facets["award"] == [{"value": value, "label": value, "count": 1}]
    narrowed = service.search(service.SearchRequest(q="红梅", labels={"award": value}))
    assert [hit.page_id for hit in narrowed.hits] == [brand.pk]

    api = client.get("/api/search/", {"q": "红梅", "award": value}).json()
    assert api["total"] == 1 and api["facets"]["award"][0]["count"] == 1
    page = client.get("/search/", {"q": "红梅"}).content.decode()
    assert "评选获奖" in page and value in page
    too_long = client.get("/api/search/", {"q": "红梅", "award": "奖" * 101})
    assert too_long.status_code == 400
