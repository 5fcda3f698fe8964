"""What a hostile tester found in the evaluation plugin, each refused where every route passes:
a campaign's notice that published a school's private document, a brand behind a password or
unpublished named on the public campaign page, stage dates past the calendar's end (500s), and
a non-numeric notice id (a 500 when the form was shown again)."""

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from plugins import api
from plugins.evaluation import procedure, stages
from plugins.evaluation.forms import ApplicationForm
from plugins.evaluation.models import Application, Award, Campaign
from plugins.evaluation.procedure import Refused
from plugins.evaluation.tests.test_evaluation import _campaign_form
from plugins.evaluation.viewsets import campaign_viewset
from tests.content import document, image

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(county, make_user):
    return make_user("xuanwu-curator", region=county, role="curator")


def campaign_of(region, opens, **days):
    made = Campaign.objects.create(
        region=region,
        kind=Campaign.Kind.INNOVATION,
        title=f"{opens.year}年{region.title}党建文化创新奖",
        applications_open=opens,
        applications_close=days.get("applications_close", opens + timedelta(days=9)),
        rating_close=days.get("rating_close", opens + timedelta(days=19)),
        review_close=days.get("review_close", opens + timedelta(days=29)),
    )
    procedure.add_defaults(made)
    return made


def edit(client, campaign, **fields):
    url = reverse("evaluation_campaigns:edit", args=[campaign.pk])
    return client.post(url, _campaign_form(campaign.region, **fields))


# --- 1. the notice is the bureau's own document -------------------------------------------


def test_a_schools_document_cannot_become_a_campaigns_public_notice(
    county, school_a, school_b, curator, client
):
    campaign = campaign_of(county, datetime.date(2027, 3, 1))
    client.force_login(curator)
    visitor = Client()
    others = document(school_b.collection, "清凉山小学内部材料", "neibu.txt")
    own_school = document(school_a.collection, "梅岭小学内部材料", "meiling.txt")
    for private in (others, own_school):
        assert visitor.get(private.url).status_code == 404
        refused = edit(client, campaign, notice=str(private.pk))
        assert refused.status_code == 200 and refused.context["form"].errors["notice"]
        campaign.refresh_from_db()
        assert campaign.notice is None
        assert visitor.get(private.url).status_code == 404

    # The model refuses it whatever the route, naming the bureau's collection.
    campaign.notice = others
    with pytest.raises(ValidationError) as error:
        campaign.full_clean(exclude=["reviewers"])
    assert county.title in " ".join(error.value.message_dict["notice"])
    # A row written around the model publishes nothing, and is neither shown nor linked.
    Campaign.objects.filter(pk=campaign.pk).update(notice=others)
    assert visitor.get(others.url).status_code == 404
    page = visitor.get(reverse("evaluation:campaign", args=[campaign.pk])).content.decode()
    assert others.url not in page and others.title not in page

    # The bureau's own document is accepted, and read by anyone once named.
    notice = document(
        county.bureau_collection.collection, "关于开展创新奖评选的通知", "tongzhi.txt"
    )
    assert edit(client, campaign, notice=str(notice.pk)).status_code == 302
    campaign.refresh_from_db()
    assert campaign.notice == notice
    assert visitor.get(notice.url).status_code == 200


def test_the_form_offers_only_the_bureaus_documents(county, other_county, school_a, curator):
    """Only the documents of the campaign region's bureau collection."""
    campaign = campaign_of(county, datetime.date(2027, 3, 1))
    own = document(county.bureau_collection.collection, "玄武区通知", "xuanwu.txt")
    document(other_county.bureau_collection.collection, "鼓楼区通知", "gulou.txt")
    document(school_a.collection, "梅岭小学材料", "meiling.txt")
    # The region's own collection holds its schools' collections, not the bureau's files.
    document(county.collection, "玄武区旧上传", "jiu.txt")
    form_class = campaign_viewset.get_edit_handler().get_form_class()
    form = form_class(instance=campaign, for_user=curator)
    assert list(form.fields["notice"].queryset) == [own]


# --- 2. a brand is shown only when its page is live and public ------------------------------


def _rating_campaign(county, school_a, make_user, sign_off):
    today = timezone.localdate()
    campaign = campaign_of(
        county,
        today - timedelta(days=20),
        applications_close=today - timedelta(days=1),
        rating_close=today + timedelta(days=5),
        review_close=today + timedelta(days=10),
    )
    brand = api.BrandPage.objects.child_of(school_a).get()
    brand.brand_name = "红烛领航"
    brand.logo = image("红烛标志", "hongzhu.png", collection=school_a.collection)
    brand.save_revision().publish()
    brand.refresh_from_db()
    editor = make_user("meiling-editor", school=school_a, role="editor")
    criteria = campaign.criteria.all()
    application = procedure.apply(
        campaign,
        school_a,
        editor,
        "品牌概述",
        {criterion.pk: (80, "") for criterion in criteria},
        brand_page=brand,
        on=today - timedelta(days=5),
    )
    sign_off(application)
    return campaign, application, brand


