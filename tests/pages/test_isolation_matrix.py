"""The generated role × object × action matrix of the admin, the admin API and search.

Every admin URL Wagtail (and this project) registers that takes an object id is listed in
ACTIONS with the objects it applies to, or in NOT_OBJECT_SCOPED with the reason it is not
part of the matrix; a test fails if a new one appears unlisted. Each cell is requested as
each role and compared with the expectation:

* anonymous visitors and anyone outside the object's school or region are denied, always;
  for views that change state they are also refused a POST, and the object is unchanged;
* inside their scope people get what Wagtail's own permission policies, configured by
  provisioning at the school's root page and collection, grant them;
* platform objects (sites, users, groups, locales, workflows, activity types) are the
  platform admin's alone, except choosing an activity type, which every editor needs.

Every admin URL pattern of every installed app is also probed with another school's ids and
bodies by every method in test_every_admin_url, which walks the resolver rather than a list.

A cell is "applicable" when the platform admin gets a page for it; cells that are not (a
POST-only view requested with GET, an action the object's state rules out) must not give
anyone else a page either.
"""

import json
from collections import Counter

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse, reverse_lazy
from wagtail.models import Page
from wagtail.permissions import policy_registry

from pages import publishing
from tests.content import post
from tests.pages.isolation import PAGE, ROLES, SCHOOL_B_MARKERS, admin_routes, text_of

pytestmark = pytest.mark.django_db

DENIED = (302, 403, 404, 405)

# URL name -> (object kind, how to build its kwargs from an object, check)
# check: how an in-scope non-admin's permission is decided (see expected()).


def _page(name, check, key="page_id"):
    return name, (PAGE, lambda obj, key=key: {key: obj.pk}, check)


def _add_post_kwargs(parent):
    return {
        "content_type_app_name": "pages",
        "content_type_model_name": "columnpostpage",
        "parent_page_id": parent.pk,
    }


