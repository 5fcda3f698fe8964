"""Issue 34, item 8: work queues. The account manager's dashboard lists the accounts of their
region never signed in, locked after failed sign-ins, or still on the initial password; the
province's lists the submissions (报送) waiting for it."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from curation import submissions
from schools.work_queue import account_queues
from tests.content import new_account, post
from tests.schools.test_sign_in import sign_in

pytestmark = pytest.mark.django_db
GOOD = "Initial-password-2026"


def panel(client, heading_id):
    """The dashboard panel headed ``heading_id``, or "" when the dashboard has none."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    found = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_the_managers_queue_shows_accounts_never_signed_in_locked_and_on_initial_passwords(
    make_user, county, other_county, school_a, school_b, django_assert_max_num_queries
):
    manager = Client()
    manager_user = make_user("xuanwu-manager", region=county, role="manager")
    manager.force_login(manager_user)
    url = reverse("school_accounts")
    for username, name in (("fresh", "新老师"), ("settled", "老老师"), ("locked", "锁老师")):
        manager.post(url, new_account(school_a, username=username, name=name, password=GOOD))
    settled = make_user("settled-too", school=school_a, role="editor")
    settled.last_login = settled.date_joined
    settled.save()
    make_user("gulou-teacher", school=school_b, role="editor")  # another county's

    # "settled" signs in and chooses their own password.
    client = Client()
    assert sign_in(client, "settled", GOOD).status_code == 302
    page = client.get("/admin/account/")
    assert page.status_code == 200
    own = "My-own-password-2026"
    changed = client.post(
        "/admin/account/",
        {
            "name_email-last_name": "老老师",
            "name_email-email": "settled@example.cn",
            "password-old_password": GOOD,
            "password-new_password1": own,
            "password-new_password2": own,
            "locale-preferred_language": "zh-hans",
            "locale-current_time_zone": settings.TIME_ZONE,
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
        },
    )
    assert changed.status_code == 302
    # "locked" is locked out by wrong passwords.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "locked", f"wrong-{attempt}", f"198.51.100.{attempt}")

    queue = panel(manager, "account-queue-heading")
    never, rest = queue.split("<li>", 2)[1:]
    assert "fresh" in never and "locked" in never and "settled" not in never
    locked, initial = rest.split("<li>", 1)
    assert "锁老师（locked）" in locked and "fresh" not in locked
    assert "fresh" in initial and "locked" in initial and "settled" not in initial
    assert "gulou-teacher" not in queue and "settled-too" not in queue
    with django_assert_max_num_queries(12):  # a fixed number, whatever the accounts
        account_queues(manager_user)

    other = Client()
    other.force_login(make_user("gulou-manager", region=other_county, role="manager"))
    assert "fresh" not in panel(other, "account-queue-heading")
    teacher = Client()
    teacher.force_login(make_user("teacher", school=school_a, role="editor"))
    assert panel(teacher, "account-queue-heading") == ""


def test_the_provinces_queue_lists_the_submissions_forwarded_to_it(
    make_user, school_a, county, city, province
):
    page = post(school_a, "送到省里的文章")
    editor = make_user("editor", school=school_a, role="editor")
    county_curator = make_user("xuanwu-curator", region=county, role="curator")
    city_curator = make_user("nanjing-curator", region=city, role="curator")
    to_city = submissions.decide(
        submissions.submit(page, editor), county_curator, submissions.FORWARD
    )
    submissions.decide(to_city, city_curator, submissions.FORWARD)

    client = Client()
    client.force_login(make_user("jiangsu-curator", region=province, role="curator"))
    queue = panel(client, "bureau-queue-heading")
    assert "梅岭小学·送到省里的文章" in queue
    city_client = Client()
    city_client.force_login(city_curator)
    assert "送到省里的文章" not in panel(city_client, "bureau-queue-heading")
