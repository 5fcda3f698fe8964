"""关怀模式: large text, strong contrast, large targets and no motion, switched on by the visitor
and kept on across pages and across every school's Site.

The mode is a cookie on the platform's base domain, so a visitor who turns it on at the portal
keeps it on every school's subdomain. Pages are rendered with the mode's class on <html> (no
script needed), and the page cache keeps one copy per mode (pages.page_cache).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

COOKIE = "care"
ONE_YEAR = 365 * 24 * 3600


def is_on(request):
    return request.COOKIES.get(COOKIE) == "1"


def cookie_domain():
    """The base domain, for every school's subdomain; None (this host only) where browsers
    refuse a domain cookie: localhost and bare IP addresses."""
    host = settings.SITE_HOSTNAME
    if "." not in host or host.replace(".", "").isdigit():
        return None
    return host


@require_GET
def switch(request):
    """``?on=1`` or ``?on=0``, back to ``next`` (a path on this host; the home page otherwise).
    A link, not a form: it works without script and leaves cached pages free of tokens."""
    target = request.GET.get("next", "/")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("on") == "1":
        response.set_cookie(
            COOKIE,
            "1",
            max_age=ONE_YEAR,
            domain=cookie_domain(),
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(COOKIE, domain=cookie_domain(), samesite="Lax")
    response["Cache-Control"] = "no-store"
    return response
