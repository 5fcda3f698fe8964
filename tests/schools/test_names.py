"""Issue 34, item 7: one 姓名, stored whole and shown in Chinese order everywhere (the
accounts list, the log, ``name_of``, Wagtail's user admin, the account page), and usernames
never capitalised in messages."""

import importlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from schools import roles
from tests.content import new_account
from tests.schools.test_sign_in import form_values, sign_in

pytestmark = pytest.mark.django_db
User = get_user_model()
GOOD = "Initial-password-2026"


def test_the_managers_name_field_is_kept_whole_and_shown_in_chinese_order(
    client, make_user, county, school_a
):
    client.force_login(make_user("xuanwu-manager", region=county, role="manager"))
    url = reverse("school_accounts")
    account = new_account(school_a, username="zhongshan-shuji", name="李红", password=GOOD)
    response = client.post(url, account, follow=True)
    person = User.objects.get(username="zhongshan-shuji")
    assert (person.last_name, person.first_name) == ("李红", "")
    assert roles.name_of(person) == "李红"
    told = [str(message) for message in get_messages(response.wsgi_request)]
    told += [m.group(0) for m in re.finditer(r"李红[^<]*", response.content.decode())]
    assert any(text.startswith("李红") for text in told) and "Zhongshan" not in "".join(told)
    listing = client.get(url).content.decode()
    assert re.search(r"<td>李红", listing) and "红 李" not in listing

    admin = Client()
    admin.force_login(make_user("root", is_superuser=True))
    history = admin.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "李红（zhongshan-shuji）" in history and "Zhongshan" not in history


def test_the_account_page_asks_one_name_and_the_first_save_goes_through(
    make_user, county, school_a
):
    manager = Client()
    manager.force_login(make_user("xuanwu-manager", region=county, role="manager"))
    manager.post(reverse("school_accounts"), new_account(school_a, name="李红", password=GOOD))
    client = Client()
    assert sign_in(client, "new_teacher", GOOD).status_code == 302
    page = client.get("/admin/account/").content.decode()
    assert 'name="name_email-last_name"' in page and 'name="name_email-first_name"' not in page
    fields = form_values(page) | {
        "password-old_password": GOOD,
        "password-new_password1": "My-own-password-2026",
        "password-new_password2": "My-own-password-2026",
    }
    assert fields["name_email-last_name"] == "李红"
    assert client.post("/admin/account/", fields).status_code == 302
    fields = form_values(client.get("/admin/account/").content.decode())
    client.post("/admin/account/", {**fields, "name_email-last_name": "李小红"})
    person = User.objects.get(username="new_teacher")
    assert (person.last_name, person.first_name, person.get_full_name()) == ("李小红", "", "李小红")


def test_wagtails_user_admin_asks_one_name(admin_client):
    form = admin_client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'name="last_name"' in form and 'name="first_name"' not in form
    admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "wang-shuji",
            "email": "wang@example.cn",
            "last_name": "王建国",
            "password1": "A-good-password-2026",
            "password2": "A-good-password-2026",
        },
    )
    person = User.objects.get(username="wang-shuji")
    assert person.get_full_name() == "王建国" and person.first_name == ""
    listing = admin_client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "王建国" in listing and "建国 王" not in listing


def test_existing_names_are_joined_in_chinese_order():
    migration = importlib.import_module("schools.migrations.0008_whole_names")
    assert migration.whole("红", "李") == "李红"  # Wagtail's 名, 姓
    assert migration.whole("李红", "") == "李红"  # the managers' form's whole name in 名
    assert migration.whole("", "李红") == "李红"
    assert migration.whole("John", "Smith") == "John Smith"  # Latin letters as typed


def test_name_of_reads_a_name_given_in_two_parts_in_chinese_order(make_user):
    assert roles.name_of(make_user("li", first_name="红", last_name="李")) == "李红"
    assert roles.name_of(make_user("smith", first_name="John", last_name="Smith")) == "John Smith"
    assert roles.name_of(make_user("nameless")) == "nameless"
