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
from django.urls import reverse
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


def _too_many_attempts_page(request, minutes):
    return render(request, "schools/locked_out.html", {"minutes": minutes}, status=429)


def locked_out(request, response=None, credentials=None):
    """The lockout page django-axes shows (AXES_LOCKOUT_CALLABLE), in the visitor's language."""
    return _too_many_attempts_page(request, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


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
            if request.user.is_authenticated and on_initial_password(request, name):
                return redirect("wagtailadmin_account")
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
    if not request.path_info.startswith(reverse("wagtailadmin_home")) or name in WHILE_INITIAL:
        return False
    messages.warning(
        request, _("Your account manager chose your password: choose one of your own first.")
    )
    return True
