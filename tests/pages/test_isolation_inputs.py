"""The isolation matrix's second axis: ids that arrive in the query string, the form body or a
JSON body rather than in the URL's path (issue 16, finding 2).

Every admin URL is either probed here with another school's ids in the channel it reads them
from, or listed in INPUTS_REVIEWED with what it reads and why no probe is needed (the path
matrix in test_isolation_matrix covers ids in the path). A test walks Django's URL resolver and
fails when an admin URL is in neither, so a new view (a plugin's, or Wagtail's after an upgrade)
cannot slip past. Each probe runs as every role outside school B; the platform admin runs last
as the control, and must see or do what the others are refused.
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from pages.models import BannedWord, MourningPeriod
from tests.pages.isolation import SCHOOL_B_MARKERS, admin_routes, text_of

pytestmark = pytest.mark.django_db

OUTSIDERS = (
    "anonymous",
    "editor_a",
    "moderator_a",
    "county_curator",
    "other_curator",
    "city_curator",
)
INTRUDER = "越界"  # the title of anything a probe tries to create or rename


def png(name=f"{INTRUDER}.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (0, 0, 200)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def txt(name=f"{INTRUDER}.txt"):
    return SimpleUploadedFile(name, "越界".encode(), content_type="text/plain")


def pk(objects, name):
    return objects[name][1].pk


def collection_b(objects):
    return objects["collection_b"][1].pk


@dataclass(frozen=True)
class Probe:
    """One request naming school B's objects through one channel.

    ``state`` reads what the request must not change (None for read-only probes, which must
    not show SCHOOL_B_MARKERS instead); ``control`` says whether the platform admin gets
    through (False where the rule holds for everyone, the admin included)."""

    url_name: str
    channel: str
    send: Callable[[Client, dict], object]
    state: Callable[[dict], object] | None = None
    control: bool = True


def get(url_name, params, kwargs=None):
    def send(client, objects):
        url = reverse(url_name, kwargs=kwargs(objects) if kwargs else None)
        return client.get(url, params(objects), follow=True)

    return send


def post(url_name, data, kwargs=None, query=""):
    def send(client, objects):
        url = reverse(url_name, kwargs=kwargs(objects) if kwargs else None)
        return client.post(url + query(objects) if query else url, data(objects))

    return send


def post_json(page_name, action, body):
    def send(client, objects):
        url = f"/admin/api/main/pages/{pk(objects, page_name)}/action/{action}/"
        return client.post(url, json.dumps(body(objects)), content_type="application/json")

    return send


def in_collection_b(model):
    return lambda objects: sorted(
        model.objects.filter(collection_id=collection_b(objects)).values_list("title", flat=True)
    )


def collection_of(name, model):
    return lambda objects: model.objects.get(pk=pk(objects, name)).collection_id


def pages_under(name):
    def state(objects):
        path = Page.objects.get(pk=pk(objects, name)).path
        return sorted(Page.objects.filter(path__startswith=path).values_list("title", flat=True))

    return state


def province(objects):
    """The province's region page: above every curator of the world."""
    return objects["banned_word_county"][2].get_parent().get_parent().pk


def page_state(name):
    return lambda objects: Page.objects.filter(pk=pk(objects, name)).values_list(
        "live", "locked", "title", "path", "latest_revision_id"
    )[0]


def compendium_of_the_province(objects):
    """A compendium of the province, above every curator, holding school B's public case."""
    return nested_form_data(
        {
            "region": province(objects),
            "title": INTRUDER,
            "starts_on": "2025-01-01",
            "ends_on": "2026-12-31",
            "bureau": INTRUDER,
            "foreword": rich_text(f"<p>{INTRUDER}</p>"),
            "chosen_cases": inline_formset([{"case": pk(objects, "case_b"), "id": ""}]),
        }
    )


