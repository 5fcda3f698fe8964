"""What a public page shows of its school and the regions above it, kept between requests.

Every page of a school repeats the same frame: the footer's facts and the day's mourning, the
menu, the breadcrumbs above it, the links to its editions, its neighbours and related items.
Worked out afresh they cost a query each and most of a page's time, yet they change only when
something in the school or the regions above changes, which is exactly what the page cache's
generation tokens follow (pages.generations): publishing, withdrawing or restricting a page
renews its school's and its regions' tokens, a region, a move, a Site, a setting or a mourning
period renews them all. So these parts are kept in the default cache (each process's memory,
or Redis) under those tokens and read back while the tokens stand, whether or not the whole
page is cached: as data, or as rendered HTML (the ``{% keep %}`` tag: the header, the
breadcrumbs, a post's head, article and related items), which spares their rendering too.
The page's own article may be kept because publishing it renews its school's token. What
belongs to the visitor (the user bar, the care mode) and what the query string chooses stay
outside. When the shared cache cannot be read nothing is kept, as with the page cache.

Parts that show other schools' pages (related items) are kept under the token of the whole
tree, which any publication anywhere renews.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone, translation

from pages import generations
from pages.invalidation import request_memo

SECONDS = 3600  # the tokens decide; this only frees the memory of parts no page asks for
_MISSING = object()


def _tokens(request, page, scope):
    """The generation tokens ``page``'s parts depend on, read once per request and page."""
    memo = request_memo("fragment-tokens")
    if memo is not None and (page.pk, scope) in memo:
        return memo[page.pk, scope]
    keys = generations.generation_keys(page, whole_tree=scope == "tree")
    tokens = generations.current_tokens(keys)
    joined = None if None in tokens else "|".join(tokens)
    if memo is not None:
        memo[page.pk, scope] = joined
    return joined


def kept(request, page, name, compute, scope="school"):
    """``compute()``, or what it gave for this page while its tokens stand. ``scope`` is
    "school" for parts of the page's school and the regions above, "tree" for parts that show
    other schools' pages."""
    if request is None or page is None or not page.pk or getattr(request, "is_preview", False):
        return compute()  # a preview shows the editor's unsaved changes, not the kept parts
    tokens = _tokens(request, page, scope)
    if tokens is None:
        return compute()
    variant = f"{name}|{page.pk}|{request.get_host()}|{translation.get_language()}"
    address = f"{variant}|{timezone.localdate()}|{tokens}".encode()
    key = f"page-parts:{hashlib.sha256(address).hexdigest()}"
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        found = compute()
        cache.set(key, found, SECONDS)
    return found