ACTIONS = dict(
    [
        _page("wagtailadmin_explore", "explore", "parent_page_id"),
        _page("wagtailadmin_explore_results", "explore", "parent_page_id"),
        _page("wagtailadmin_pages:usage", "edit"),
        _page("wagtailadmin_pages:edit", "edit"),
        _page("wagtailadmin_pages:preview_on_edit", "edit"),
        _page("wagtailadmin_pages:view_draft", "edit"),
        _page("wagtailadmin_pages:add_subpage", "add_subpage", "parent_page_id"),
        _page("wagtailadmin_pages:delete", "delete"),
        _page("wagtailadmin_pages:unpublish", "unpublish"),
        _page("wagtailadmin_pages:convert_alias", "edit"),
        _page("wagtailadmin_pages:move", "move", "page_to_move_id"),
        _page("wagtailadmin_pages:set_page_position", "reorder", "page_to_move_id"),
        _page("wagtailadmin_pages:copy", "copy"),
        _page("wagtailadmin_pages:confirm_workflow_cancellation", "edit"),
        _page("wagtailadmin_pages:set_privacy", "privacy"),
        _page("wagtailadmin_pages:lock", "lock"),
        _page("wagtailadmin_pages:unlock", "unlock"),
        _page("wagtailadmin_pages:revisions_index", "edit"),
        _page("wagtailadmin_pages:workflow_history", "edit"),
        _page("wagtailadmin_pages:history", "edit"),
        _page("wagtailadmin_pages:history_results", "edit"),
        _page("wagtailadmin_choose_page_child", "choose", "parent_page_id"),
        _page("wagtail_localize:submit_page_translation", "translate"),
        _page("wagtail_localize:convert_to_alias", "translate"),
        _page("wagtailforms:list_submissions", "forms"),
        _page("wagtailforms:list_submissions_results", "forms"),
        _page("wagtailforms:delete_submissions", "forms"),
        _page("submission_submit", "submit"),
        _page("wagtailadmin_api:pages:detail", "explore", "pk"),
        (
            "wagtailadmin_pages:revisions_view",
            (PAGE, lambda p: {"page_id": p.pk, "revision_id": p.latest_revision_id}, "edit"),
        ),
        (
            "wagtailadmin_pages:revisions_revert",
            (PAGE, lambda p: {"page_id": p.pk, "revision_id": p.latest_revision_id}, "edit"),
        ),
        (
            "wagtailadmin_pages:revisions_unschedule",
            (PAGE, lambda p: {"page_id": p.pk, "revision_id": p.latest_revision_id}, "publish"),
        ),
        (
            "wagtailadmin_pages:revisions_compare",
            (
                PAGE,
                lambda p: {"pk": p.pk, "revision_id_a": "earliest", "revision_id_b": "latest"},
                "edit",
            ),
        ),
        (
            "wagtailadmin_pages:move_confirm",
            (
                PAGE,
                lambda p: {"page_to_move_id": p.pk, "destination_id": p.get_parent().pk},
                "move_to_parent",
            ),
        ),
        ("wagtailadmin_pages:add", (PAGE, _add_post_kwargs, "add_post")),
        # Wagtail's preview of an unsaved page asks only for the right to add below the
        # parent, not whether the type belongs there: a preview inside one's own school.
        ("wagtailadmin_pages:preview_on_add", (PAGE, _add_post_kwargs, "add_subpage")),
        (
            "wagtailadmin_pages:workflow_preview",
            (PAGE, lambda p: {"page_id": p.pk, "task_id": p.task_id}, "review"),
        ),
        (
            "wagtailadmin_pages:workflow_action",
            (
                PAGE,
                lambda p: {"page_id": p.pk, "action_name": "approve", "task_state_id": p.ts_id},
                "review",
            ),
        ),
        (
            "wagtailadmin_pages:collect_workflow_action_data",
            (
                PAGE,
                lambda p: {"page_id": p.pk, "action_name": "reject", "task_state_id": p.ts_id},
                "review",
            ),
        ),
        (
            "wagtailadmin_pages:workflow_history_detail",
            (
                PAGE,
                lambda p: {"page_id": p.pk, "workflow_state_id": p.workflow_state_id},
                "edit",
            ),
        ),
        ("wagtailimages:edit", ("image", lambda o: {"image_id": o.pk}, "change")),
        ("wagtailimages:delete", ("image", lambda o: {"image_id": o.pk}, "delete")),
        ("wagtailimages:url_generator", ("image", lambda o: {"image_id": o.pk}, "change")),
        ("wagtailimages:url_generator_output", ("image", lambda o: {"image_id": o.pk}, "change")),
        (
            "wagtailimages:preview",
            ("image", lambda o: {"image_id": o.pk, "filter_spec": "original"}, "change"),
        ),
        ("wagtailimages:image_usage", ("image", lambda o: {"image_id": o.pk}, "change")),
        ("wagtailimages:edit_multiple", ("image", lambda o: {"image_id": o.pk}, "change")),
        ("wagtailimages:delete_multiple", ("image", lambda o: {"image_id": o.pk}, "delete")),
        ("wagtailimages_chooser:chosen", ("image", lambda o: {"pk": o.pk}, "choose")),
        ("wagtailimages_chooser:select_format", ("image", lambda o: {"image_id": o.pk}, "choose")),
        ("wagtailadmin_api:images:detail", ("image", lambda o: {"pk": o.pk}, "choose")),
        ("wagtaildocs:edit", ("document", lambda o: {"document_id": o.pk}, "change")),
        ("wagtaildocs:delete", ("document", lambda o: {"document_id": o.pk}, "delete")),
        ("wagtaildocs:edit_multiple", ("document", lambda o: {"doc_id": o.pk}, "change")),
        ("wagtaildocs:delete_multiple", ("document", lambda o: {"doc_id": o.pk}, "delete")),
        ("wagtaildocs:document_usage", ("document", lambda o: {"document_id": o.pk}, "change")),
        ("wagtaildocs_chooser:chosen", ("document", lambda o: {"pk": o.pk}, "choose")),
        ("wagtailadmin_api:documents:detail", ("document", lambda o: {"pk": o.pk}, "choose")),
        ("wagtailadmin_collections:edit", ("collection", lambda o: {"pk": o.pk}, "admin")),
        ("wagtailadmin_collections:delete", ("collection", lambda o: {"pk": o.pk}, "admin")),
        (
            "wagtailadmin_collections:set_privacy",
            ("collection", lambda o: {"collection_id": o.pk}, "admin"),
        ),
        ("features:edit", ("feature", lambda o: {"pk": o.pk}, "curate")),
        ("features:delete", ("feature", lambda o: {"pk": o.pk}, "curate")),
        ("features:history", ("feature", lambda o: {"pk": o.pk}, "curate")),
        ("features:history_results", ("feature", lambda o: {"pk": o.pk}, "curate")),
        ("features:usage", ("feature", lambda o: {"pk": o.pk}, "curate")),
        ("submission_detail", ("submission", lambda o: {"pk": o.pk}, "follow")),
        *[
            (f"{prefix}:{view}", (kind, lambda o: {"pk": o.pk}, "curate"))
            for prefix, kind in (
                ("banned_words", "banned_word"),
                ("mourning_periods", "mourning_period"),
            )
            for view in ("edit", "delete", "history", "history_results", "usage")
        ],
        *[
            (
                f"wagtailsnippets_pages_activitytype:{view}",
                ("snippet", lambda o: {"pk": o.pk}, "admin"),
            )
            for view in ("edit", "delete", "usage", "history", "history_results", "copy")
        ],
        (
            "wagtailsnippetchoosers_pages_activitytype:chosen",
            ("snippet", lambda o: {"pk": o.pk}, "any_admin_user"),
        ),
        *[
            (
                f"wagtailsnippets_pages_tagname:{view}",
                ("tag_name", lambda o: {"pk": o.pk}, "admin"),
            )
            for view in ("edit", "delete", "usage", "history", "history_results", "copy")
        ],
        (
            "wagtailsnippetchoosers_pages_tagname:chosen",
            ("tag_name", lambda o: {"pk": o.pk}, "any_admin_user"),
        ),
        (
            "wagtail_localize:submit_snippet_translation",
            (
                "snippet",
                lambda o: {"app_label": "pages", "model_name": "activitytype", "pk": o.pk},
                "admin",
            ),
        ),
        *[
            (f"wagtailsites:{view}", ("site", lambda o: {"pk": o.pk}, "admin"))
            for view in ("edit", "delete", "history", "history_results", "usage", "copy")
        ],
        *[
            (f"wagtaillocales:{view}", ("locale", lambda o: {"pk": o.pk}, "admin"))
            for view in ("edit", "delete", "history", "history_results", "usage", "copy")
        ],
        *[
            (f"wagtailusers_users:{view}", ("user", lambda o: {"pk": o.pk}, "admin"))
            for view in ("edit", "delete", "history", "history_results", "usage", "copy")
        ],
        *[
            (f"wagtailusers_groups:{view}", ("group", lambda o: {"pk": o.pk}, "admin"))
            for view in ("edit", "delete", "history", "history_results", "usage")
        ],
        *[
            (f"wagtailadmin_workflows:{view}", ("workflow", lambda o: {"pk": o.pk}, "admin"))
            for view in ("enable", "disable", "edit", "usage", "usage_results")
        ],
        (
            "wagtailadmin_workflows:remove",
            ("workflow", lambda o: {"page_pk": o.page_pk, "workflow_pk": o.pk}, "admin"),
        ),
        *[
            (f"wagtailadmin_workflows:{view}", ("task", lambda o: {"pk": o.pk}, "admin"))
            for view in ("edit_task", "disable_task", "enable_task")
        ],
        ("wagtailadmin_workflows:task_chosen", ("task", lambda o: {"task_id": o.pk}, "admin")),
    ]
)
# The plugins' bureau screens of one object, when the plugin is installed (plugin_world).
if apps.is_installed("plugins.ledger"):
    ACTIONS.update(
        {
            f"compendiums:{view}": ("compendium", lambda o: {"pk": o.pk}, "curate")
            for view in ("edit", "delete", "history", "history_results", "usage")
        }
    )
    ACTIONS["compendium_case_chooser:chosen"] = (PAGE, lambda p: {"pk": p.pk}, "choose_case")