Image, Document = get_image_model(), get_document_model()
LISTING_FILTERS = [
    ("wagtailimages:index", {"collection_id": collection_b}),
    ("wagtailimages:index_results", {"collection_id": collection_b}),
    ("wagtailimages_chooser:choose", {"collection_id": collection_b}),
    ("wagtailimages_chooser:choose_results", {"collection_id": collection_b}),
    ("wagtailimages_chooser:choose_results", {"q": lambda o: "照片"}),
    ("wagtaildocs:index", {"collection_id": collection_b}),
    ("wagtaildocs:index_results", {"collection_id": collection_b}),
    ("wagtaildocs_chooser:choose", {"collection_id": collection_b}),
    ("wagtaildocs_chooser:choose_results", {"collection_id": collection_b}),
    ("wagtaildocs_chooser:choose_results", {"q": lambda o: "台账"}),
    ("wagtailadmin_pages:search", {"q": lambda o: "草稿"}),
    ("wagtailadmin_pages:search_results", {"q": lambda o: "待审"}),
    ("wagtailadmin_choose_page_search", {"q": lambda o: "草稿"}),
    ("wagtailadmin_choose_page_search", {"q": lambda o: "有修改"}),
    ("wagtailadmin_choose_page_search", {"q": lambda o: "内部"}),
    (
        "wagtailadmin_choose_page_child",
        {"q": lambda o: ""},
        lambda o: {"parent_page_id": pk(o, "index_b")},
    ),
    ("wagtailadmin_api:pages:listing", {"child_of": lambda o: pk(o, "index_b")}),
    ("wagtailadmin_api:pages:listing", {"descendant_of": lambda o: pk(o, "home_b")}),
    ("wagtailadmin_api:pages:find", {"id": lambda o: pk(o, "draft_b")}),
    ("wagtailadmin_reports:site_history", {"object_type": lambda o: ""}),
    ("wagtailadmin_reports:site_history_results", {"user": lambda o: o["user_editor_b"][1].pk}),
    ("wagtailadmin_reports:workflow_results", {"requested_by": lambda o: ""}),
    ("wagtailadmin_reports:aging_pages_results", {"owner": lambda o: ""}),
    (
        "wagtail_bulk_action",
        {"id": lambda o: [pk(o, "draft_b"), pk(o, "moderated_b")]},
        lambda o: {"app_label": "wagtailcore", "model_name": "page", "action": "publish"},
    ),
]


def listing_probe(url_name, params, kwargs=None):
    def resolved(objects):
        return {key: value(objects) for key, value in params.items()}

    return Probe(url_name, "query", get(url_name, resolved, kwargs))


