"""Issue 34, item 2 (the campaign): each level runs its own innovation award, the province's
once every two years; stages opened, closed and extended from the campaign's screen, each
logged, by the bureau of its region only; a rehearsal at any date that never publishes; a
notice served as Wagtail's document privacy (and the platform's gate) allow."""

import datetime
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from plugins import api
from plugins.evaluation import procedure, stages
from plugins.evaluation.models import Application, Award, Campaign, ReviewAssignment
from plugins.evaluation.search import award_values
from plugins.evaluation.tests.test_evaluation import _campaign_form as _form
from plugins.evaluation.views import portal_section
from tests.content import document

pytestmark = pytest.mark.django_db


def _campaign_form(region, **extra):
    """The admin form's data, the inspection's share of the review (B2's field) at 0."""
    return _form(region, inspection_weight="0", **extra)


def campaign(region, opens, kind=Campaign.Kind.INNOVATION, rehearsal=False, title=None, **days):
    """A campaign opening on ``opens``, its stages 10, 10 and 10 days long unless given."""
    made = Campaign(
        region=region,
        kind=kind,
        rehearsal=rehearsal,
        title=title or f"{opens.year}年{region.title}党建文化创新奖",
        applications_open=opens,
        applications_close=days.get("applications_close", opens + timedelta(days=9)),
        rating_close=days.get("rating_close", opens + timedelta(days=19)),
        review_close=days.get("review_close", opens + timedelta(days=29)),
    )
    made.full_clean(exclude=["reviewers"])
    made.save()
    procedure.add_defaults(made)
    return made


@pytest.fixture
def curator(county, make_user):
    return make_user("xw-curator", region=county, role="curator", last_name="王", first_name="芳")


# --- each level's innovation award, the province's every two years --------------------------


def test_a_county_and_a_city_run_their_own_innovation_award(county, city, curator, client):
    assert campaign(county, datetime.date(2026, 3, 1)).region == county
    assert campaign(city, datetime.date(2026, 3, 1)).region == city
    client.force_login(curator)
    data = _campaign_form(county, kind="innovation", title="2027年玄武区党建文化创新奖")
    assert client.post(reverse("evaluation_campaigns:add"), data).status_code == 302
    assert Campaign.objects.filter(region=county, kind="innovation").count() == 2


def test_the_province_holds_its_innovation_award_once_every_two_years(province, city):
    held = campaign(province, datetime.date(2026, 3, 1), title="2026年江苏省党建文化创新奖")
    with pytest.raises(ValidationError) as refused:
        campaign(province, datetime.date(2027, 3, 1))
    message = " ".join(refused.value.message_dict["applications_open"])
    assert held.title in message and "2026" in message and "2027" in message
    assert "2028" in message  # when the next may open
    assert Campaign.objects.filter(region=province).count() == 1
    # Neither a rehearsal, nor a yearly evaluation, nor a city's award takes the cycle.
    campaign(province, datetime.date(2027, 3, 1), rehearsal=True)
    campaign(province, datetime.date(2027, 3, 1), kind=Campaign.Kind.EVALUATION)
    campaign(city, datetime.date(2027, 3, 1))
    assert campaign(province, datetime.date(2028, 3, 1)).applications_open.year == 2028
    held.full_clean(exclude=["reviewers"])  # the holder itself stays valid


# --- stages opened, closed, extended, logged, by the region's own bureau ----------------------


def logged(target):
    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Campaign), object_id=str(target.pk)
        )
        .order_by("timestamp", "pk")
        .values_list("action", "data")
    )


def test_stage_acts_set_the_dates_and_are_logged(county, curator):
    opens = datetime.date(2026, 9, 10)
    running = campaign(county, opens)
    on = datetime.date(2026, 9, 1)
    stages.open_applications(running, curator, on=on)
    assert running.stage(on) == "applying"
    stages.extend_stage(running, curator, datetime.date(2026, 9, 25), on=on)
    running.refresh_from_db()
    # The later stages move by as many days as applications were extended (six).
    assert running.applications_close == datetime.date(2026, 9, 25)
    assert running.rating_close == datetime.date(2026, 10, 5)
    assert running.review_close == datetime.date(2026, 10, 15)
    stages.close_stage(running, curator, on=datetime.date(2026, 9, 20))
    running.refresh_from_db()
    assert running.applications_close == datetime.date(2026, 9, 19)
    assert running.stage(datetime.date(2026, 9, 20)) == "rating"
    stages.close_stage(running, curator, on=datetime.date(2026, 9, 22))
    stages.close_stage(running, curator, on=datetime.date(2026, 9, 23))
    running.refresh_from_db()
    assert running.stage(datetime.date(2026, 9, 23)) == "closed"
    assert [action for action, _data in logged(running)] == [
        stages.OPEN,
        stages.EXTEND,
        stages.CLOSE,
        stages.CLOSE,
        stages.CLOSE,
    ]
    assert logged(running)[1][1] == {
        "stage": "applying",
        "from": "2026-09-19",
        "date": "2026-09-25",
    }
    with pytest.raises(procedure.Refused):  # nothing is left to close
        stages.close_stage(running, curator, on=datetime.date(2026, 9, 23))


