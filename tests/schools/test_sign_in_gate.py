"""One sign-in gate (issue 33, item 4) through the real views: with the password alone, a
session that owes its second factor or a password of its own is anonymous everywhere (the
school's unpublished documents, login-only pages, their API entries, previews, the sign-in
of Wagtail's login-only pages, HTTP Basic credentials on the API) until it has paid; and
enrolment shows each session its own key, drops the keys nobody confirmed, and says why a
code already used is refused."""

import base64
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from schools.models import InitialPassword
from tests.content import document, post
from tests.schools.test_second_factor import PASSWORD, code
from tests.schools.test_sign_in import form_values

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture
def teacher(make_user, school_a):
    user = make_user("gate_teacher", school=school_a, role="editor")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def held(school_a):
    """What only a signed-in member of school A reaches: an unpublished document of the
    school, a login-only page and the page's API entry."""
    page = post(school_a, "内部通知")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    address = urlsplit(page.full_url)
    return {
        "document": document(school_a.collection, "未发布台账").url,
        "page": address.path,
        "api": f"/api/v2/pages/{page.pk}/",
        "host": address.netloc,
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
    }


def sign_in(client, user, password=PASSWORD):
    response = client.post(LOGIN, {"username": user.username, "password": password})
    assert response.status_code == 302, response.content[:300]


def reaches(client, held):
    """Status of each held thing for this client: 200 where it is served."""
    return {
        "document": client.get(held["document"]).status_code,
        "page": client.get(held["page"], HTTP_HOST=held["host"]).status_code,
        "api": client.get(held["api"], HTTP_HOST=held["host"]).status_code,
    }


ALL = {"document": 200, "page": 200, "api": 200}
NONE = {"document": 404, "page": 302, "api": 404}


def test_a_session_owing_its_code_is_anonymous_everywhere_until_it_gives_it(client, teacher, held):
    device = TOTPDevice.objects.create(user=teacher, name="phone", confirmed=True)
    sign_in(client, teacher)
    assert reaches(client, held) == NONE
    login_page = client.get(held["page"], HTTP_HOST=held["host"])
    assert login_page["Location"].startswith(reverse("wagtailcore_login") + "?next=")
    preview = client.get(held["preview"])
    assert preview.status_code == 302
    assert preview["Location"].startswith(reverse("second_factor") + "?next=")
    # The password in an HTTP Basic header is no way around it either.
    basic = base64.b64encode(f"{teacher.username}:{PASSWORD}".encode()).decode()
    header = {"HTTP_AUTHORIZATION": f"Basic {basic}", "HTTP_HOST": held["host"]}
    assert Client().get(held["api"], **header).status_code == 404

    paid = client.post(reverse("second_factor"), {"token": code(device), "next": "/admin/"})
    assert paid.status_code == 302
    assert reaches(client, held) == ALL


def test_wagtails_sign_in_for_login_only_pages_asks_for_the_code(client, teacher, held):
    device = TOTPDevice.objects.create(user=teacher, name="phone", confirmed=True)
    login = reverse("wagtailcore_login")
    signed = client.post(
        login,
        {"username": teacher.username, "password": PASSWORD, "next": held["page"]},
        HTTP_HOST=held["host"],
    )
    assert signed.status_code == 302 and "_auth_user_id" in client.session
    assert reaches(client, held) == NONE  # the password alone is not a session
    again = client.get(held["page"], HTTP_HOST=held["host"])
    asked = client.get(again["Location"], HTTP_HOST=held["host"])
    assert asked.status_code == 302
    assert asked["Location"] == f"{reverse('second_factor')}?{urlencode({'next': held['page']})}"
    paid = client.post(reverse("second_factor"), {"token": code(device), "next": held["page"]})
    assert paid.status_code == 302 and paid["Location"] == held["page"]
    assert reaches(client, held) == ALL