def _shows_brand(campaign, brand):
    page = Client().get(reverse("evaluation:campaign", args=[campaign.pk])).content.decode()
    return brand.brand_name in page or brand.url in page or "application__logo" in page


def test_the_public_page_names_only_a_live_public_brand(county, school_a, make_user, sign_off):
    campaign, application, brand = _rating_campaign(county, school_a, make_user, sign_off)
    assert _shows_brand(campaign, brand)

    restriction = PageViewRestriction.objects.create(
        page=brand, restriction_type=PageViewRestriction.PASSWORD, password="mima"
    )
    assert not _shows_brand(campaign, brand)
    page = Client().get(reverse("evaluation:campaign", args=[campaign.pk])).content.decode()
    assert school_a.title in page

    Campaign.objects.filter(pk=campaign.pk).update(results_published_at=timezone.now())
    Award.objects.create(application=application, rank=1, total=90, tier="一等奖")
    assert not _shows_brand(campaign, brand)

    restriction.delete()
    assert _shows_brand(campaign, brand)
    brand.unpublish()
    assert not _shows_brand(campaign, brand)


def test_an_application_names_only_a_live_brand_page(county, school_a, make_user):
    today = timezone.localdate()
    campaign = campaign_of(county, today - timedelta(days=1))
    brand = api.BrandPage.objects.child_of(school_a).get()
    brand.unpublish()
    form = ApplicationForm(campaign.criteria.all(), school_a)
    assert brand not in form.fields["brand_page"].queryset

    application = Application(campaign=campaign, school=school_a, brand_page=brand, summary="概述")
    with pytest.raises(ValidationError) as error:
        application.clean()
    assert school_a.title in " ".join(error.value.message_dict["brand_page"])
    editor = make_user("meiling-editor", school=school_a, role="editor")
    scores = {criterion.pk: (80, "") for criterion in campaign.criteria.all()}
    with pytest.raises(Refused):
        procedure.apply(campaign, school_a, editor, "概述", scores, brand_page=brand)
    assert not Application.objects.exists()


# --- 3. stage dates stay inside the calendar ------------------------------------------------


def test_campaign_days_are_bounded(county, curator, client):
    campaign = campaign_of(county, datetime.date(2027, 3, 1))
    client.force_login(curator)
    far = "9999-12-31"
    refused = edit(
        client,
        campaign,
        kind="innovation",
        applications_close=far,
        rating_close=far,
        review_close=far,
    )
    assert refused.status_code == 200
    assert set(refused.context["form"].errors) >= {"applications_close", "review_close"}
    campaign.refresh_from_db()
    assert campaign.review_close == datetime.date(2027, 3, 30)
    campaign.review_close = datetime.date(2100, 1, 1)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean(exclude=["reviewers"])
    assert "review_close" in error.value.message_dict


def test_the_stages_screen_survives_the_calendars_last_day(county, curator, client):
    today = timezone.localdate()
    campaign = campaign_of(county, today - timedelta(days=1))
    client.force_login(curator)
    url = reverse("evaluation_campaigns:stages", args=[campaign.pk])

    refused = client.post(url, {"action": "extend", "until": "9999-12-31"})
    assert refused.status_code == 400 and refused.context["form"].errors["until"]
    campaign.refresh_from_db()
    assert campaign.applications_close == today + timedelta(days=8)

    # A row stored before the bound: the screen shows it, an extension is refused in words.
    Campaign.objects.filter(pk=campaign.pk).update(
        rating_close=datetime.date.max, review_close=datetime.date.max
    )
    assert client.get(url).status_code == 200
    refused = client.post(url, {"action": "extend", "until": str(today + timedelta(days=20))})
    assert refused.status_code == 400 and refused.context["form"].non_field_errors()
    campaign.refresh_from_db()
    assert campaign.applications_close == today + timedelta(days=8)
    with pytest.raises(Refused):
        stages.extend_stage(campaign, curator, today + timedelta(days=20))


# --- 4. a notice id that is no id -----------------------------------------------------------


def test_a_non_numeric_notice_is_a_form_error(county, curator, client):
    campaign = campaign_of(county, datetime.date(2027, 3, 1))
    client.force_login(curator)
    refused = edit(client, campaign, notice="abc")
    assert refused.status_code == 200 and refused.context["form"].errors["notice"]