if apps.is_installed("plugins.evaluation"):
    ACTIONS["evaluation_campaigns:stages"] = ("campaign", lambda o: {"pk": o.pk}, "curate")

# wagtail-localize's views of a translation: probed with another school's translation records
# (source, translation, string and overridable segments) in test_every_admin_url.
PROBED_WITH_TRANSLATIONS = "translation records: see test_every_admin_url"
NOT_OBJECT_SCOPED = {
    "wagtail_bulk_action": "takes ids in the query string; its actions reuse the page checks",
    "wagtailadmin_pages:type_use": "a page type, not an object",
    "wagtailadmin_pages:type_use_results": "a page type, not an object",
    "wagtailadmin_pages:choose_parent": "a page type, not an object",
    "wagtailadmin_tag_model_autocomplete": "overrides.tag_autocomplete (test_curation_admin)",
    "wagtailadmin_api:pages:action": "POST API for page actions, checked by the action classes",
    "wagtailadmin_workflows:add_task": "a task type, not an object",
    "wagtailadmin_editing_sessions:ping": "a session of the user's own, made by the edit view",
    "wagtailadmin_editing_sessions:release": "a session of the user's own",
    "wagtail_localize:update_translations": PROBED_WITH_TRANSLATIONS,
    "wagtail_localize:edit_string_translation": PROBED_WITH_TRANSLATIONS,
    "wagtail_localize:edit_override": PROBED_WITH_TRANSLATIONS,
    "wagtail_localize:download_pofile": PROBED_WITH_TRANSLATIONS,
    "wagtail_localize:upload_pofile": PROBED_WITH_TRANSLATIONS,
    "wagtail_localize:machine_translate": PROBED_WITH_TRANSLATIONS,
    "wagtail_localize:preview_translation": PROBED_WITH_TRANSLATIONS,
    "wagtail_localize:stop_translation": PROBED_WITH_TRANSLATIONS,
    "wagtail_localize:snippets_api_listing": "a model listing, not an object",
    "wagtail_localize:snippets_api_detail": "translation sources only",
    "wagtailredirects:edit": "no redirects exist (and only platform admins manage them)",
    "wagtailredirects:delete": "no redirects exist",
    "wagtailsettings:edit": "plugins' site settings: model permissions, which only platform "
    "admins hold (tests/plugins/test_plugin_contract.py)",
    "wagtailsettings:preview_on_edit": "plugins' site settings: platform admins only",
    "wagtailsearchpromotions:edit": "search promotions are the platform admin's",
    "wagtailsearchpromotions:delete": "search promotions are the platform admin's",
    "wagtaildocs:create_multiple_from_uploaded_document": "an upload of the user's own",
    "wagtaildocs:delete_upload_multiple": "an upload of the user's own",
    "wagtailimages:create_multiple_from_uploaded_image": "an upload of the user's own",
    "wagtailimages:delete_upload_multiple": "an upload of the user's own",
    "wagtailadmin_password_reset_confirm": "a signed token, not an object",
    **{
        f"evaluation_campaigns:{view}": "the evaluation plugin's campaigns: scoped to the "
        "curator's regions, see tests/plugins/test_evaluation.py"
        for view in ("edit", "delete", "history", "history_results", "usage", "results", "export")
    },
    "evaluation_applications:apply": "checked against the user's schools by the plugin",
    "evaluation_applications:sign_off": "the school's own staff only, and only its secretary "
    "signs (Application.sign_off; plugins/evaluation/tests/test_application_path.py)",
    "evaluation_campaigns:inspection": "the campaign region's curators and its reviewers only, "
    "never the school's staff (plugins/evaluation/tests/test_application_path.py)",
    **{
        f"liaison_{viewset}:{view}": "the liaison plugin's links and records: scoped to the "
        "curator's regions, see plugins/liaison/tests"
        for viewset in ("links", "records")
        for view in ("edit", "delete", "history", "history_results", "usage")
    },
    "liaison_records:attachment": "the record's permission policy (plugins/liaison/tests)",
    "ledger:download": "the requester's own exports only (plugins/ledger/tests)",
    **{
        f"{viewset}:{view}": "the alliance plugin's alliances and clusters: scoped to the "
        "curator's regions, see plugins/alliance/tests"
        for viewset in ("alliances", "alliance_clusters")
        for view in ("edit", "delete", "history", "history_results", "usage")
    },
    "evaluation_reviews:review": "the assigned reviewer's own only; see tests/plugins",
}


