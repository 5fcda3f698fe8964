"""Whole-page cache for anonymous visitors, invalidated precisely.

A public page is stored (Django's default cache: Redis in production, each process's memory under
the embedded defaults) with the generation tokens of the subtree it shows: the school it belongs
to, or for a region portal the region itself. The tokens live in the shared cache (Redis, or files
every worker of the machine reads), so a change made in one worker is seen by every other at its
next request. Publishing, unpublishing or deleting a page replaces the tokens of every region
and school above it, so the school's own pages and the portals that aggregate it are served
afresh while every other school keeps its cached pages; moving pages, renaming regions and
changing Sites, settings or shared snippets replace the global token. A hit costs two cache
reads and no SQL, before URL resolution.

Never cached: requests carrying a session cookie (a logged-in editor sees the live page with its
user bar), anything but GET/HEAD, pages Wagtail did not serve (admin, previews, API, search),
pages with a view restriction, responses that are not 200 or that set a cookie.
ETag and Last-Modified come with every cached page; Django's ConditionalGetMiddleware answers
conditional requests with 304. A hit carries every header the miss had (security headers,
Vary, X-Frame-Options), not only the content's.

The key is the Site that answers the host, the path, the visitor's care mode, the day
(mourning periods start and end with one), and only the query parameters pages read
(QUERY_PARAMETERS): ``?utm_source=…`` or any other junk shares the page's entry instead of
making one per link. A host that is no Site's hostname (a made-up subdomain under the wildcard
ALLOWED_HOSTS, which Wagtail serves from the default Site, or a bare IP address) is served
without the cache, so no visitor can make an entry per name they invent.
A request whose page number or tag no page could use (``?page=abc``, a kilobyte tag) is served
without the cache, so no visitor can fill it with entries. Adding, changing or removing a
view restriction refreshes the page's school and the portals above, as publishing does.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import Site

from pages import care_mode
from pages.generations import (
    current_tokens,
    generation_keys,
)

# Headers of the moment, not of the page.
NOT_STORED = {"Set-Cookie", "Date", "X-Page-Cache"}
# The query parameters public pages read (listings' page number and tag, a portal's full
# lists), with the values worth an entry of their own.
QUERY_PARAMETERS = {
    "page": lambda value: value.isascii() and value.isdigit() and 0 < int(value) <= 1000,
    "tag": lambda value: 0 < len(value) <= 100,
    "list": lambda value: value in ("posts", "activities", "cases"),
}


def own_address(request):
    """The address a page links back to itself by (the care-mode switch): for a page the cache
    may keep, its path and only the parameters pages read, so no visitor's query string is
    stored in a page others are served; otherwise the full address (a search keeps its query)."""
    if getattr(request, "_page_cache_page", None) is None:
        return request.get_full_path()
    kept = [
        (name, value)
        for name in sorted(QUERY_PARAMETERS.keys() & request.GET.keys())
        for value in request.GET.getlist(name)
        if QUERY_PARAMETERS[name](value)
    ]
    return f"{request.path}?{urlencode(kept)}" if kept else request.path


def named_site(request):
    """The Site whose hostname the request's host is, or None: Wagtail answers any other host
    with the default Site (kept per process for named hosts, overrides.routing: no SQL)."""
    site = Site.find_for_request(request)
    hostname, _port = split_domain_port(request.get_host())
    return site if site is not None and site.hostname == hostname else None


def _entry_key(request):
    """Fixed-length, whatever the URL; None when the query string holds a value of a
    parameter pages read that no page would show, or the host names no Site (then the
    request is not cached)."""
    kept = []
    for name in sorted(QUERY_PARAMETERS.keys() & request.GET.keys()):
        values = request.GET.getlist(name)
        if not all(QUERY_PARAMETERS[name](value) for value in values):
            return None
        kept.append((name, values))
    site = named_site(request)
    if site is None:
        return None
    # One copy per care mode, and none outlives its day (mourning periods are whole days).
    variant = f"{care_mode.is_on(request)}|{timezone.localdate()}"
    address = f"{site.pk}|{request.path}?{kept!r}|{variant}".encode()
    return f"page-cache:page:{hashlib.sha256(address).hexdigest()}"


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _cacheable_request(self, request):
        return (
            enabled()
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and request.path_info not in settings.PAGE_CACHE_BYPASS
        )

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        key = _entry_key(request)
        if key is None:
            return self.get_response(request)
        entry = cache.get(key)
        if entry is not None and current_tokens(entry["keys"]) == entry["tokens"]:
            response = HttpResponse(entry["content"], status=200)
            for name, value in entry["headers"].items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        page = getattr(request, "_page_cache_page", None)
        if page is not None:
            self._store(key, page, response)
        return response

    def _store(self, key, page, response):
        if response.status_code != 200 or response.cookies or response.streaming:
            return
        if "Last-Modified" not in response:
            # When this rendering was made: a page also shows its school's newer work.
            response["Last-Modified"] = http_date()
        keys = generation_keys(page)
        tokens = current_tokens(keys)
        if None in tokens:  # the shared cache is unreachable: nothing could tell it is stale
            return
        cache.set(
            key,
            {
                "content": response.content,
                "headers": {
                    name: value for name, value in response.items() if name not in NOT_STORED
                },
                "keys": keys,
                "tokens": tokens,
            },
            settings.PAGE_CACHE_SECONDS,
        )
        response["X-Page-Cache"] = "miss"


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: only live public pages served to anonymous visitors."""
    if enabled() and not request.user.is_authenticated and not page.get_view_restrictions():
        request._page_cache_page = page