PROBES = [
    *(listing_probe(*listing) for listing in LISTING_FILTERS),
    Probe(
        "wagtailimages:add",
        "form",
        post(
            "wagtailimages:add",
            lambda o: {"title": INTRUDER, "file": png(), "collection": collection_b(o)},
        ),
        in_collection_b(Image),
    ),
    Probe(
        "wagtailimages:add_multiple",
        "form",
        post(
            "wagtailimages:add_multiple",
            lambda o: {"files[]": png(), "collection": collection_b(o)},
        ),
        in_collection_b(Image),
    ),
    Probe(
        "wagtailimages_chooser:create",
        "form",
        post(
            "wagtailimages_chooser:create",
            lambda o: {
                "image-chooser-upload-title": INTRUDER,
                "image-chooser-upload-file": png(),
                "image-chooser-upload-collection": collection_b(o),
            },
        ),
        in_collection_b(Image),
    ),
    Probe(
        "wagtailimages:edit",
        "form",
        post(
            "wagtailimages:edit",
            lambda o: {"title": INTRUDER, "collection": collection_b(o)},
            lambda o: {"image_id": pk(o, "image_a")},
        ),
        collection_of("image_a", Image),
    ),
    Probe(
        "wagtaildocs:add",
        "form",
        post(
            "wagtaildocs:add",
            lambda o: {"title": INTRUDER, "file": txt(), "collection": collection_b(o)},
        ),
        in_collection_b(Document),
    ),
    Probe(
        "wagtaildocs:add_multiple",
        "form",
        post(
            "wagtaildocs:add_multiple", lambda o: {"files[]": txt(), "collection": collection_b(o)}
        ),
        in_collection_b(Document),
    ),
    Probe(
        "wagtaildocs_chooser:create",
        "form",
        post(
            "wagtaildocs_chooser:create",
            lambda o: {
                "document-chooser-upload-title": INTRUDER,
                "document-chooser-upload-file": txt(),
                "document-chooser-upload-collection": collection_b(o),
            },
        ),
        in_collection_b(Document),
    ),
    Probe(
        "wagtaildocs:edit",
        "form",
        post(
            "wagtaildocs:edit",
            lambda o: {"title": INTRUDER, "collection": collection_b(o)},
            lambda o: {"document_id": pk(o, "document_a")},
        ),
        collection_of("document_a", Document),
    ),
    *(
        Probe(
            "wagtail_bulk_action",
            "form",
            post(
                "wagtail_bulk_action",
                lambda o: {"collection": collection_b(o)},
                lambda o, app=app, model=model: {
                    "app_label": app,
                    "model_name": model,
                    "action": "add_to_collection",
                },
                lambda o, name=name: f"?id={pk(o, name)}",
            ),
            collection_of(name, cls),
        )
        for app, model, name, cls in (
            ("wagtailimages", "image", "image_a", Image),
            ("wagtaildocs", "document", "document_a", Document),
        )
    ),
    Probe(
        "wagtailadmin_collections:add",
        "form",
        post(
            "wagtailadmin_collections:add", lambda o: {"name": INTRUDER, "parent": collection_b(o)}
        ),
        lambda o: sorted(
            Collection.objects.get(pk=collection_b(o)).get_children().values_list("name", flat=True)
        ),
    ),
    Probe(
        "wagtailadmin_pages:copy",
        "form",
        post(
            "wagtailadmin_pages:copy",
            lambda o: {
                "new_title": INTRUDER,
                "new_slug": "yuejie",
                "new_parent_page": pk(o, "index_b"),
                "publish_copies": "on",
            },
            lambda o: {"page_id": pk(o, "live_a")},
        ),
        pages_under("index_b"),
        control=False,  # a page is copied within its own school, whoever asks
    ),
    Probe(
        "features:add",
        "form",
        post(
            "features:add",
            lambda o: {
                "region": o["feature_other"][2].pk,
                "page": pk(o, "case_b"),
                "reason": INTRUDER,
            },
        ),
        lambda o: sorted(o["feature_other"][2].features.values_list("reason", flat=True)),
        control=False,  # the pair is already featured; the admin is refused as a duplicate
    ),
    Probe(
        "banned_words:add",
        "form",
        post("banned_words:add", lambda o: {"word": INTRUDER + "词", "region": province(o)}),
        lambda o: sorted(BannedWord.objects.filter(region=province(o)).values_list("word")),
    ),
    Probe(
        "mourning_periods:add",
        "form",
        post(
            "mourning_periods:add",
            lambda o: {
                "note": INTRUDER,
                "region": province(o),
                "starts_on": "2026-04-04",
                "ends_on": "2026-04-04",
            },
        ),
        lambda o: sorted(MourningPeriod.objects.filter(region=province(o)).values_list("note")),
    ),
    *(
        [
            Probe(
                "compendiums:add",
                "form",
                post("compendiums:add", compendium_of_the_province),
                lambda o: sorted(
                    apps.get_model("ledger", "Compendium")
                    .objects.filter(region=province(o))
                    .values_list("title", "chosen_cases__case")
                ),
            )
        ]
        if apps.is_installed("plugins.ledger")
        else []
    ),
    *(
        Probe(
            "wagtailadmin_api:pages:action",
            "json",
            post_json("live_a", action, lambda o: {"destination_page_id": pk(o, "index_b")}),
            pages_under("index_b"),
            control=False,
        )
        for action in ("move", "copy", "create_alias")
    ),
    Probe(
        "wagtailadmin_api:pages:action",
        "json",
        post_json(
            "changed_a",
            "revert_to_page_revision",
            lambda o: {"revision_id": o["changed_b"][1].latest_revision_id},
        ),
        page_state("changed_a"),
        control=False,  # a revision belongs to its own page
    ),
    *(
        Probe(
            "wagtailadmin_api:pages:action",
            "json",
            post_json(name, action, lambda o: {}),
            page_state(name),
            # a platform admin publishes only what the school's review passed (schools.publishing)
            control=action != "publish",
        )
        for action, name in (("unpublish", "live_b"), ("publish", "draft_b"))
    ),
]