def admin_url_names_with_arguments():
    return {name for name, route in admin_routes() if name and "<" in route}


def test_every_admin_url_with_an_object_is_in_the_matrix():
    unlisted = admin_url_names_with_arguments() - set(ACTIONS) - set(NOT_OBJECT_SCOPED)
    assert not unlisted, f"add these to the matrix or say why not: {sorted(unlisted)}"


CURATORS = {"county_curator": "county", "other_curator": "other_county", "city_curator": "city"}
# Objects of one region, which its own curators (not the city's above it) manage.
REGION_KINDS = ("feature", "banned_word", "mourning_period", "compendium", "campaign")


def in_scope(role, kind, owner, regions):
    """Whether the object lies inside the role's school or region at all."""
    if role in ("editor_a", "moderator_a"):
        return owner is not None and owner.slug == "meiling"
    if role == "editor_b":
        return owner is not None and owner.slug == "qingliangshan"
    if role in CURATORS:
        region = regions[CURATORS[role]]
        if kind == PAGE:
            return owner.path.startswith(region.path)
        if kind in REGION_KINDS:
            return owner.pk == region.pk
        if kind == "submission":
            return region.pk == owner.get_parent().pk
        return False
    return False


def expected(role, user, kind, obj, check, owner, regions):
    """True if the role should get a page for this cell (given the admin does)."""
    if role == "anonymous":
        return False
    if role == "admin":
        return True
    if check == "any_admin_user":
        return True
    if not in_scope(role, kind, owner, regions):
        return False
    if kind == PAGE and role in CURATORS:
        # the page chooser, to pick brands and cases to feature; the compendium's case chooser
        return check in ("choose", "choose_case")
    if kind == PAGE:
        tester = obj.permissions_for_user(user)
        return {
            "explore": True,
            "choose": True,
            "choose_case": False,  # a bureau's compendium, not a school's
            "edit": tester.can_edit(),
            "add_subpage": tester.can_add_subpage(),
            "add_post": tester.can_add_subpage() and obj.slug == "column",
            "delete": tester.can_delete(),
            "unpublish": tester.can_unpublish(),
            "move": tester.can_move(),
            # a school's home page can only move to a region: the platform admin's task
            "move_to_parent": tester.can_move() and obj.depth > owner.depth,
            "reorder": tester.can_reorder_children(),
            "copy": tester.can_copy(),
            "privacy": tester.can_set_view_restrictions(),
            "lock": tester.can_lock(),
            "unlock": tester.can_unlock(),
            "publish": tester.can_publish(),
            "review": role == "moderator_a",
            "translate": user.has_perm("wagtail_localize.submit_translation"),
            "forms": False,
            "submit": True,
        }[check]
    if kind in ("image", "document"):
        policy = policy_registry.get_by_type(type(obj))
        return policy.user_has_permission_for_instance(user, check, obj)
    return kind in (*REGION_KINDS, "submission")


