"""Page URLs at a cost independent of the number of Sites.

Wagtail finds a page's Site by testing the page's path against the root path of every Site,
and counts the Sites, for every URL it renders (``Page._get_relevant_site_root_paths``,
``Page.get_url``), after fetching the list of all Sites from the cache on every request; with
one Site per school that is thousands of comparisons per link (wagtail issue #14620). Here the
same list, in the same order, is kept in process memory as a map from root path to Sites, and a
page's Sites are found by looking up the prefixes of its own path: as many lookups as the page
is deep.

The map is rebuilt when Wagtail clears its site-root cache (a Site saved or deleted, a site root
page moved or renamed): that call also replaces a version token in the shared cache, which every
process checks once per request. Like Wagtail's own entry, the map is rebuilt at least hourly.
"""

import time
import uuid
from collections import defaultdict

from django.core.cache import cache
from wagtail.models import Page, Site

VERSION_KEY = "yxyp:site-roots-version"
MAX_AGE = 3600


class _SiteRoots:
    version = None
    built_at = 0.0
    by_root = {}
    site_count = 0


def _current_version(cache_object):
    """The shared version token, read once per request (or per page without a request)."""
    version = getattr(cache_object, "_yxyp_site_roots_version", None)
    if version is None:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
        cache_object._yxyp_site_roots_version = version
    return version


def site_roots(cache_object):
    """{root path: [(position in Wagtail's list, SiteRootPath), …]} for the current Sites."""
    version = _current_version(cache_object)
    if version != _SiteRoots.version or time.monotonic() - _SiteRoots.built_at > MAX_AGE:
        by_root = defaultdict(list)
        roots = Site.get_site_root_paths()
        for position, root in enumerate(roots):
            by_root[root.root_path].append((position, root))
        _SiteRoots.by_root, _SiteRoots.version = dict(by_root), version
        _SiteRoots.site_count = len({root.site_id for root in roots})
        _SiteRoots.built_at = time.monotonic()
    return _SiteRoots.by_root


def relevant_site_root_paths(page, cache_object=None):
    """What Wagtail's ``_get_relevant_site_root_paths`` returns, found by the page path's own
    prefixes ("/", "/home/", "/home/jiangsu/", …) instead of a scan of every Site."""
    by_root = site_roots(cache_object if cache_object is not None else page)
    url_path = page.url_path or ""
    found = []
    end = url_path.find("/")
    while end != -1:
        found.extend(by_root.get(url_path[: end + 1], ()))
        end = url_path.find("/", end + 1)
    found.sort(key=lambda entry: entry[0])
    return tuple(root for _position, root in found)


def get_url(page, request=None, current_site=None):
    """Wagtail's ``Page.get_url``, with the number of Sites taken from the map instead of
    counted over the list of every Site for each URL."""
    if current_site is None and request is not None:
        current_site = Site.find_for_request(request)
    url_parts = page.get_url_parts(request=request)
    if url_parts is None or url_parts[1] is None and url_parts[2] is None:
        return None
    site_id, root_url, page_path = url_parts
    site_roots(request if request is not None else page)
    if (current_site is not None and site_id == current_site.id) or _SiteRoots.site_count == 1:
        return page_path
    return root_url + page_path


def _clear_and_bump(clear):
    def clear_site_root_paths_cache():
        clear()
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)

    return clear_site_root_paths_cache


WAGTAIL_RELEVANT_SITE_ROOT_PATHS = Page._get_relevant_site_root_paths
WAGTAIL_GET_URL = Page.get_url


def install():
    """Called once from PagesConfig.ready()."""
    if Page._get_relevant_site_root_paths is WAGTAIL_RELEVANT_SITE_ROOT_PATHS:
        Page._get_relevant_site_root_paths = relevant_site_root_paths
        Page.get_url = get_url
        Page.url = property(get_url)
        Site.clear_site_root_paths_cache = staticmethod(
            _clear_and_bump(Site.clear_site_root_paths_cache)
        )
