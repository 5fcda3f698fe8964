"""Saving refuses content that names another school's image, document or unpublished page
(issue 16, finding 4): the choosers only offer the school's own, but a hand-made POST could
put any id into a StreamField or rich text, and the draft then showed another school's files."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.content import document, image, post
from tests.pages.test_permissions import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, make_user, school_a):
    client.force_login(make_user("editor-a", school=school_a, role="editor"))
    return client


def save(client, page, blocks):
    data = post_form(page) | nested_form_data({"body": streamfield(blocks)})
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def revisions(page):
    return Page.objects.get(pk=page.pk).revisions.count()


def test_another_schools_image_document_or_draft_is_refused(editor, school_a, school_b):
    page = post(school_a, "本校文章")
    theirs = {
        "image": image("清凉山的照片", "theirs.png"),
        "document": document(school_b.collection, "清凉山台账"),
        "draft": post(school_b, "清凉山草稿", live=False),
    }
    theirs["image"].collection_id = school_b.collection_id
    theirs["image"].save()
    attempts = {
        "image": [("image", {"image": theirs["image"].pk, "caption": "", "alt_text": ""})],
        "document": [("document", {"document": theirs["document"].pk, "label": ""})],
        "draft": [
            (
                "text",
                {
                    "heading": "",
                    "text": rich_text(f'<p><a linktype="page" id="{theirs["draft"].pk}">x</a></p>'),
                },
            )
        ],
    }
    before = revisions(page)
    for kind, blocks in attempts.items():
        response = save(editor, page, blocks)
        assert response.status_code == 200, kind  # the form again
        body = response.content.decode()
        assert "属于其他学校" in body and f"#{theirs[kind].pk}" in body, kind
        assert "清凉山" not in body.split("属于其他学校")[1][:200]  # no foreign title echoed
    assert revisions(page) == before


def test_own_media_and_other_schools_live_pages_are_allowed(editor, school_a, school_b):
    page = post(school_a, "本校文章")
    own_image = image("本校照片", "own.png")
    own_image.collection_id = school_a.collection_id
    own_image.save()
    own_document = document(school_a.collection, "本校台账")
    their_live_page = post(school_b, "清凉山的公开文章")
    blocks = [
        ("image", {"image": own_image.pk, "caption": "", "alt_text": ""}),
        ("document", {"document": own_document.pk, "label": ""}),
        (
            "text",
            {
                "heading": "",
                "text": rich_text(f'<p><a linktype="page" id="{their_live_page.pk}">学习</a></p>'),
            },
        ),
    ]
    before = revisions(page)
    response = save(editor, page, blocks)
    assert response.status_code == 302
    assert revisions(page) == before + 1
