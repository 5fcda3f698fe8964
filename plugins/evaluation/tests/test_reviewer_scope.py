"""Issue 33, people-scope: a bureau names its campaign's reviewers among its own people.

The finding: GET /admin/evaluation_campaigns/new/ as a county's curator offered every active
account (the platform admin, other cities' school editors) as a reviewer, by username, and a
POST naming another county's school editor created the campaign with that reviewer. Now the
form offers the bureau staff of the curator's regions, by name, and accepts only the bureau
staff of the campaign's region and below; since issue 34 the platform admin too.
"""

import pytest
from django.urls import reverse

from plugins.evaluation.models import Campaign
from plugins.evaluation.tests.test_evaluation import _campaign_form

pytestmark = pytest.mark.django_db
ADD = "evaluation_campaigns:add"


@pytest.fixture
def staff(city, county, other_county, school_a, school_b, make_user):
    return {
        "curator": make_user("xuanwu-curator", region=county, role="curator"),
        "colleague": make_user("xw-reviewer", region=county, role="curator", first_name="王评审"),
        "city": make_user("nj-curator", region=city, role="curator", first_name="李处长"),
        "other": make_user("gl-curator", region=other_county, role="curator"),
        "editor_a": make_user("ml-editor", school=school_a, role="editor"),
        "editor_b": make_user("qls-editor", school=school_b, role="editor"),
        "admin": make_user("root", is_superuser=True, is_staff=True),
    }


def offered(client):
    response = client.get(reverse(ADD))
    assert response.status_code == 200
    return {label for _pk, label in response.context["form"].fields["reviewers"].choices}


def test_a_curator_is_offered_the_bureau_staff_of_their_region_by_name(client, staff):
    client.force_login(staff["curator"])
    assert offered(client) == {"xuanwu-curator", "王评审"}


def test_a_curator_cannot_name_a_reviewer_from_outside_the_campaigns_region(client, staff, county):
    client.force_login(staff["curator"])
    for outsider in ("other", "editor_b", "editor_a", "admin", "city"):
        data = _campaign_form(county, reviewers=[staff[outsider].pk])
        assert client.post(reverse(ADD), data).status_code == 200, outsider
        assert not Campaign.objects.exists(), outsider
    response = client.post(reverse(ADD), _campaign_form(county, reviewers=[staff["colleague"].pk]))
    assert response.status_code == 302
    assert list(Campaign.objects.get().reviewers.all()) == [staff["colleague"]]


def test_a_city_curator_names_the_bureau_staff_of_the_city_and_its_counties(client, staff, city):
    client.force_login(staff["city"])
    assert offered(client) == {"李处长", "王评审", "xuanwu-curator", "gl-curator"}
    data = _campaign_form(city, reviewers=[staff["colleague"].pk, staff["other"].pk])
    assert client.post(reverse(ADD), data).status_code == 302
    assert set(Campaign.objects.get().reviewers.all()) == {staff["colleague"], staff["other"]}


def test_reviewers_come_from_the_campaigns_own_region(
    client, staff, county, other_county, make_user
):
    """A curator of two counties is offered both bureaus; a campaign of one takes only its
    own, and the refusal names who is not."""
    gulou = make_user("gl-reviewer", region=other_county, role="curator", first_name="赵评审")
    both = make_user("two-counties", region=county, role="curator")
    other_county.refresh_from_db()
    both.groups.add(other_county.curator_group)
    client.force_login(both)
    assert {"王评审", "赵评审"} <= offered(client)
    refused = client.post(reverse(ADD), _campaign_form(county, reviewers=[gulou.pk]))
    assert refused.status_code == 200 and not Campaign.objects.exists()
    assert "赵评审" in refused.content.decode()
    data = _campaign_form(county, reviewers=[staff["colleague"].pk])
    assert client.post(reverse(ADD), data).status_code == 302


def test_the_platform_admin_names_bureau_staff_too(client, staff, county):
    """Issue 34: reviewers are bureau staff, whoever sets the campaign up; the platform admin
    is offered every region's and a campaign takes only its own region's."""
    client.force_login(staff["admin"])
    assert offered(client) == {"xuanwu-curator", "王评审", "李处长", "gl-curator"}
    data = _campaign_form(county, inspection_weight="0", reviewers=[staff["editor_b"].pk])
    assert client.post(reverse(ADD), data).status_code == 200
    assert not Campaign.objects.exists()
    data["reviewers"] = [staff["colleague"].pk]
    assert client.post(reverse(ADD), data).status_code == 302
    assert list(Campaign.objects.get().reviewers.all()) == [staff["colleague"]]
