"""The school boundary in the admin, enforced once for every view.

Wagtail checks permissions view by view, and a few views only check on POST or not at all
(the move confirmation page, the image and document choosers' "chosen" endpoints, the admin
API's image and document details). So before any admin view runs, each page, image or
document its URL names is checked against the user's schools: one outside them is a 404, as
if it did not exist. Ancestors of the user's school stay reachable in the explorer and the
page chooser, which need them as the way down the tree; curators may browse their region's
pages only in the page chooser (to pick brands and cases to feature).

Ids arrive in the query string too: the choosers' "chosen multiple" endpoints and the bulk
actions' confirmation screens take ``id=…`` lists, and printed the titles of other schools'
objects they named. Each id there is checked the same way; a malformed one (``id=abc``, a
number beyond any database integer) is a 400 for everyone, the platform admin included. A bulk
action's ``id=all`` ("everything in this listing") becomes, for school staff, every object of
their own schools in that listing. And in JSON bodies: the admin API's move and copy name their
destination there, which must lie in the user's schools and, whoever asks, in the page's own
school. The admin API's image and document listings, which list every school's files and
which the admin's screens do not use, are the platform admin's.
"""

import json
from contextvars import ContextVar
from functools import partial

from django.core.exceptions import BadRequest
from django.http import Http404
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from pages import visibility
from pages.models import SchoolHomePage
from schools import roles

PAGE, IMAGE, DOCUMENT = "page", "image", "document"
# wagtail-localize's views name a page through its translation records: a source, one of its
# translations, or one of its segments (each view also checks a segment against its translation;
# the boundary does not rely on that).
SOURCE, TRANSLATION = "translation source", "translation"
STRING_SEGMENT, OVERRIDABLE_SEGMENT = "string segment", "overridable segment"
SOURCE_LOOKUPS = {
    SOURCE: "pk",
    TRANSLATION: "translations__pk",
    STRING_SEGMENT: "stringsegment__pk",
    OVERRIDABLE_SEGMENT: "overridablesegment__pk",
}
ARGUMENTS = {
    "translation_source_id": SOURCE,
    "translation_id": TRANSLATION,
    "string_segment_id": STRING_SEGMENT,
    "overridable_segment_id": OVERRIDABLE_SEGMENT,
    "page_id": PAGE,
    "parent_page_id": PAGE,
    "page_to_move_id": PAGE,
    "destination_id": PAGE,
    "page_pk": PAGE,
    "image_id": IMAGE,
    "document_id": DOCUMENT,
    "doc_id": DOCUMENT,
}
# Views whose ``pk`` argument names a page, an image or a document.
PK_KINDS = {
    "wagtailadmin_api:pages:detail": PAGE,
    "wagtailadmin_api:pages:action": PAGE,
    "wagtailadmin_pages:revisions_compare": PAGE,
    "wagtailadmin_api:images:detail": IMAGE,
    "wagtailimages_chooser:chosen": IMAGE,
    "wagtailadmin_api:documents:detail": DOCUMENT,
    "wagtaildocs_chooser:chosen": DOCUMENT,
}
NAVIGATION = {
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_choose_page_child",
}
CHOOSER = {"wagtailadmin_choose_page_child"}
# Views about the whole platform, whose rows come from every school.
PLATFORM_ONLY = {
    "wagtailadmin_workflows:task_chosen",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    # Every school's moderation tasks and every visitor's search terms, which Wagtail offers
    # to anyone with admin access (its workflow and search-promotion screens are platform's).
    "wagtailadmin_workflows:task_chooser",
    "wagtailadmin_workflows:task_chooser_results",
    "wagtailadmin_workflows:task_chooser_create",
    "wagtailsearchpromotions:chooser",
    "wagtailsearchpromotions:chooserresults",
}


# Admin views whose query string names objects: {view name: {parameter: kind}}.
QUERY_IDS = {
    "wagtailadmin_choose_page_chosen_multiple": {"id": PAGE},
    "wagtailimages_chooser:chosen_multiple": {"id": IMAGE},
    "wagtaildocs_chooser:chosen_multiple": {"id": DOCUMENT},
}
BULK_ACTION = "wagtail_bulk_action"
BULK_KINDS = {
    ("wagtailcore", "page"): PAGE,
    ("wagtailimages", "image"): IMAGE,
    ("wagtaildocs", "document"): DOCUMENT,
}
MAX_ID = 2**63 - 1
PAGE_ACTION = "wagtailadmin_api:pages:action"
# Admin API listings of every school's files; the admin's own screens use the choosers.
PLATFORM_LISTINGS = {"wagtailadmin_api:images:listing", "wagtailadmin_api:documents:listing"}


def object_id(value):
    """A query string's id as an integer; a 400 for anything no database row could have."""
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= MAX_ID:
        raise BadRequest(f"{value[:40]!r} is not an object id.")
    return int(value)


def query_objects(view_name, view_kwargs, query):
    """(kind, id) of every object the query string names; ``all`` (a bulk action's whole
    listing) is left to ``narrow_bulk_all``."""
    parameters = QUERY_IDS.get(view_name, {})
    if view_name == BULK_ACTION:
        kind = BULK_KINDS.get((view_kwargs.get("app_label"), view_kwargs.get("model_name")))
        parameters = {"id": kind} if kind else {}
        for value in query.getlist("childOf"):
            if value != "":
                object_id(value)
    for parameter, kind in parameters.items():
        for value in query.getlist(parameter):
            if view_name == BULK_ACTION and value == "all":
                continue
            yield kind, object_id(value)