def test_an_account_on_its_initial_password_is_anonymous_until_it_chooses_its_own(
    client, teacher, held
):
    InitialPassword.objects.create(user=teacher, password=teacher.password)
    sign_in(client, teacher)
    assert reaches(client, held) == NONE
    assert client.get(held["preview"])["Location"] == reverse("wagtailadmin_account")
    for form in (reverse("wagtailcore_login"), LOGIN):
        assert client.get(form)["Location"] == reverse("wagtailadmin_account")

    account = client.get(reverse("wagtailadmin_account"))
    assert account.status_code == 200
    fields = form_values(account.content.decode()) | {
        "name_email-first_name": "梅",  # the account form asks for a name and an address
        "name_email-last_name": "老师",
        "name_email-email": "gate@example.cn",
        "password-old_password": PASSWORD,
        "password-new_password1": "My-own-password-2026",
        "password-new_password2": "My-own-password-2026",
    }
    assert client.post(reverse("wagtailadmin_account"), fields).status_code == 302
    assert reaches(client, held) == ALL


def test_platform_admins_and_curators_must_enrol_where_production_requires_it(
    client, make_user, county, held, settings
):
    production = (settings.BASE_DIR / "deploy" / "production.env").read_text()
    assert re.search(r"^STAFF_SECOND_FACTOR_REQUIRED=1$", production, re.MULTILINE)
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    admin = make_user("gate_admin", is_superuser=True, is_staff=True)
    curator = make_user("gate_curator", region=county, role="curator")
    for user in (admin, curator):
        user.set_password(PASSWORD)
        user.save()
        browser = Client()
        sign_in(browser, user)
        page = browser.get(held["page"], HTTP_HOST=held["host"])
        assert page.status_code == 302, user  # anonymous to the login-only page
        assert browser.get("/admin/")["Location"].startswith(reverse("second_factor_setup"))
        browser.get(reverse("second_factor_setup"))
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        browser.post(reverse("second_factor_setup"), {"token": code(device), "next": "/admin/"})
        assert browser.get(held["page"], HTTP_HOST=held["host"]).status_code == 200, user


def shown_key(client):
    page = client.get(reverse("second_factor_setup")).content.decode()
    return re.search(r'<code translate="no">([A-Z2-7 ]+)</code>', page).group(1)


def test_each_session_enrols_its_own_key_and_unconfirmed_keys_are_dropped(teacher):
    first, second = Client(), Client()
    sign_in(first, teacher)
    shown_first = shown_key(first)
    assert shown_key(first) == shown_first  # the same session keeps its key
    assert TOTPDevice.objects.filter(user=teacher, confirmed=False).count() == 1
    sign_in(second, teacher)
    assert not TOTPDevice.objects.filter(user=teacher).exists()  # dropped at sign-in
    shown_second = shown_key(second)
    assert shown_second != shown_first
    assert shown_key(first) not in (shown_first, shown_second)  # a new one, its own

    device = TOTPDevice.objects.get(user=teacher, confirmed=False, key__in=_hex_keys(shown_second))
    assert second.post(reverse("second_factor_setup"), {"token": code(device)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=teacher)) == [device]  # the others dropped
    device.refresh_from_db()
    assert device.confirmed
    # The session opened with the password alone now owes the code too.
    assert first.get("/admin/")["Location"].startswith(reverse("second_factor") + "?next=")


def _hex_keys(written):
    return [base64.b32decode(written.replace(" ", "")).hex()]


def test_a_code_already_used_is_refused_with_the_reason(teacher):
    device = TOTPDevice.objects.create(user=teacher, name="phone", confirmed=True)
    first, second = Client(), Client()
    token = code(device)
    sign_in(first, teacher)
    assert first.post(reverse("second_factor"), {"token": token}).status_code == 302
    sign_in(second, teacher)
    refused = second.post(reverse("second_factor"), {"token": token})
    assert refused.status_code == 200
    reason = gettext("That code has been used already: wait for the next one in your app.")
    assert reason in refused.content.decode()
