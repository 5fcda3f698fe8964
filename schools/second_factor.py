"""An optional second factor for staff: a time-based one-time code (TOTP) from an
authenticator app, built on django-otp (issue 16, finding 6).

Anyone may turn it on from their account page; ``STAFF_SECOND_FACTOR_REQUIRED`` makes it
compulsory for platform admins, bureau staff (curators, account managers) and auditors, whose
accounts reach every school of a region or the platform. A user with a confirmed device is
asked for a code after the password, before any other admin screen; django-otp counts failed
codes and makes each retry wait twice as long as the one before. A lost phone is reset by a
platform admin (``staff_user NAME --reset-second-factor``).
"""

import base64
import binascii
import time

import segno
from django.conf import settings
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from schools import roles

DEVICE_NAME = "authenticator"
# The unconfirmed device this session enrols.
PENDING = "yxyp_pending_device"


def required(user):
    """Whether the platform's settings make a second factor compulsory for ``user``."""
    if not settings.STAFF_SECOND_FACTOR_REQUIRED:
        return False
    return bool(
        user.is_superuser
        or roles.region_paths(user, roles.CURATOR)
        or roles.region_paths(user, roles.MANAGER)
        or roles.region_paths(user, roles.AUDITOR)
        or user.has_perm(roles.SEES_EVERYONE)
    )


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(request):
    """The key the signed-in user's app is to scan, made for this session on first asking and
    shown to no other: a key seen by whoever else signed in with the password (before the
    owner enrolled) is never the one the owner confirms (issue 33)."""
    unconfirmed = TOTPDevice.objects.devices_for_user(request.user, confirmed=False)
    device = unconfirmed.filter(pk=request.session.get(PENDING)).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
        request.session[PENDING] = device.pk
    return device


def drop_pending(user):
    """Removes the keys ``user``'s sessions were shown and nobody confirmed."""
    TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()


def drop_pending_at_sign_in(sender, request, user, **kwargs):
    """At each sign-in (``user_logged_in``): a key shown before it enrols nothing after it."""
    drop_pending(user)


def written_key(device):
    """The secret in base32, in groups of four, for typing into an app by hand."""
    key = base64.b32encode(binascii.unhexlify(device.key)).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device):
    """The device's otpauth:// address as an inline SVG QR code, drawn here (no service)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=gettext("Code to scan with your authenticator app")
    )


def check(device, token):
    """Checks a code from the app (django-otp throttles wrong ones); a first right code
    confirms a new device, which from then on guards the account. Both are logged against
    the account (``device.user``: a model instance, which Wagtail's log needs)."""
    if not device.verify_token(token):
        log(device.user, "yxyp.second_factor.failure", user=None)
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        drop_pending(device.user)
        log(device.user, "yxyp.second_factor.enable", user=device.user)
    return True


def already_used(device, token):
    """Whether ``token``, which ``check`` refused, is a right code of a time step already used:
    django-otp accepts each step once (``last_t``), so a code typed again, or used by another
    session, is refused though the app still shows it."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return totp.verify(int(token), device.tolerance)


def reset(user, by=None):
    """Removes every device of ``user`` (a lost phone); they enrol again at next sign-in."""
    count, _ = TOTPDevice.objects.filter(user=user).delete()
    log(user, "yxyp.second_factor.reset", user=by)
    return count
