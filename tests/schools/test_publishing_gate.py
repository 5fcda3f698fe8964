"""Issue 33, item 1: one publishing gate below every screen (pages.publishing, whose rule is
schools.publishing).

Every route this platform, Wagtail, wagtail-localize and the installed plugins offer to make a
page live is driven here as school A's editor (refused: the page stays unpublished, no
``wagtail.publish`` entry, never a 500), as school A's moderator (published) and as school B's
moderator (refused). The installed plugins (evaluation, liaison, alliance, ledger) publish no
pages; what they or a future plugin would call (``revision.publish()``, ``page.publish()``,
Wagtail's action, a save that makes a page live) is driven as plugin code would.
"""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Locale, Page, PageLogEntry, Revision, Workflow
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from pages import publishing
from pages.models import ColumnIndexPage
from tests.content import post, post_form

pytestmark = pytest.mark.django_db

# wagtail-localize publishes after the transaction commits: those routes run in transactional
# tests, so that it happens inside the request, as in production.
COMMITTING = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def people(school_a, school_b, make_user):
    return {
        "editor_a": make_user("editor_a", school_a, "editor"),
        "moderator_a": make_user("moderator_a", school_a, "moderator"),
        "moderator_b": make_user("moderator_b", school_b, "moderator"),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
    }


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def english_draft(school):
    """A live Chinese page with a draft no moderator approved, and its English edition, a
    draft (an edition is never live while its source is not: pages.editions)."""
    page = post(school, "已发布的文章")
    page.title = "未经审核的修改"
    page.save_revision()
    TranslationCreator(None, [english()]).create_translations(page)
    return page, page.get_translation(english())


def english():
    return Locale.objects.get(language_code="en")


# Each route: (setup, attempt). ``setup(school)`` makes what the route would publish and
# returns the page to publish; ``attempt(user, page)`` drives the route and returns the page
# that would then be live (and the response, where there is one).


def edit_view(user, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return page, client_for(user).post(url, post_form(page, **{"action-publish": "1"}))


def create_view(user, index):
    url = reverse("wagtailadmin_pages:add", args=["pages", "columnpostpage", index.pk])
    form = post_form(index, title="新建即发布", slug="new-and-live", **{"action-publish": "1"})
    response = client_for(user).post(url, form)
    return Page.objects.filter(slug="new-and-live").first(), response


def bulk_publish(user, page):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    return page, client_for(user).post(f"{url}?id={page.pk}", {"include_descendants": ""})


def admin_api(user, page):
    url = reverse("wagtailadmin_api:pages:action", args=[page.pk, "publish"])
    return page, client_for(user).post(url, "{}", content_type="application/json")


def admin_api_new_page(action, slug_field="slug"):
    """An admin API action that makes a new page from a live one (a copy keeps it live by
    default; an alias of a live page is live)."""

    def attempt(user, page):
        slug = f"api-{action.replace('_', '-')}"
        data = {"destination_page_id": page.get_parent().pk, slug_field: slug}
        url = reverse("wagtailadmin_api:pages:action", args=[page.pk, action])
        response = client_for(user).post(url, json.dumps(data), content_type="application/json")
        return Page.objects.filter(slug=slug).first(), response

    return attempt


def in_moderation(school):
    page = post(school, "提交审核的文章", live=False)
    editor = school.editor_group.user_set.first()
    Workflow.objects.get(workflow_pages__page=school).start(page, editor)
    return page


def workflow_approve(user, page):
    state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    return page, client_for(user).post(url, {})


def copy_view(field):
    def attempt(user, page):
        url = reverse("wagtailadmin_pages:copy", args=[page.pk])
        form = {
            "new_title": "复制的文章",
            "new_slug": f"copied-{field}",
            "new_parent_page": page.get_parent().pk,
            field: "on",
        }
        response = client_for(user).post(url, form)
        return Page.objects.filter(slug=f"copied-{field}").first(), response

    return attempt


def live_post(school):
    return post(school, "已发布的文章")


def scheduled_then_publish_scheduled(user, page):
    """Published for a time to come through the edit view, then by the scheduler (no one)."""
    later = timezone.now() + datetime.timedelta(days=1)
    form = post_form(page, go_live_at=later.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "1"})
    response = client_for(user).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)
    scheduled = Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
    for revision in scheduled:  # the go-live time passes
        past = timezone.now() - datetime.timedelta(minutes=1)
        content = {**revision.content, "go_live_at": past.isoformat()}
        scheduled.filter(pk=revision.pk).update(approved_go_live_at=past, content=content)
    with publishing.when_unattended(None):
        call_command("publish_scheduled")
    return page, response


