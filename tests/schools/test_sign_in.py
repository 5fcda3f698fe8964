"""Accounts fit for an education bureau (issue 16, finding 6): sign-in throttled per account
and per address through the real login view, guesses at page passwords and password-reset
requests limited, the site's password rules on the account manager's form, staff sessions
that end when left idle."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageViewRestriction

from tests.content import new_account, post, school_host

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
GOOD = "Meiling-2026-dangjian"


@pytest.fixture
def teacher(make_user, school_a):
    user = make_user("teacher", school=school_a, role="editor")
    user.set_password(GOOD)
    user.save()
    return user


class _Form(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values, self.select = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.values[name] = attrs.get("value", "")
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.values[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def form_values(html):
    """What a browser would submit from the page's forms, untouched."""
    parser = _Form()
    parser.feed(html)
    return parser.values


def sign_in(client, username, password, address="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_an_account_locks_after_repeated_failures_even_with_the_right_password(teacher):
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "teacher", f"wrong-{attempt}", f"198.51.100.{attempt}")
        assert response.status_code == 200  # the form again, with its error
    assert sign_in(client, "teacher", "wrong", "198.51.100.99").status_code == 429
    locked = sign_in(client, "teacher", GOOD, "203.0.113.9")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "尝试次数过多" in body and "15" in body  # says what happened and for how long
    assert "_auth_user_id" not in client.session


def test_an_address_locks_after_repeated_failures_across_accounts(teacher, make_user):
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess-{attempt}", "wrong", "192.0.2.50")
    assert sign_in(client, "teacher", GOOD, "192.0.2.50").status_code == 429
    assert sign_in(Client(), "teacher", GOOD, "192.0.2.51").status_code == 302  # elsewhere


def test_a_success_resets_the_count(teacher):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "teacher", "wrong")
    assert sign_in(client, "teacher", GOOD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "teacher", "wrong")
    assert sign_in(client, "teacher", GOOD).status_code == 302


def test_guesses_at_a_page_password_are_limited_per_address(client, school_a):
    page = post(school_a, "内部资料")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="s3cret-pw"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    host = school_host(school_a)
    statuses = [
        client.post(url, {"password": f"guess-{n}", "return_url": "/"}, HTTP_HOST=host).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    other = Client().post(
        url, {"password": "s3cret-pw", "return_url": "/"}, HTTP_HOST=host, REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 302  # another address is not affected


def test_password_reset_requests_are_limited_per_address(client, teacher):
    url = reverse("wagtailadmin_password_reset")
    statuses = [client.post(url, {"email": "a@example.cn"}).status_code for _ in range(6)]
    assert statuses[:5] == [302] * 5 and statuses[5] == 429


def test_the_account_managers_form_applies_the_password_rules(client, make_user, county, school_a):
    manager = make_user("manager", region=county, role="manager")
    client.force_login(manager)
    account = new_account(school_a)
    for weak in ("1", "12345678", "password", "new_teacher1"):
        response = client.post(reverse("school_accounts"), {**account, "password": weak})
        assert response.status_code == 200, weak
        assert not get_user_model().objects.filter(username="new_teacher").exists()
    client.post(reverse("school_accounts"), {**account, "password": GOOD})
    assert get_user_model().objects.filter(username="new_teacher").exists()


def test_a_staff_session_ends_when_left_idle(client, teacher, settings):
    assert sign_in(client, "teacher", GOOD).status_code == 302
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["yxyp_last_seen"] -= settings.STAFF_IDLE_TIMEOUT + 1
    session.save()
    assert client.get("/admin/").status_code == 302  # back to the sign-in page
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_an_account_made_by_its_manager_changes_its_password_before_anything_else(
    make_user, county, school_a
):
    manager = Client()
    manager.force_login(make_user("manager", region=county, role="manager"))
    account = new_account(school_a, password=GOOD)
    assert manager.post(reverse("school_accounts"), account).status_code == 302

    client = Client()
    assert sign_in(client, "new_teacher", GOOD).status_code == 302
    for path in ("/admin/", "/admin/pages/", reverse("wagtailadmin_pages:search")):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/admin/account/", path
    account_page = client.get("/admin/account/")
    assert account_page.status_code == 200
    assert "请先设置您自己的密码" in account_page.content.decode()
    fields = form_values(account_page.content.decode()) | {
        "name_email-last_name": "老师",  # the account form asks for it
        "password-old_password": GOOD,
        "password-new_password1": "My-own-password-2026",
        "password-new_password2": "My-own-password-2026",
    }
    changed = client.post("/admin/account/", fields)
    assert changed.status_code == 302
    assert client.get("/admin/").status_code == 200  # free to work


def test_sign_ins_failures_and_lockouts_are_in_the_site_history(teacher, make_user):
    client = Client()
    sign_in(client, "teacher", GOOD, "198.51.100.1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "teacher", "wrong", "198.51.100.2")
    sign_in(Client(), "nobody-by-this-name", "wrong", "198.51.100.3")
    logged = list(
        ModelLogEntry.objects.filter(object_id=str(teacher.pk))
        .order_by("pk")
        .values_list("action", "data")
    )
    actions = [action for action, _data in logged]
    assert actions[0] == "yxyp.login" and logged[0][1] == {"address": "198.51.100.1"}
    assert actions.count("yxyp.login_failed") == settings.AXES_FAILURE_LIMIT
    assert actions.count("yxyp.lockout") == 1
    auditor = Client()
    auditor.force_login(make_user("auditor", is_superuser=True))
    history = auditor.get(
        reverse("wagtailadmin_reports:site_history"), {"action": "yxyp.lockout"}
    ).content.decode()
    assert "198.51.100.2" in history and "登录已锁定" in history
