"""Staff sessions and the attempts a visitor may make at secrets (issue 16, finding 6).

Sign-in itself is throttled by django-axes (settings, "Sign-in"); this module adds what it
does not cover: a staff session that ends after STAFF_IDLE_TIMEOUT without a request; an
account still on the password its account manager chose, whose owner is sent to change it
before anything else in the admin; and a limit on guesses at a page's password and on
password-reset requests, per network address.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from schools.models import InitialPassword

LAST_SEEN = "yxyp_last_seen"
# Admin views an account on its initial password may still use.
WHILE_INITIAL = {"wagtailadmin_account", "wagtailadmin_logout", "wagtailadmin_javascript_catalog"}
# POSTs limited per address: URL name -> (attempts, seconds).
GUARDED = {
    "wagtailcore_authenticate_with_password": (10, 15 * 60),
    "wagtailadmin_password_reset": (5, 60 * 60),
}


def locked_out(request, response=None, credentials=None):
    """The lockout page django-axes shows (AXES_LOCKOUT_CALLABLE), in the visitor's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "schools/locked_out.html", {"minutes": minutes}, status=429)


def too_many(request, name):
    """Counts this POST against the address's allowance for ``name``; True once it is spent."""
    limit, window = GUARDED[name]
    key = f"attempts:{name}:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, window)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        return False


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name in GUARDED and too_many(request, name):
                minutes = GUARDED[name][1] // 60
                return render(request, "schools/locked_out.html", {"minutes": minutes}, status=429)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
            elif last is None or now - last >= 60:  # written at most once a minute
                request.session[LAST_SEEN] = now
            if request.user.is_authenticated and on_initial_password(request):
                return redirect("wagtailadmin_account")
        return self.get_response(request)


def on_initial_password(request):
    """Whether this admin request must wait until the account's initial password is changed;
    the check costs a query only until it has been (the session remembers)."""
    if request.session.get("yxyp_own_password"):
        return False
    initial = InitialPassword.objects.filter(user=request.user).first()
    if initial is not None and initial.password != request.user.password:
        initial.delete()
        initial = None
    if initial is None:
        request.session["yxyp_own_password"] = True
        return False
    if not request.path_info.startswith(reverse("wagtailadmin_home")):
        return False
    try:
        name = resolve(request.path_info).url_name
    except Resolver404:
        return False
    if name in WHILE_INITIAL:
        return False
    messages.warning(
        request, _("Your account manager chose your password: choose one of your own first.")
    )
    return True