def update_translations(user, edition):
    source = TranslationSource.objects.get(object_id=edition.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    return edition, client_for(user).post(url, {"publish_translations": "on"})


def translation_editor(user, edition):
    url = reverse("wagtailadmin_pages:edit", args=[edition.pk])
    return edition, client_for(user).post(url, {"action": "publish"})


def convert_to_alias(user, edition):
    url = reverse("wagtail_localize:convert_to_alias", args=[edition.pk])
    return edition, client_for(user).post(url, {})


def english_draft_only(school):
    return english_draft(school)[1]


def plugin_revision_publish(user, page):
    page.get_latest_revision().publish(user=user)
    return page, None


def plugin_page_publish(user, page):
    page.publish(page.get_latest_revision(), user=user, skip_permission_checks=True)
    return page, None


def plugin_wagtail_action(user, page):
    PublishPageRevisionAction(page.get_latest_revision(), user=user).execute(
        skip_permission_checks=True
    )
    return page, None


def plugin_saves_live(user, page):
    """Plugin code that makes a page live by saving it, for the user it acts for."""
    with publishing.acting_as(user):
        page.live = True
        page.save()
    return page, None


def draft(school):
    return post(school, "待发布的草稿", live=False)


def column_index(school):
    return ColumnIndexPage.objects.child_of(school).get()


ROUTES = {
    "wagtail: page edit view, Publish": (draft, edit_view),
    "wagtail: page create view, Publish": (column_index, create_view),
    "wagtail: bulk action publish": (draft, bulk_publish),
    "wagtail: admin API action/publish": (draft, admin_api),
    "wagtail: admin API action/copy, kept live": (live_post, admin_api_new_page("copy")),
    "wagtail: admin API action/create_alias": (
        live_post,
        admin_api_new_page("create_alias", "update_slug"),
    ),
    "wagtail: workflow task Approve": (in_moderation, workflow_approve),
    "wagtail: copy view, publish the copy": (live_post, copy_view("publish_copies")),
    "wagtail: copy view, live alias": (live_post, copy_view("alias")),
    "wagtail: scheduled publish + publish_scheduled": (draft, scheduled_then_publish_scheduled),
    "wagtail-localize: update translations, publish": (english_draft_only, update_translations),
    "wagtail-localize: translation editor, Publish": (english_draft_only, translation_editor),
    "wagtail-localize: convert to alias": (english_draft_only, convert_to_alias),
    "plugin code: revision.publish(user=…)": (draft, plugin_revision_publish),
    "plugin code: page.publish(…, skip_permission_checks)": (draft, plugin_page_publish),
    "plugin code: Wagtail's publish action, checks skipped": (draft, plugin_wagtail_action),
    "plugin code: page saved live": (draft, plugin_saves_live),
}
# Those whose publication happens after the transaction commits (wagtail-localize's).
AFTER_COMMIT = {
    "wagtail-localize: update translations, publish",
    "wagtail-localize: translation editor, Publish",
}


# Every module of an installed app that publishes or makes a page live, found by reading their
# sources (below), and the route above that drives it, or why none is needed. A new one (a
# plugin's screen, Wagtail's next view) fails the inventory until it is driven here too.
PUBLISHING_CODE = {
    "wagtail/admin/views/pages/edit.py": "wagtail: page edit view, Publish",
    "wagtail/admin/views/pages/create.py": "wagtail: page create view, Publish",
    "wagtail/admin/views/pages/bulk_actions/publish.py": "wagtail: bulk action publish",
    "wagtail/admin/api/actions/publish.py": "wagtail: admin API action/publish",
    "wagtail/admin/api/actions/copy.py": "wagtail: admin API action/copy, kept live",
    "wagtail/admin/views/pages/copy.py": "wagtail: copy view, publish the copy",
    "wagtail/actions/copy_page.py": "wagtail: copy view, publish the copy",
    "wagtail/workflows.py": "wagtail: workflow task Approve",
    "wagtail/management/commands/publish_scheduled.py": (
        "wagtail: scheduled publish + publish_scheduled"
    ),
    "wagtail/models/revisions.py": "plugin code: revision.publish(user=…)",
    "wagtail/models/pages.py": "plugin code: page.publish(…, skip_permission_checks)",
    "wagtail/actions/publish_revision.py": "plugin code: Wagtail's publish action, checks skipped",
    "wagtail_localize/models.py": "wagtail-localize: update translations, publish",
    "wagtail_localize/views/convert.py": "wagtail-localize: convert to alias",
    # Snippets' publishing (no page passes there) and the generic actions that Wagtail's
    # v3 API would use for pages (not installed: overrides.unmounted_api); each would end in
    # revision.publish, held above.
    "wagtail/admin/views/generic/mixins.py": None,
    "wagtail/models/draft_state.py": None,
    "wagtail/actions/create.py": None,
    "wagtail/actions/edit.py": None,
    "wagtail/api/v3/routers/pages.py": None,
    # Copies for translation are drafts (keep_live=False).
    "wagtail/actions/copy_for_translation.py": None,
    # The platform's own: provisioning and restoring schools, the demo, the content import.
    "schools/provisioning/common.py": None,
    "schools/provisioning/archive.py": None,
    "cms/management/commands/demo.py": None,
    "pages/importing.py": None,
}
PUBLISHES = re.compile(
    r"\.publish[()]|Publish(Page)?RevisionAction\(|\.live = (?!False)|keep_live="
)


def publishing_code():
    """The modules of every installed app (Wagtail's, wagtail-localize's, ours, plugins') that
    publish a revision or set a page live, tests and migrations left out."""
    found = set()
    for app in apps.get_app_configs():
        root = Path(app.path)
        for path in root.rglob("*.py"):
            parts = set(path.relative_to(root).parts)
            if parts & {"tests", "migrations"} or path.name.startswith("test"):
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            if any(
                PUBLISHES.search(line) and not line.lstrip().startswith("class ") for line in lines
            ):
                found.add(
                    path.as_posix()
                    .split("site-packages/")[-1]
                    .removeprefix(f"{settings.BASE_DIR.as_posix()}/")
                )
    return found


def test_every_module_that_publishes_is_driven_or_accounted_for():
    assert publishing_code() == set(PUBLISHING_CODE)
    assert {route for route in PUBLISHING_CODE.values() if route} <= set(ROUTES)


def published(page):
    return PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").exists()


def drive(name, user_name, people, school_a):
    """Set the route's page up (as the tests' own set-up publishes), then try it as the user,
    with nothing else to answer for the publication: a refusal is the gate's PermissionDenied
    to plugin code, a 403 or the admin's refusal to a view, a 500 never."""
    setup, attempt = ROUTES[name]
    target = setup(school_a)
    with publishing.when_unattended(None):
        try:
            page, response = attempt(people[user_name], target)
        except PermissionDenied:
            assert name.startswith("plugin code"), name
            return target, None
    assert response is None or response.status_code < 500, (name, response.status_code)
    return page, response


def refused(response):
    """A 403, or the admin's refusal: back to the dashboard with an error message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


ALL_ROUTES = [
    pytest.param(name, marks=[COMMITTING] if name in AFTER_COMMIT else []) for name in ROUTES
]


def test_every_publishing_route_is_counted():
    print("\n".join(["publishing routes driven:", *ROUTES]))
    assert len(ROUTES) == 17


@pytest.mark.parametrize("route", ALL_ROUTES)
@pytest.mark.parametrize("user_name", ["editor_a", "moderator_b"])
def test_refused_to_anyone_but_the_schools_moderator(route, user_name, people, school_a):
    page, _response = drive(route, user_name, people, school_a)
    if page is not None:
        page.refresh_from_db()
        assert not page.live, route
        assert not published(page), route


@pytest.mark.parametrize("route", ALL_ROUTES)
def test_the_schools_moderator_publishes_by_every_route(route, people, school_a):
    page, _response = drive(route, "moderator_a", people, school_a)
    assert page is not None, route
    page.refresh_from_db()
    assert page.live, route


@COMMITTING
def test_an_editor_cannot_publish_an_unreviewed_english_edition_through_update(people, school_a):
    """The finding: POST /admin/localize/update/<source>/ publish_translations=on by a school
    editor published the English edition of a draft no moderator approved (wagtail.publish
    by the editor). Now a 403, and the edition stays a draft."""
    chinese, english = english_draft(school_a)
    source = TranslationSource.objects.get_for_instance(chinese)
    response = client_for(people["editor_a"]).post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    english.refresh_from_db()
    assert refused(response)
    assert not english.live
    assert not PageLogEntry.objects.filter(page=english, action="wagtail.publish").exists()
    assert Translation.objects.filter(source=source).exists()


def test_a_platform_admin_publishes_only_what_the_schools_review_passed(people, school_a):
    admin = people["admin"]
    unreviewed = post(school_a, "管理员直接发布", live=False)
    response = client_for(admin).post(
        reverse("wagtailadmin_pages:edit", args=[unreviewed.pk]),
        post_form(unreviewed, **{"action-publish": "1"}),
    )
    unreviewed.refresh_from_db()
    assert refused(response)
    assert not unreviewed.live and not published(unreviewed)

    reviewed = in_moderation(school_a)
    workflow_approve(people["moderator_a"], reviewed)  # approves and publishes
    reviewed.refresh_from_db()
    assert reviewed.live
    reviewed.get_latest_revision().publish(user=admin)  # that approved revision again


def test_unattended_publishing_takes_only_what_was_approved(people, school_a):
    """No person acting (a command, a background task): an approved revision goes live, a
    draft no one approved does not."""
    page = post(school_a, "无人操作", live=False)
    with publishing.when_unattended(None):
        with pytest.raises(publishing.PublishRefused):
            page.get_latest_revision().publish()
        page.refresh_from_db()
        assert not page.live and not published(page)

        approved = in_moderation(school_a)
        state = approved.current_workflow_state
        state.current_task_state.approve(user=people["moderator_a"])
        approved.refresh_from_db()
        assert approved.live
        approved.get_latest_revision().publish()  # again, by no one: it was approved


def test_a_refused_publish_through_the_admin_api_is_a_403_not_a_500(people, school_a):
    page = draft(school_a)
    _page, response = admin_api(people["admin"], page)
    assert response.status_code == 403
    assert json.loads(response.content)


def test_without_a_gate_nothing_is_published_and_the_check_says_so(school_a, monkeypatch):
    monkeypatch.setattr(publishing, "_gate", None)
    assert [error.id for error in publishing.gate_installed()] == ["pages.E010"]
    page = draft(school_a)
    with pytest.raises(publishing.PublishRefused):
        page.get_latest_revision().publish()


@COMMITTING
def test_an_editor_cannot_rewrite_a_live_english_edition_through_update(people, school_a):
    """wagtail-localize's update writes the translated fields straight into the edition's row
    before the publication it schedules on commit: for a live edition, English an editor
    typed reached visitors even though the gate refused the publication itself."""
    chinese = post(school_a, "已发布的文章")
    TranslationCreator(None, [english()]).create_translations(chinese)
    edition = chinese.get_translation(english())
    edition.save_revision().publish()  # reviewed and published once (the suite's set-up)
    source = TranslationSource.objects.get_for_instance(chinese)
    translation = Translation.objects.get(source=source)
    title = StringSegment.objects.get(source=source, context__path="title")
    editor = client_for(people["editor_a"])
    typed = editor.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk]),
        "value=UNREVIEWED+TITLE",
        content_type="application/x-www-form-urlencoded",
    )
    assert typed.status_code in (200, 201)
    response = editor.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert refused(response)
    assert Page.objects.get(pk=edition.pk).title != "UNREVIEWED TITLE"