QUERY_TEST = "test_isolation_matrix: ids in query strings"
# Admin URLs that read no object id from the query string or a body, or whose ids the path
# matrix or another test checks, with why. Names ending in ":" cover a whole namespace.
INPUTS_REVIEWED = {
    "wagtailsites:": "platform admins only (refused to everyone else: see the test below)",
    "wagtaillocales:": "platform admins only",
    "wagtailusers_users:": "platform admins only",
    "wagtailusers_groups:": "platform admins only",
    "wagtailadmin_workflows:": "platform admins only",
    "wagtailredirects:": "platform admins only",
    "wagtailsearchpromotions:": "platform admins only",
    "wagtailsettings:": "platform admins only",
    "wagtailsnippets_pages_activitytype:": "platform admins only",
    "wagtailsnippets_pages_tagname:": "platform admins only",
    "wagtailsnippets:index": "platform admins only",
    "provision_region": "platform admins only",
    "provision_school": "platform admins only",
    "wagtailforms:": "no form pages exist; listings of the user's own pages only",
    "wagtail_localize:": "translations: their ids are traced to the source page by the school "
    "boundary and probed with another school's in tests/pages/test_english_editions.py",
    "wagtailsnippetchoosers_pages_activitytype:": "activity types are one shared list",
    "wagtailsnippetchoosers_pages_tagname:": "tags' English names are one shared list",
    "evaluation_": "the evaluation plugin's screens: tests in plugins/evaluation/tests",
    "alliances:": "the alliance plugin's screens: every school offered lies in the curator's "
    "regions (plugins/alliance/tests)",
    "alliance_clusters:": "the alliance plugin's clusters: the curator's regions only",
    "ledger:": "the ledger plugin: the school, region or compendium in the body is checked "
    "against the user's own (plugins/ledger/tests); downloads are the requester's",
    "compendiums:": "the compendium in the path (test_every_admin_url, test_isolation_matrix); "
    "add probed above, with the form the edit view shares",
    "compendium_case_chooser:chosen_multiple": QUERY_TEST,
    "compendium_case_chooser:": "names only public cases of the curator's regions, whatever "
    "ids or search the query string holds (plugins/ledger/tests/test_compendium_chosen.py); "
    "the chosen case in the path (test_every_admin_url, test_isolation_matrix)",
    "liaison_": "the liaison plugin's screens: every choice limited to the curator's regions "
    "(plugins/liaison/tests)",
    "wagtailadmin_reports:": "listings of the user's scope, probed above with their filters",
    "wagtailadmin_editing_sessions:": "the user's own editing sessions, made by the edit view",
    "wagtailadmin_pages:": "ids in the path (the path matrix); bodies of the edit forms are "
    "checked by the reference gate, pages.references (test_reference_gate)",
    "wagtailadmin_explore": "the parent page in the path",
    "wagtailadmin_explore_results": "the parent page in the path",
    "wagtailadmin_explore_root": "no ids; lists the user's explorable root",
    "wagtailadmin_choose_page_child": "the parent page in the path; its rows probed above",
    "wagtailadmin_choose_page": "the chooser's starting point: page types, no ids",
    "wagtailadmin_choose_page_chosen_multiple": QUERY_TEST,
    "wagtailimages_chooser:chosen_multiple": QUERY_TEST,
    "wagtaildocs_chooser:chosen_multiple": QUERY_TEST,
    "wagtailimages:": "ids in the path; index, add and edit probed above",
    "wagtaildocs:": "ids in the path; index, add and edit probed above",
    "wagtailimages_chooser:": "the image in the path; create and listings probed above",
    "wagtaildocs_chooser:": "the document in the path; create and listings probed above",
    "wagtailadmin_api:images:": "the platform admin's (isolation.PLATFORM_LISTINGS) or the path",
    "wagtailadmin_api:documents:": "the platform admin's or the path",
    "wagtailadmin_api:pages:detail": "the page in the path",
    "wagtailadmin_collections:": "ids in the path; add probed above",
    "features:": "the feature in the path; add and the listing's filter probed above",
    "banned_words:": "the word in the path (the path matrix); add probed above",
    "mourning_periods:": "the period in the path (the path matrix); add probed above",
    "submission_detail": "the submission in the path",
    "submission_index": "a status filter only; its rows are the user's scope (listings test)",
    "submission_submit": "the page in the path; the body has a note only",
    "submission_new": "lists the user's own schools' published work; no ids",
    "audit_log": "auditors only: the whole platform's log is theirs to read",
    "audit_log_results": "auditors only",
    "school_accounts": "the body's school is checked against the manager's schools "
    "(test_curation_admin: test_manager_adds_and_removes_people_of_own_schools_only)",
    "wagtailadmin_home": "no ids; the dashboard lists the user's own work",
    "wagtailadmin_account": "the user's own account",
    "second_factor": "the user's own authenticator (tests/schools/test_second_factor.py)",
    "second_factor_setup": "the user's own authenticator",
    "wagtailadmin_login": "credentials only (tests/schools/test_sign_in.py)",
    "wagtailadmin_logout": "no ids",
    "wagtailadmin_password_reset": "an e-mail address only",
    "wagtailadmin_password_reset_done": "no ids",
    "wagtailadmin_password_reset_complete": "no ids",
    "wagtailadmin_password_reset_confirm": "a signed token",
    "wagtailadmin_javascript_catalog": "static text",
    "wagtailadmin_sprite": "static icons",
    "wagtailadmin_dismissibles": "the user's own dismissed hints",
    "wagtailadmin_error_test": "raises on purpose for the platform admin",
    "wagtailadmin_block_preview": "a block type and its value, no stored object",
    "wagtailadmin_tag_autocomplete": "tags only: overrides.tag_autocomplete",
    "wagtailadmin_tag_model_autocomplete": "tags only: overrides.tag_autocomplete",
    "wagtailadmin_choose_page_external_link": "a URL typed by the user",
    "wagtailadmin_choose_page_email_link": "an address typed by the user",
    "wagtailadmin_choose_page_phone_link": "a number typed by the user",
    "wagtailadmin_choose_page_anchor_link": "an anchor typed by the user",
    "wagtailembeds:": "an external URL typed by the user",
    # unnamed routes, by their pattern
    "admin/tag-autocomplete/": "tags only: overrides.tag_autocomplete",
    "admin/test404/": "Wagtail's 404 page",
    "admin/^.*/$": "Wagtail's catch-all 404",
}
PROBED = {probe.url_name for probe in PROBES}
PLATFORM_ONLY = [key for key, why in INPUTS_REVIEWED.items() if why.startswith("platform admins")]


