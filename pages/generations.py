"""The generation tokens of the page tree, which say whether a rendering is still fresh.

Every school and region has a token in the shared cache (Redis, or files every worker of the
machine reads), and so has everything at once: publishing, withdrawing or restricting a page
renews the tokens of its school and every region above it, a change everyone shows (a region's
name, a move, a Site, a setting) renews the global one. What was rendered under a page's
tokens is fresh while they stand: whole pages (pages.page_cache) and the parts every page of a
school repeats (pages.fragments). Model classes are looked up in the app registry, so that
models may use the tokens.
"""

import uuid

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from wagtail.models import Page

from pages.invalidation import now_and_after_commit

GLOBAL = "page-cache:gen:*"
ANY_PAGE = "page-cache:gen:any-page"  # renewed with every school's and region's token


def generation_key(path):
    return f"page-cache:gen:{path}"


def _anchor_models():
    return apps.get_model("pages", "SchoolHomePage"), apps.get_model("pages", "RegionPage")


def anchor(page):
    """The tree path whose changes this page shows: its school, or itself for a portal.
    Without a query for a school, a region, or a school's page that knows its school."""
    models = _anchor_models()
    types = ContentType.objects.get_for_models(*models).values()
    if isinstance(page, models) or page.content_type_id in {kind.pk for kind in types}:
        return page.path  # a Site's root page, say, not made specific
    if hasattr(type(page), "school"):  # pages.models.base.SchoolPageMixin
        school = page.school
    else:
        school = models[0].objects.containing(page).first()
    return school.path if school is not None else page.path


def generation_keys(page, whole_tree=False):
    """The tokens a rendering of ``page`` is fresh under: everything's and its school's (or
    its portal's); with ``whole_tree``, also the token any publication anywhere renews."""
    keys = [GLOBAL, generation_key(anchor(page))]
    return [*keys, ANY_PAGE] if whole_tree else keys


def current_tokens(keys):
    """Generation tokens for ``keys``, creating missing ones, so no token is ever empty."""
    shared = caches["shared"]
    tokens = shared.get_many(keys)
    for key in keys:
        if key not in tokens:
            shared.add(key, uuid.uuid4().hex, None)
            tokens[key] = shared.get(key)
    return [tokens[key] for key in keys]


def renew(keys):
    """New tokens now and once the change commits: a request served in between renders the
    rows as they were and would store that page under the first new tokens."""
    now_and_after_commit(
        lambda: caches["shared"].set_many({key: uuid.uuid4().hex for key in keys}, None)
    )


def invalidate_above(page):
    """After ``page`` changed: its school and every region above it show something new."""
    paths = [page.path[:end] for end in range(Page.steplen * 2, len(page.path) + 1, Page.steplen)]
    renew([ANY_PAGE, *(generation_key(path) for path in paths)])


def invalidate_everything():
    renew([GLOBAL])
