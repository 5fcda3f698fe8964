"""Issue 33, people-scope: every follow-up row of a supervision record offers only the people
of the curator's regions, the blank row the page copies for "Add follow-up" included.

The finding: GET /admin/liaison_records/new/ as a county's curator listed every account in
``follow_ups-__prefix__-owner`` (the formset's ``empty_form``, a new form at every use, so
limiting one copy of it left the rendered one unlimited).
"""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def owners_offered(html, prefix):
    select = re.search(rf'<select name="follow_ups-{prefix}-owner"[^>]*>(.*?)</select>', html, re.S)
    assert select, prefix
    return set(re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", select.group(1)))


def test_every_follow_up_row_offers_only_the_people_of_the_region(
    client, county, other_county, school_a, school_b, make_user
):
    curator = make_user("xuanwu-curator", region=county, role="curator", first_name="王处长")
    make_user("ml-editor", school=school_a, role="editor", first_name="梅岭编辑")
    for outsider in ("gl-curator", "qls-editor", "root"):
        make_user(outsider, first_name=f"外人{outsider}")
    make_user("gl-bureau", region=other_county, role="curator", first_name="鼓楼处长")
    make_user("qls-staff", school=school_b, role="editor", first_name="清凉山编辑")
    make_user("platform", is_superuser=True, is_staff=True, first_name="平台管理员")
    client.force_login(curator)
    response = client.get(reverse("liaison_records:add"))
    assert response.status_code == 200
    assert owners_offered(response.content.decode(), "__prefix__") == {"王处长", "梅岭编辑"}