def reviewed(name):
    return any(
        name == key or (key.endswith((":", "_", "/")) and name.startswith(key))
        for key in INPUTS_REVIEWED
    )


def test_every_admin_url_is_probed_or_reviewed_for_ids_outside_its_path():
    names = {name or route for name, route in admin_routes()}
    unlisted = sorted(name for name in names - PROBED if not reviewed(name))
    assert not unlisted, f"probe these with other schools' ids, or say why not: {unlisted}"


def test_platform_screens_refuse_everyone_else(client, world):
    """The claim INPUTS_REVIEWED makes for platform-only screens, checked on every one that
    takes no path argument (the path matrix checks the others)."""
    users, _objects = world
    urls = [
        reverse(name)
        for name, route in admin_routes()
        if name and "<" not in route and any(name.startswith(key) for key in PLATFORM_ONLY)
    ]
    assert len(urls) > 20
    failures = []
    for role in OUTSIDERS[1:] + ("editor_b",):
        client.force_login(users[role])
        for url in urls:
            for response in (client.get(url), client.post(url, {"name": INTRUDER})):
                if response.status_code not in (302, 403, 404, 405):
                    failures.append(f"{url} as {role}: {response.status_code}")
    client.force_login(users["admin"])
    assert all(client.get(url).status_code == 200 for url in urls[:3])  # the control
    assert not failures, "\n".join(failures)


@pytest.mark.slow
def test_ids_in_query_strings_bodies_and_json_never_reach_another_school(world, capsys):
    users, objects = world
    objects = {**objects, "user_editor_b": ("user", users["editor_b"], None)}
    failures, cells, controls = [], 0, 0
    for role in (*OUTSIDERS, "admin"):
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        for probe in PROBES:
            with transaction.atomic():  # each probe starts from the same world
                before = probe.state(objects) if probe.state else None
                response = probe.send(client, objects)
                after = probe.state(objects) if probe.state else None
                transaction.set_rollback(True)
            if probe.state:
                reached = after != before
                status = response.status_code
                if not reached and status >= 500:
                    failures.append(f"{probe.url_name} ({probe.channel}) as {role}: {status}")
            else:
                body = text_of(response) if response.status_code == 200 else ""
                reached = [marker for marker in SCHOOL_B_MARKERS if marker in body]
            cells += 1
            if role == "admin":
                controls += bool(reached) == probe.control
                if bool(reached) != probe.control:
                    failures.append(f"control {probe.url_name} ({probe.channel}): {reached}")
            elif reached:
                failures.append(f"{probe.url_name} ({probe.channel}) as {role}: {reached}")
    with capsys.disabled():
        print(
            f"\nisolation inputs: {len(PROBES)} probes × {len(OUTSIDERS) + 1} roles = {cells} "
            f"cells ({controls} admin controls as expected); {len(failures)} failures"
        )
    assert not failures, "\n".join(failures)