def fingerprint(kind, obj):
    obj = type(obj).objects.filter(pk=obj.pk).first()
    if obj is None:
        return None
    if kind == PAGE:
        return (obj.live, obj.locked, obj.latest_revision_id, obj.path, obj.title)
    return tuple(
        (field.name, getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if not field.name.endswith(("_at", "last_login"))
    )


STATE_CHANGING = {
    "wagtailadmin_pages:delete",
    "wagtailadmin_pages:unpublish",
    "wagtailadmin_pages:move_confirm",
    "wagtailadmin_pages:copy",
    "wagtailadmin_pages:lock",
    "wagtailadmin_pages:unlock",
    "wagtailadmin_pages:set_privacy",
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:revisions_unschedule",
    "wagtailimages:delete",
    "wagtailimages:edit",
    "wagtaildocs:delete",
    "wagtaildocs:edit",
    "wagtailadmin_collections:delete",
    "features:delete",
    "banned_words:delete",
    "mourning_periods:delete",
    "submission_detail",
    "wagtailsites:delete",
    "wagtailusers_users:delete",
    "wagtailusers_groups:delete",
    "wagtailadmin_workflows:disable",
    "compendiums:delete",
    "evaluation_campaigns:stages",
}


# Whether the platform admin gets a page, by (URL name, object name): the same for every role,
# so asked once per run rather than once per role. The world is built alike for every test.
APPLICABLE = {}


def applicable(admin, url_name, object_name, url):
    key = (url_name, object_name)
    if key not in APPLICABLE:
        APPLICABLE[key] = admin.get(url).status_code == 200
    return APPLICABLE[key]


@pytest.fixture
def plugin_world(world, county, other_county):
    """The world, with a compendium and an evaluation campaign of each county."""
    users, objects = world
    objects = dict(objects)
    for name, region in (("county", county), ("other", other_county)):
        if apps.is_installed("plugins.ledger"):
            compendium = apps.get_model("ledger", "Compendium").objects.create(
                region=region, title=f"汇编{name}", starts_on="2025-01-01", ends_on="2026-12-31"
            )
            objects[f"compendium_{name}"] = ("compendium", compendium, region)
        if apps.is_installed("plugins.evaluation"):
            campaign = apps.get_model("evaluation", "Campaign").objects.create(
                region=region,
                title=f"评选{name}",
                applications_open="2026-03-01",
                applications_close="2026-04-01",
                rating_close="2026-05-01",
                review_close="2026-06-01",
            )
            objects[f"campaign_{name}"] = ("campaign", campaign, region)
    return users, objects


@pytest.mark.slow
@pytest.mark.parametrize("role", [role for role in ROLES if role != "admin"])
def test_role_object_action_matrix(role, plugin_world, county, other_county, city, capsys):
    """Every admin action on every object, as one role (the platform admin's own row is the
    reference: a cell is applicable when the admin gets a page)."""
    users, objects = plugin_world
    admin, client = Client(), Client()
    admin.force_login(users["admin"])
    if role != "anonymous":
        client.force_login(users[role])
    regions = {"county": county, "other_county": other_county, "city": city}
    results, failures = Counter(), []
    by_kind = {}
    for name, (kind, obj, owner) in objects.items():
        by_kind.setdefault(kind, []).append((name, obj, owner))

    for url_name, (kind, kwargs_for, check) in sorted(ACTIONS.items()):
        for object_name, obj, owner in by_kind.get(kind, []):
            url = reverse(url_name, kwargs=kwargs_for(obj))
            status = client.get(url).status_code
            permitted = expected(role, users.get(role), kind, obj, check, owner, regions)
            want = applicable(admin, url_name, object_name, url) and permitted
            got = status == 200
            results["cells"] += 1
            results["allowed"] += got
            if got != want:
                failures.append(f"GET {url_name} {object_name} as {role}: {status}")
            if not permitted and url_name in STATE_CHANGING:
                before = fingerprint(kind, obj)
                status = client.post(url, {"reason": "x", "action": "accept"}).status_code
                results["posts"] += 1
                if status not in DENIED or fingerprint(kind, obj) != before:
                    failures.append(f"POST {url_name} {object_name} as {role}: {status}")
    with capsys.disabled():
        print(
            f"\nisolation matrix, {role}: {len(objects)} objects × {len(ACTIONS)} admin actions "
            f"= {results['cells']} GET cells ({results['allowed']} allowed) "
            f"+ {results['posts']} refused POSTs; {len(failures)} failures"
        )
    assert not failures, "\n".join(failures)


def test_public_api_and_search_show_only_live_public_pages(client, world):
    """The public side of the matrix: the same objects through the public API and search,
    for every role, anonymous or logged in (neither may reveal drafts or private pages)."""
    users, objects = world
    cells, failures = 0, []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        for name, (kind, page, _owner) in objects.items():
            if kind != PAGE:
                continue
            public = page.live and not name.startswith(("private", "moderated"))
            # A login restriction admits any logged-in user, in the API as on the site.
            readable = public or (name.startswith("private") and role != "anonymous")
            response = client.get(f"/api/v2/pages/{page.pk}/")
            cells += 1
            if (response.status_code == 200) != readable:
                failures.append(f"API {name} as {role}: {response.status_code}")
            title = Page.objects.get(pk=page.pk).title  # the live title
            found = client.get("/api/search/", {"q": title, "scope": "all"}).json()
            cells += 1
            listed = any(result["title"] == title for result in found["results"])
            searchable = public and name.startswith(("live", "changed", "case", "home"))
            if listed != searchable:
                failures.append(f"search {name} as {role}: listed={listed}")
    print(f"public matrix: {cells} cells, {len(failures)} failures")
    assert not failures, "\n".join(failures)


LISTINGS = [
    "wagtailadmin_home",
    "wagtailadmin_explore_root",
    "wagtailadmin_pages:search",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:page_types_usage",
    "wagtailimages:index",
    "wagtaildocs:index",
    "wagtailadmin_collections:index",
    "wagtailadmin_workflows:index",
    "wagtailadmin_workflows:task_index",
    "features:index",
    "submission_index",
    "wagtailadmin_choose_page",
    "wagtailimages_chooser:choose",
    "wagtaildocs_chooser:choose",
]


def test_listings_never_show_another_schools_objects(client, world):
    users, _objects = world
    failures, cells, seen_by_admin = [], 0, set()
    for role in ("admin", "editor_a", "moderator_a", "county_curator", "city_curator"):
        client.force_login(users[role])
        for url_name in LISTINGS:
            body = text_of(client.get(reverse(url_name), follow=True))
            leaked = [marker for marker in SCHOOL_B_MARKERS if marker in body]
            if role == "admin":
                seen_by_admin.update(leaked)
                continue
            cells += 1
            if leaked:
                failures.append(f"{url_name} as {role}: {leaked}")
    print(f"listings: {cells} cells, {len(failures)} failures")
    # The listings do show these objects to the platform admin, so the check can fail.
    assert seen_by_admin == set(SCHOOL_B_MARKERS)
    assert not failures, "\n".join(failures)


# Endpoints that take ids in the query string: (URL, the kind of object its ids name).
QUERY_ID_ENDPOINTS = [
    (reverse_lazy("wagtailadmin_choose_page_chosen_multiple"), PAGE),
    (reverse_lazy("wagtailimages_chooser:chosen_multiple"), "image"),
    (reverse_lazy("wagtaildocs_chooser:chosen_multiple"), "document"),
    *(
        [(reverse_lazy("compendium_case_chooser:chosen_multiple"), PAGE)]
        if apps.is_installed("plugins.ledger")
        else []
    ),
    *[
        (f"/admin/bulk/wagtailcore/page/{action}/", PAGE)
        for action in ("delete", "move", "publish", "unpublish")
    ],
    *[
        (f"/admin/bulk/wagtailimages/image/{action}/", "image")
        for action in ("delete", "add_tags", "add_to_collection")
    ],
    *[
        (f"/admin/bulk/wagtaildocs/document/{action}/", "document")
        for action in ("delete", "add_tags", "add_to_collection")
    ],
]


def test_ids_in_query_strings_never_reach_another_school(client, world):
    """The query-string axis of the matrix: every endpoint that takes ``id=…`` is asked, as each
    school and region role, for its own object and another school's together; another school's
    titles never show, while the platform admin (the control) sees them."""
    users, objects = world
    theirs = {kind: [] for _url, kind in QUERY_ID_ENDPOINTS}
    for kind, obj, owner in objects.values():
        if kind in theirs and owner is not None and owner.slug == "qingliangshan":
            theirs[kind].append(obj)
    own = {
        PAGE: objects["live_a"][1],
        "image": objects["image_a"][1],
        "document": objects["document_a"][1],
    }
    failures, cells = [], 0
    for role in ("admin", "editor_a", "moderator_a", "county_curator", "city_curator"):
        client.force_login(users[role])
        for url, kind in QUERY_ID_ENDPOINTS:
            ids = [own[kind].pk, *(obj.pk for obj in theirs[kind])]
            response = client.get(str(url), {"id": ids})
            body = text_of(response) if response.status_code == 200 else ""
            leaked = [m for m in SCHOOL_B_MARKERS if m in body]
            cells += 1
            if role == "admin":
                if response.status_code != 200:
                    failures.append(f"control: {url} as admin: {response.status_code}")
            elif leaked:
                failures.append(f"{url} as {role}: {leaked}")
        for url, kind in QUERY_ID_ENDPOINTS:
            if "/bulk/" in str(url) and kind != PAGE:  # "everything in this listing"
                body = text_of(client.get(str(url), {"id": "all"}))
                if role != "admin" and (leaked := [m for m in SCHOOL_B_MARKERS if m in body]):
                    failures.append(f"{url}?id=all as {role}: {leaked}")
    client.force_login(users["admin"])
    seen = text_of(
        client.get(
            reverse("wagtailadmin_choose_page_chosen_multiple"),
            {"id": [obj.pk for obj in theirs[PAGE]]},
        )
    )
    assert "草稿b" in seen  # the control: these ids do name school B's drafts
    print(f"query-string ids: {cells} cells, {len(failures)} failures")
    assert not failures, "\n".join(failures)


ADMIN_API_LISTINGS = [
    "/admin/api/main/pages/",
    "/admin/api/main/pages/?search=草稿b",
    "/admin/api/main/pages/?search=内部b",
    "/admin/api/main/images/",
    "/admin/api/main/images/?search=照片b",
    "/admin/api/main/documents/",
    "/admin/api/main/documents/?search=台账b",
]


def test_the_admin_api_lists_only_the_users_own_objects(client, world):
    """Listings and searches of the admin API (``?search=…``): another school's drafts and
    files never appear, for school and region roles; the platform admin sees them."""
    users, _objects = world
    failures, seen_by_admin = [], set()
    for role in ("admin", "editor_a", "moderator_a", "county_curator", "city_curator"):
        client.force_login(users[role])
        for url in ADMIN_API_LISTINGS:
            response = client.get(url)
            body = text_of(response) if response.status_code == 200 else ""
            leaked = {m for m in SCHOOL_B_MARKERS if m in body}
            if role == "admin":
                seen_by_admin |= leaked
            elif leaked:
                failures.append(f"{url} as {role}: {sorted(leaked)}")
    assert {"草稿b", "照片b", "台账b"} <= seen_by_admin
    assert not failures, "\n".join(failures)


def test_the_admin_api_never_moves_or_copies_into_another_school(client, world):
    users, objects = world
    page, elsewhere = objects["live_a"][1], objects["index_b"][1]
    for role in ("admin", "editor_a", "moderator_a"):
        client.force_login(users[role])
        for action in ("move", "copy"):
            response = client.post(
                f"/admin/api/main/pages/{page.pk}/action/{action}/",
                json.dumps({"destination_page_id": elsewhere.pk}),
                content_type="application/json",
            )
            assert response.status_code in (400, 403, 404), (role, action)
    assert not Page.objects.filter(path__startswith=elsewhere.path, title="已发布a").exists()
    for bad in ("abc", 99999999999999999999, None, [1]):
        response = client.post(
            f"/admin/api/main/pages/{page.pk}/action/move/",
            json.dumps({"destination_page_id": bad}),
            content_type="application/json",
        )
        assert response.status_code == 400, bad


def test_other_schools_staff_and_platform_admins_are_not_named_to_school_staff(
    client, make_user, school_a, school_b, county
):
    """Issue 16, finding 3: the listings' owner and edited-by filters and the site history's
    user filter named every user in the tree, other schools' teachers and platform admins
    included. A school's staff see their colleagues; the platform admin (control) sees all."""
    teacher_b = make_user("qls_teacher_b", school=school_b, role="moderator")
    root = make_user("platform_root", is_superuser=True)
    for user, title in ((teacher_b, "清凉山文章"), (root, "平台发布的文章")):
        page = post(school_b, title)
        page.owner = user
        with publishing.acting_as(publishing.PLATFORM):  # the admin's, as the platform's own
            page.save_revision(user=user).publish(user=user)
    colleague = make_user("ml_colleague", school=school_a, role="moderator")
    own = post(school_a, "梅岭文章")
    own.owner = colleague
    own.save_revision(user=colleague).publish(user=colleague)
    urls = [reverse(name) for name in LISTINGS] + [
        reverse("wagtailadmin_explore", args=[school_a.pk]),
        reverse("wagtailadmin_explore", args=[county.pk]),
    ]
    strangers = ("qls_teacher_b", "platform_root")
    named, failures = set(), []
    for role, user in (
        ("admin", root),
        ("editor_a", make_user("ml_editor", school=school_a, role="editor")),
        ("curator", make_user("xw_curator", region=county, role="curator")),
    ):
        client.force_login(user)
        for url in urls:
            body = text_of(client.get(url, follow=True))
            if role == "admin":
                named |= {name for name in strangers if name in body}
            elif leaked := [name for name in strangers if name in body]:
                failures.append(f"{url} as {role}: {leaked}")
            if role == "editor_a" and url.endswith(f"/pages/{school_a.pk}/"):
                assert "ml_colleague" in body  # colleagues stay in the filters
    assert named == set(strangers)
    assert not failures, "\n".join(failures)
