"""The second factor (issue 16, finding 6) through the real sign-in views: a code after the
password for accounts that have an authenticator, enrolment with a QR code and a typed key,
compulsory by setting for platform admins and bureau staff, wrong codes throttled and logged,
a lost phone reset by the platform admin."""

import base64
import re
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from schools import second_factor

pytestmark = pytest.mark.django_db
PASSWORD = "Xuanwu-2026-jiaoyu"


def code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def sign_in(client, user):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    return response


@pytest.fixture
def staff(make_user, school_a, county):
    def make(name, **where):
        user = make_user(name, **where)
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


def test_an_enrolled_account_gives_a_code_after_its_password(client, staff, school_a):
    teacher = staff("ml_teacher", school=school_a, role="editor")
    device = TOTPDevice.objects.create(user=teacher, name="phone", confirmed=True)
    sign_in(client, teacher)
    home = reverse("wagtailadmin_home")
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor") + "?next=")
    assert client.get(home).status_code == 302  # nothing in the admin before the code
    form = client.get(response["Location"])
    assert form.status_code == 200 and 'autocomplete="one-time-code"' in form.content.decode()
    assert "<svg" not in form.content.decode()  # no new key shown to a signed-in password

    wrong = client.post(reverse("second_factor"), {"token": "000000", "next": home})
    assert wrong.status_code == 200 and "不正确" in wrong.content.decode()
    assert ModelLogEntry.objects.filter(action="yxyp.second_factor.failure").count() == 1
    throttled = client.post(reverse("second_factor"), {"token": code(device), "next": home})
    assert "请等待" in throttled.content.decode()  # django-otp's delay after a wrong code
    assert client.post(reverse("second_factor"), {"token": "12ab"}).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()  # as if the delay had passed
    done = client.post(reverse("second_factor"), {"token": code(device), "next": home})
    assert done.status_code == 302 and done["Location"] == home
    assert client.get(home).status_code == 200


def test_without_an_authenticator_staff_sign_in_as_before_unless_required(
    client, staff, school_a, county, settings
):
    teacher = staff("ml_plain", school=school_a, role="editor")
    curator = staff("xw_curator", region=county, role="curator")
    sign_in(client, teacher)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.logout()
    sign_in(client, curator)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.logout()

    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    sign_in(client, teacher)  # school staff: still optional
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.logout()
    sign_in(client, curator)  # bureau staff: enrol first
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("second_factor_setup"))
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "otpauth" not in page  # the QR code, drawn here
    key = re.search(r'<code translate="no">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=curator, confirmed=False)
    assert base64.b32decode(key) == device.bin_key  # the typed key is the same secret
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 302
    done = client.post(reverse("second_factor_setup"), {"token": code(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert ModelLogEntry.objects.filter(action="yxyp.second_factor.enable").exists()

    client.logout()  # next time: the code, not enrolment
    sign_in(client, curator)
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(
        reverse("second_factor") + "?"
    )


def test_school_staff_turn_it_on_from_their_account_and_a_platform_admin_resets_it(
    client, staff, school_a, capsys
):
    teacher = staff("ml_optional", school=school_a, role="editor")
    sign_in(client, teacher)
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("second_factor_setup") in account
    client.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=teacher, confirmed=False)
    client.post(reverse("second_factor_setup"), {"token": code(device)})
    assert second_factor.confirmed_device(teacher) is not None
    assert (
        reverse("second_factor_setup")
        not in client.get(reverse("wagtailadmin_account")).content.decode()
    )

    call_command("staff_user", teacher.username, "--reset-second-factor")
    assert "1 authenticator(s) removed" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=teacher).exists()
    assert ModelLogEntry.objects.filter(action="yxyp.second_factor.reset").exists()
