"""School isolation for editors and moderators, through the real admin views."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from pages.models import ColumnIndexPage, ColumnPostPage
from tests.content import post, post_form

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 0, 0)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def people(school_a, school_b, make_user):
    return {
        "editor_a": make_user("editor_a", school_a, "editor"),
        "moderator_a": make_user("moderator_a", school_a, "moderator"),
        "editor_b": make_user("editor_b", school_b, "editor"),
    }


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_editor_edits_own_school_but_not_another(client, people, school_a, school_b):
    own, other = post(school_a, "梅岭文章"), post(school_b, "清凉山文章")
    client.force_login(people["editor_a"])
    assert client.get(edit_url(own)).status_code == 200
    response = client.get(edit_url(other))
    assert response.status_code in (302, 403, 404)

    client.post(edit_url(other), post_form(other, title="被改掉的标题"))
    assert Page.objects.get(pk=other.pk).title == "清凉山文章"


def test_editor_cannot_add_pages_in_another_school(client, people, school_b):
    client.force_login(people["editor_a"])
    column_b = ColumnIndexPage.objects.child_of(school_b).get()
    url = reverse("wagtailadmin_pages:add", args=["pages", "columnpostpage", column_b.pk])
    assert client.get(url).status_code in (302, 403, 404)
    client.post(
        url,
        {
            "title": "闯入",
            "slug": "intrusion",
            "date": "2026-05-04",
            "body-count": "0",
            "action-publish": "1",
        },
    )
    assert not ColumnPostPage.objects.child_of(column_b).exists()


def test_only_the_school_moderator_can_publish(people, school_a, school_b):
    own, other = post(school_a, "梅岭文章"), post(school_b, "清凉山文章")
    assert own.permissions_for_user(people["editor_a"]).can_edit()
    assert not own.permissions_for_user(people["editor_a"]).can_publish()
    assert own.permissions_for_user(people["moderator_a"]).can_publish()
    assert not other.permissions_for_user(people["moderator_a"]).can_publish()
    assert not other.permissions_for_user(people["moderator_a"]).can_edit()
    assert not other.permissions_for_user(people["editor_a"]).can_edit()


def test_editor_publish_goes_to_moderation_not_live(client, people, school_a):
    draft = post(school_a, "待审核的文章", live=False)
    client.force_login(people["editor_a"])
    data = post_form(draft, **{"action-publish": "1"})
    client.post(edit_url(draft), data)
    assert not Page.objects.get(pk=draft.pk).live

    client.post(edit_url(draft), {**data, "action-submit": "1"})
    state = Page.objects.get(pk=draft.pk).current_workflow_state
    assert state is not None and state.status == "in_progress"
    task = state.current_task_state.task.specific
    draft.refresh_from_db()
    assert task.get_actions(draft, people["moderator_a"])
    assert not task.get_actions(draft, people["editor_a"])


@pytest.mark.parametrize(
    ("url_name", "model", "file_factory"),
    [
        ("wagtailimages:add", get_image_model, png),
        (
            "wagtaildocs:add",
            get_document_model,
            lambda: SimpleUploadedFile(
                "plan.pdf", b"%PDF-1.4 demo", content_type="application/pdf"
            ),
        ),
    ],
)
def test_uploads_only_into_own_collection(
    client, people, school_a, school_b, url_name, model, file_factory
):
    client.force_login(people["editor_a"])
    client.post(
        reverse(url_name),
        {"title": "越界上传", "file": file_factory(), "collection": school_b.collection_id},
    )
    assert not model().objects.filter(collection=school_b.collection).exists()

    client.post(
        reverse(url_name),
        {"title": "本校上传", "file": file_factory(), "collection": school_a.collection_id},
    )
    assert model().objects.filter(collection=school_a.collection, title="本校上传").exists()


def test_editor_explorer_shows_only_own_school(client, people, school_a, school_b):
    client.force_login(people["editor_a"])
    assert client.get(reverse("wagtailadmin_explore", args=[school_a.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_explore", args=[school_b.pk]))
    assert response.status_code in (302, 403, 404)


def test_moderation_request_mails_only_the_schools_moderators(
    client, school_a, school_b, make_user
):
    editor = make_user("ed", school_a, "editor", email="ed@example.cn")
    make_user("mod_a", school_a, "moderator", email="mod_a@example.cn")
    make_user("mod_b", school_b, "moderator", email="mod_b@example.cn")
    draft = post(school_a, "请审核", live=False)
    client.force_login(editor)
    client.post(edit_url(draft), post_form(draft, **{"action-submit": "1"}))
    assert Page.objects.get(pk=draft.pk).current_workflow_state is not None
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {"mod_a@example.cn"}
