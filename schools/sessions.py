"""Staff sessions and the attempts a visitor may make at secrets (issue 16, finding 6).

Sign-in itself is throttled by django-axes (settings, "Sign-in"); this module adds what it
does not cover: a staff session that ends after STAFF_IDLE_TIMEOUT without a request, and a
limit on guesses at a page's password and on password-reset requests, per network address.
What a session still owes after the password (a code, enrolment, a password of its own) is
schools.sign_in_gate's.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.core.cache import caches
from django.shortcuts import render

from pages.networks import client_network

LAST_SEEN = "yxyp_last_seen"
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
        # Signed in, whether or not the session has paid its way past the sign-in gate yet.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and SESSION_KEY in request.session:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
            elif last is None or now - last >= 60:  # written at most once a minute
                request.session[LAST_SEEN] = now
        return None