def test_a_stage_closed_the_day_it_opened_keeps_the_dates_in_order(county, curator):
    running = campaign(county, datetime.date(2026, 9, 10))
    stages.open_applications(running, curator, on=datetime.date(2026, 9, 5))
    stages.close_stage(running, curator, on=datetime.date(2026, 9, 5))
    running.refresh_from_db()
    assert running.applications_open == running.applications_close == datetime.date(2026, 9, 4)
    assert running.stage(datetime.date(2026, 9, 5)) == "rating"


def test_an_extension_the_campaigns_rules_refuse_changes_nothing(county, curator):
    """The yearly evaluation finishes before 1 July: extending its review past it is refused
    with that reason, the dates stay and nothing is logged."""
    yearly = campaign(county, datetime.date(2026, 3, 1), kind=Campaign.Kind.EVALUATION)
    with pytest.raises(procedure.Refused, match="7|July"):
        stages.extend_stage(
            yearly, curator, datetime.date(2026, 7, 10), on=datetime.date(2026, 3, 25)
        )
    yearly.refresh_from_db()
    assert yearly.review_close == datetime.date(2026, 3, 30) and logged(yearly) == []


def test_the_stages_screen_belongs_to_the_campaigns_own_bureau(
    county, city, other_county, curator, make_user, client
):
    today = timezone.localdate()
    running = campaign(county, today - timedelta(days=2))
    url = reverse("evaluation_campaigns:stages", args=[running.pk])
    for outsider in (
        make_user("gl-curator", region=other_county, role="curator"),
        make_user("nj-curator", region=city, role="curator"),
    ):
        other = Client()
        other.force_login(outsider)
        assert other.get(url).status_code == 404
        assert other.post(url, {"action": "close"}).status_code == 404
        with pytest.raises(procedure.Refused):
            stages.close_stage(running, outsider)
    running.refresh_from_db()
    assert running.stage(today) == "applying" and logged(running) == []

    client.force_login(curator)
    page = client.get(url)
    assert page.status_code == 200 and "action" in page.content.decode()
    assert client.post(url, {"action": "extend", "until": "明天"}).status_code == 400
    until = today + timedelta(days=20)
    assert client.post(url, {"action": "extend", "until": until.isoformat()}).status_code == 302
    running.refresh_from_db()
    assert running.applications_close == until
    assert client.post(url, {"action": "close"}).status_code == 302
    running.refresh_from_db()
    assert running.stage(today) == "rating"
    assert client.post(url, {"action": "open"}).status_code == 400  # not at that stage
    assert client.post(url, {"action": "other"}).status_code == 400
    assert [action for action, _data in logged(running)] == [stages.EXTEND, stages.CLOSE]
    history = client.get(reverse("evaluation_campaigns:history", args=[running.pk]))
    assert history.status_code == 200
    edit = client.get(reverse("evaluation_campaigns:edit", args=[running.pk])).content.decode()
    assert url in edit
    listing = client.get(reverse("evaluation_campaigns:index")).content.decode()
    assert url in listing and str(stages.LABELS["rating"]) in listing


# --- rehearsal ------------------------------------------------------------------------------


