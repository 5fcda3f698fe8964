"""Page URLs at a cost independent of the number of Sites.

Upstream: wagtail#14620 (verified against Wagtail 8.0.1). Wagtail finds a page's Site by
testing the page's path against the root path of every Site, and counts the Sites, for every
URL it renders (``Page._get_relevant_site_root_paths``, ``Page.get_url``), after fetching the
list of all Sites from the cache on every request; with one Site per school that is thousands
of comparisons per link. Here the same list, in the same order, is kept in process memory as a
map from root path to Sites, and a page's Sites are found by looking up the prefixes of its own
path: as many lookups as the page is deep. Can go when Wagtail finds Sites by path prefix.

The Site that answers a request's host is kept in the same way instead of being looked up with a
query per request. The map and the Sites are dropped when Wagtail clears its site-root cache (a
Site saved or deleted, a site root page moved or renamed), in every process
(pages.invalidation); like Wagtail's own entry, they are rebuilt at least hourly.

Routing (no upstream issue found; can go when Wagtail routes a path in one query): Wagtail
walks a path one query per level. Each process remembers which page (id and type) a path led
to, and next time fetches that page alone, with its own type, and accepts it only if its URL
path is still exactly the Site root's plus the path asked for; a moved, renamed or deleted page
fails that test and the path is routed Wagtail's way again. Only paths that led to a page are
remembered, and at most ROUTES_KEPT of them, so no visitor can fill the process.

The Wagtail functions replaced are fingerprinted (overrides.fence): a change is a system check
warning, since a changed walk (a check added on the way down) would be skipped here.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.models import Page, Site
from wagtail.models import sites as wagtail_sites

from overrides import fence
from pages.invalidation import Kept

FENCE = fence.warned(
    fence.Code("wagtail.models", "Page._get_relevant_site_root_paths", "0602cf6d9a7a0724"),
    fence.Code("wagtail.models", "Page.route_for_request", "08bfda590f8fce39"),
    fence.Code("wagtail.models", "Page.get_url", "c244510d1121eee4"),
    fence.Code("wagtail.models.sites", "get_site_for_hostname", "b0f2e92301114758"),
    fence.Code("wagtail.models", "Site.clear_site_root_paths_cache", "1ab939c94d59bf4b"),
)
_kept = Kept("site-roots", max_age=3600)


def _build():
    # Wagtail keeps its list in the default cache, which under the embedded defaults is this
    # process's memory: the copy another worker's change made stale is dropped first.
    WAGTAIL_CLEAR_SITE_ROOT_PATHS()
    by_root = defaultdict(list)
    roots = Site.get_site_root_paths()
    for position, root in enumerate(roots):
        by_root[root.root_path].append((position, root))
    return dict(by_root), len({root.site_id for root in roots}), roots


def site_roots():
    """({root path: [(position in Wagtail's list, SiteRootPath), …]}, number of Sites)."""
    by_root, count, _roots = _kept.get(None, _build)
    return by_root, count


def relevant_site_root_paths(page, cache_object=None):
    """What Wagtail's ``_get_relevant_site_root_paths`` returns, found by the page path's own
    prefixes ("/", "/home/", "/home/jiangsu/", …) instead of a scan of every Site.

    Like Wagtail's, it leaves the list of every Site's root on ``cache_object`` (a request):
    Wagtail's redirect handler for changed slugs reads it from there."""
    by_root, _count, roots = _kept.get(None, _build)
    if cache_object is not None:
        cache_object._wagtail_cached_site_root_paths = roots
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
    _by_root, site_count = site_roots()
    if (current_site is not None and site_id == current_site.id) or site_count == 1:
        return page_path
    return root_url + page_path


def _clear_everywhere(clear):
    def clear_site_root_paths_cache():
        clear()
        _kept.forget()

    return clear_site_root_paths_cache


def site_for_hostname(hostname, port):
    """Wagtail's ``get_site_for_hostname`` (one query per request, wagtail#4014 closed
    unmerged), kept per process for the hostnames that name a Site. Any other Host header
    (which reaches this before ALLOWED_HOSTS is checked) is looked up each time, so no
    visitor can fill the process with entries."""
    key = ("host", hostname, port)
    found = _kept.get(key, lambda: WAGTAIL_SITE_FOR_HOSTNAME(hostname, port))
    if found.hostname != hostname:
        _kept.discard(key)
    return found


ROUTES_KEPT = 20_000
_routes = {}  # (root page id, path components) -> (content type id, page id)


def route_for_request(request, path):
    """Wagtail's ``Page.route_for_request``, from the page a path led to before when it is
    still there (one query), else Wagtail's walk (one or two queries a level)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = Site.find_for_request(request)
    components = tuple(component for component in path.split("/") if component)
    if site is None or not components:
        return WAGTAIL_ROUTE_FOR_REQUEST(request, path)
    root = site.root_page.localized
    key = (root.pk, components)
    page = _remembered(key, root.url_path + "".join(f"{part}/" for part in components))
    if page is None:
        result = WAGTAIL_ROUTE_FOR_REQUEST(request, path)
        if result is not None and not result.args and not result.kwargs:
            if len(_routes) >= ROUTES_KEPT:
                _routes.clear()
            _routes[key] = (result.page.content_type_id, result.page.pk)
        return result
    try:  # the last step of Wagtail's walk: the page's own answer (live, or not found)
        request._wagtail_route_for_request = page.route(request, [])
    except Http404:
        request._wagtail_route_for_request = None
    return request._wagtail_route_for_request


def _remembered(key, url_path):
    if key not in _routes:
        return None
    content_type_id, pk = _routes[key]
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    pages = model.objects.filter(pk=pk, url_path=url_path)
    page = next(iter(pages.select_related(*getattr(model, "listed_with", ()))), None)
    if page is None:
        _routes.pop(key, None)
    return page


WAGTAIL_ROUTE_FOR_REQUEST = Page.route_for_request
WAGTAIL_SITE_FOR_HOSTNAME = wagtail_sites.get_site_for_hostname
WAGTAIL_RELEVANT_SITE_ROOT_PATHS = Page._get_relevant_site_root_paths
WAGTAIL_GET_URL = Page.get_url
WAGTAIL_CLEAR_SITE_ROOT_PATHS = Site.clear_site_root_paths_cache


def install():
    Page._get_relevant_site_root_paths = relevant_site_root_paths
    Page.route_for_request = staticmethod(route_for_request)
    wagtail_sites.get_site_for_hostname = site_for_hostname
    Page.get_url = get_url
    Page.url = property(get_url)
    Site.clear_site_root_paths_cache = staticmethod(
        _clear_everywhere(WAGTAIL_CLEAR_SITE_ROOT_PATHS)
    )
