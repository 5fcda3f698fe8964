"""Issue 20, item 3: what the admin's explorer pays per school listed. Wagtail asks of every
row whether a page may be added below it, with a query per row and per one-per-school page type
(four per school); those are answered for the whole listing at once (pages.models.base). The
two queries per row left are wagtail-localize's translation buttons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def explorer_queries(client, county):
    url = f"/admin/pages/{county.pk}/"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_each_school_in_a_listing_costs_at_most_two_queries(client, county, make_school, make_user):
    client.force_login(make_user("explorer-admin", is_superuser=True, is_staff=True))
    for number in range(2):
        make_school(county, f"探索学校{number}", f"explore{number}")
    few = explorer_queries(client, county)
    for number in range(2, 8):
        make_school(county, f"探索学校{number}", f"explore{number}")
    many = explorer_queries(client, county)
    assert many - few <= 2 * 6, (few, many)  # was 6 a school before: 4 of Wagtail's, 2 localize's