def body_destination(request, view_name, view_kwargs):
    """The destination page of an admin API move or copy, named in its JSON body: a 400 when
    malformed, and when it would take content into another school, whoever asks (the admin's
    own move and copy screens refuse the same)."""
    if view_name != PAGE_ACTION or request.method != "POST":
        return None
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return None  # the view answers malformed JSON itself
    if not isinstance(data, dict) or "destination_page_id" not in data:
        return None
    value = data["destination_page_id"]
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest("destination_page_id must be a page id.")
    destination = object_id(str(value))
    page = Page.objects.filter(pk=view_kwargs.get("pk")).first()
    target = Page.objects.filter(pk=destination).first()
    if page is not None and target is not None and page.specific_class is not SchoolHomePage:
        schools = SchoolHomePage.objects
        if schools.containing(page).first() != schools.containing(target).first():
            raise BadRequest("A page can only be moved or copied within its own school.")
    return destination


def narrow_bulk_all(request, view_kwargs):
    """A school user's ``id=all`` in a bulk action: the ids of their own schools' objects in
    that listing, so that the confirmation screen never lists another school's."""
    kind = BULK_KINDS.get((view_kwargs.get("app_label"), view_kwargs.get("model_name")))
    if kind is None or "all" not in request.GET.getlist("id"):
        return
    parent = request.GET.get("childOf") or None
    if kind == PAGE:
        if parent is None:
            raise Http404  # the whole tree
        ids = Page.objects.filter(pk=parent).first()
        ids = ids.get_children().values_list("pk", flat=True) if ids else []
    else:
        model = get_image_model() if kind == IMAGE else get_document_model()
        within = roles.below(roles.media_collection_paths(request.user), "collection__path")
        objects = model.objects.filter(within) if within is not None else model.objects.none()
        if parent is not None:
            objects = objects.filter(collection_id=parent)
        ids = objects.values_list("pk", flat=True)
    request.GET = request.GET.copy()
    request.GET.setlist("id", [str(pk) for pk in ids])


def named_objects(view_name, kwargs):
    for argument, value in kwargs.items():
        kind = PK_KINDS.get(view_name) if argument == "pk" else ARGUMENTS.get(argument)
        if kind is not None:
            yield kind, value


def page_allowed(user, page_id, view_name):
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return True  # the view itself answers 404
    schools = roles.school_paths(user)
    if any(path.startswith(school) for school in schools):
        return True
    regions = roles.region_paths(user, roles.CURATOR)
    if view_name in CHOOSER and any(path.startswith(region) for region in regions):
        return True
    return view_name in NAVIGATION and any(root.startswith(path) for root in schools + regions)


def media_allowed(user, model, object_id):
    collection_path = (
        model.objects.filter(pk=object_id).values_list("collection__path", flat=True).first()
    )
    if collection_path is None:
        return True
    return any(collection_path.startswith(path) for path in roles.media_collection_paths(user))


def translated_page(kind, object_id):
    """The id of the page a translation record is about (its source page, in the school
    whose pages it translates), or None when it is about a snippet or does not exist."""
    sources = TranslationSource.objects.filter(**{SOURCE_LOOKUPS[kind]: object_id})
    source = sources.values("object_id", "locale_id").first()
    if source is None:
        return None
    return (
        Page.objects.filter(translation_key=source["object_id"], locale_id=source["locale_id"])
        .values_list("pk", flat=True)
        .first()
    )


def allowed(user, kind, object_id, view_name):
    try:
        object_id = int(object_id)
    except (TypeError, ValueError):
        return True  # not an id this guard knows ("live", "latest"): the view decides
    if kind in SOURCE_LOOKUPS:
        page_id = translated_page(kind, object_id)
        return page_id is None or page_allowed(user, page_id, view_name)
    if kind == PAGE:
        return page_allowed(user, object_id, view_name)
    model = get_image_model() if kind == IMAGE else get_document_model()
    return media_allowed(user, model, object_id)


# Who is looking, for the admin's display of people (overrides.people_names).
current_viewer = ContextVar("current_viewer", default=None)


def reads_drafts(request, path):
    """Whether the request's user may read the unpublished state of the page at ``path``."""
    user = request.user
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(path.startswith(p) for p in roles.school_paths(user))


class SchoolBoundaryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        drafts = visibility.draft_reader.set(partial(reads_drafts, request))
        viewer = current_viewer.set(request.user)
        try:
            return self.get_response(request)
        finally:
            current_viewer.reset(viewer)
            visibility.draft_reader.reset(drafts)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        match = request.resolver_match
        user = request.user
        if match is None or not request.path.startswith(self.admin_prefix):
            return None
        in_query = list(query_objects(match.view_name, view_kwargs, request.GET))
        destination = body_destination(request, match.view_name, view_kwargs)
        if destination is not None:
            in_query.append((PAGE, destination))
        if not user.is_authenticated or user.is_superuser:
            return None
        if match.view_name in PLATFORM_ONLY | PLATFORM_LISTINGS:
            raise Http404
        if match.view_name == BULK_ACTION:
            narrow_bulk_all(request, view_kwargs)
        for kind, pk in [*named_objects(match.view_name, view_kwargs), *in_query]:
            if not allowed(user, kind, pk, match.view_name):
                raise Http404
        return None