def test_a_rehearsal_runs_at_any_date_and_never_publishes(
    county, school_a, curator, make_user, client
):
    autumn = datetime.date(2026, 9, 1)
    with pytest.raises(ValidationError):  # the yearly evaluation finishes before 1 July
        campaign(county, autumn, kind=Campaign.Kind.EVALUATION)
    drill = campaign(county, autumn, kind=Campaign.Kind.EVALUATION, rehearsal=True)
    assert drill.title in str(drill) and str(drill) != drill.title
    brand = api.BrandPage.objects.child_of(school_a).get()
    brand.save_revision().publish()
    application = Application.objects.create(
        campaign=drill, school=school_a, summary="演练申报", brand_page=brand
    )
    closed = drill.review_close + timedelta(days=1)
    with pytest.raises(procedure.Refused):
        procedure.publish_results(drill, curator, on=closed)
    with pytest.raises(procedure.Refused):
        procedure.check_rating(application, 5)
    assert not Award.objects.exists()
    assert award_values([brand]) == {}
    public = Client()
    assert public.get(reverse("evaluation:campaign", args=[drill.pk])).status_code == 404
    rate = reverse("evaluation:rate", args=[drill.pk, application.pk])
    assert public.post(rate, {"stars": "5"}).status_code == 404
    # Neither on the region's portal while public rating runs, beside a public campaign.
    today = timezone.localdate()
    rating = {
        "applications_open": today - timedelta(days=10),
        "applications_close": today - timedelta(days=1),
        "rating_close": today + timedelta(days=5),
        "review_close": today + timedelta(days=10),
    }
    Campaign.objects.filter(pk=drill.pk).update(**rating)
    public_one = campaign(county, rating["applications_open"], title="公开的评选", **rating)
    assert portal_section(county, None).context["campaigns"] == [public_one]
    client.force_login(curator)
    listing = client.get(reverse("evaluation_campaigns:index")).content.decode()
    assert str(drill) in listing
    # A campaign whose results are out cannot be turned into a rehearsal afterwards.
    public_one.results_published_at = timezone.now()
    public_one.rehearsal = True
    with pytest.raises(ValidationError) as refused:
        public_one.full_clean(exclude=["reviewers"])
    assert "rehearsal" in refused.value.message_dict


# --- reviewers: bureau staff by name, never an applicant school's staff ----------------------


def test_reviewers_are_bureau_staff_by_name_never_applicant_staff(
    county, school_a, curator, make_user, client
):
    both = make_user("xw-both", region=county, role="curator", last_name="李", first_name="红")
    school_a.refresh_from_db()
    both.groups.add(school_a.editor_group)
    editor = make_user("ml-editor", school=school_a, role="editor", last_name="赵", first_name="敏")
    admin = make_user("root", is_superuser=True, is_staff=True)
    running = campaign(county, datetime.date(2026, 9, 1))
    edit = reverse("evaluation_campaigns:edit", args=[running.pk])

    def offered(user):
        client.force_login(user)
        form = client.get(edit).context["form"]
        return {label for _pk, label in form.fields["reviewers"].choices}

    names = {api.name_of(curator), api.name_of(both)}
    assert offered(curator) == names == offered(admin)
    assert "xw-curator" not in names and api.name_of(editor) not in offered(admin)

    application = Application.objects.create(campaign=running, school=school_a, summary="申报")
    assert offered(curator) == {api.name_of(curator)}
    client.force_login(curator)
    data = _campaign_form(
        county,
        kind="innovation",
        title=running.title,
        applications_open="2026-09-01",
        applications_close="2026-09-10",
        rating_close="2026-09-20",
        review_close="2026-09-30",
    )
    refused = client.post(edit, data | {"reviewers": [both.pk]})
    assert refused.status_code == 200 and "reviewers" in refused.context["form"].errors
    assert not running.reviewers.exists()

    # The panel named before the school applied: the assignment itself is refused.
    running.reviewers.add(both)
    with pytest.raises(ValidationError):
        ReviewAssignment.objects.create(application=application, reviewer=both)
    with pytest.raises(ValidationError):  # nor anyone off the panel
        ReviewAssignment.objects.create(application=application, reviewer=curator)
    assert not ReviewAssignment.objects.exists()


# --- the notice -----------------------------------------------------------------------------


def test_the_notice_is_read_where_the_campaign_is(county, school_a, school_b, curator, make_user):
    notice = document(county.bureau_collection.collection, "关于开展创新奖评选的通知", "通知.txt")
    today = timezone.localdate()
    running = campaign(county, today - timedelta(days=1))
    running.notice = notice
    running.save()
    visitor = Client()
    page = visitor.get(reverse("evaluation:campaign", args=[running.pk])).content.decode()
    assert notice.url in page
    assert visitor.get(notice.url).status_code == 200

    running.rehearsal = True
    running.save()
    assert visitor.get(notice.url).status_code == 404
    inside, outside = Client(), Client()
    editor = make_user("ml-editor", school=school_a, role="editor")
    inside.force_login(editor)
    outside.force_login(make_user("qls-editor", school=school_b, role="editor"))
    assert inside.get(notice.url).status_code == 200
    assert outside.get(notice.url).status_code == 404
    apply = reverse("evaluation_applications:apply", args=[running.pk, school_a.pk])
    assert notice.url in inside.get(apply).content.decode()
