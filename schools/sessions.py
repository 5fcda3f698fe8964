"""Staff sessions and the attempts a visitor may make at secrets (issue 16, finding 6).

Sign-in itself is throttled by django-axes (settings, "Sign-in"); this module adds what it
does not cover: a staff session that ends after STAFF_IDLE_TIMEOUT without a request; an
account still on the password its account manager chose, whose owner is sent to change it
before anything else in the admin; the code of a second factor (schools.second_factor) asked
after the password, and enrolment for those who must have one; and a limit on guesses at a
page's password and on password-reset requests, per network address.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.cache import caches
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pages.networks import client_network
from schools import second_factor
from schools.models import InitialPassword

LAST_SEEN = "yxyp_last_seen"
# Admin views an account on its initial password may still use.
WHILE_INITIAL = {"wagtailadmin_account", "wagtailadmin_logout", "wagtailadmin_javascript_catalog"}
# Admin views a signed-in user may use before giving the second factor.
BEFORE_SECOND_FACTOR = {
    "second_factor",
    "second_factor_setup",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
# The sign-in for which the session found no second factor due: the check is not repeated.
NO_SECOND_FACTOR = "yxyp_no_second_factor"
# POSTs limited per address: URL name -> (attempts, seconds).
GUARDED = {
    "wagtailcore_authenticate_with_password": (10, 15 * 60),
    "wagtailadmin_password_reset": (5, 60 * 60),
}


def _too_many_attempts_page(request, minutes):
    return render(request, "schools/locked_out.html", {"minutes": minutes}, status=429)


def locked_out(request, response=None, credentials=None):
    """The lockout page django-axes shows (AXES_LOCKOUT_CALLABLE), in the visitor's language."""
    return _too_many_attempts_page(request, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def too_many(request, name):
    """Counts this POST against the address's allowance for ``name``; True once it is spent."""
    limit, window = GUARDED[name]
    key = f"attempts:{name}:{client_network(request)}"
    shared = caches["shared"]  # one allowance, whichever worker the attempt reaches
    shared.add(key, 0, window)
    try:
        return shared.incr(key) > limit
    except ValueError:  # expired between add and incr
        return False


class StaffSessionMiddleware:
    """Runs once the URL is resolved (``process_view``), so it reads the view's name from
    the resolver's match instead of resolving the path again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = request.resolver_match.view_name
        if request.method == "POST" and name in GUARDED and too_many(request, name):
            return _too_many_attempts_page(request, GUARDED[name][1] // 60)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
            elif last is None or now - last >= 60:  # written at most once a minute
                request.session[LAST_SEEN] = now
            if not request.user.is_authenticated or not in_admin(request):
                return None
            if (waiting := second_factor_due(request, name)) is not None:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(waiting)}?{query}")
            if on_initial_password(request, name):
                return redirect("wagtailadmin_account")
        return None


def in_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


def second_factor_due(request, name):
    """The view to send the user to before this admin request: the code of their
    authenticator, or enrolment when the settings require one and they have none."""
    user = request.user
    if name in BEFORE_SECOND_FACTOR or user.is_verified():
        return None
    if request.session.get(NO_SECOND_FACTOR) == str(user.last_login):
        return None
    if second_factor.confirmed_device(user) is not None:
        return "second_factor"
    if second_factor.required(user):
        return "second_factor_setup"
    request.session[NO_SECOND_FACTOR] = str(user.last_login)
    return None


def on_initial_password(request, name):
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
    if name in WHILE_INITIAL:
        return False
    messages.warning(
        request, _("Your account manager chose your password: choose one of your own first.")
    )
    return True
