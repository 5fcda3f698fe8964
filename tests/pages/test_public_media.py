"""Nothing unpublished reaches the public through media (issue 16, finding 1): the public API
lists no images or documents, raw originals and document files are not served, and a document
downloads for visitors only once a live, public page uses it."""

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.content import document, image, post

pytestmark = pytest.mark.django_db

PORTAL = settings.BASE_DOMAIN


def test_the_public_api_lists_no_images_or_documents(client, school_a):
    image("校园照片", "photo.png")
    document(school_a.collection, "工作台账")
    for path in ("/api/v2/images/", "/api/v2/documents/", "/api/v2/documents/?search=台账"):
        assert client.get(path, HTTP_HOST=PORTAL).status_code == 404, path
    assert client.get("/api/v2/pages/", HTTP_HOST=PORTAL).status_code == 200


def test_originals_and_document_files_are_not_served_as_media(client, school_a):
    photo = image("校园照片", "photo.png")
    rendition = photo.get_rendition("fill-20x20")
    ledger = document(school_a.collection, "工作台账")
    assert client.get(photo.file.url).status_code == 404
    assert client.get(ledger.file.url).status_code == 404
    assert client.get(rendition.url).status_code == 200  # what public pages show


def test_a_document_is_public_once_a_live_public_page_uses_it(school_a, school_b, make_user):
    ledger = document(school_a.collection, "工作台账")
    visitor, own_staff, other_staff = Client(), Client(), Client()
    own_staff.force_login(make_user("editor-a", school=school_a, role="editor"))
    other_staff.force_login(make_user("editor-b", school=school_b, role="editor"))

    def statuses():
        return [c.get(ledger.url).status_code for c in (visitor, own_staff, other_staff)]

    assert statuses() == [404, 200, 404]  # not used on any page
    link = ("document", {"document": ledger, "label": ""})
    draft = post(school_a, "附件草稿", live=False, body=[link])
    assert draft.pk and statuses() == [404, 200, 404]  # only in a draft
    page = post(school_a, "附件", body=[link])
    assert statuses() == [200, 200, 200]
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert statuses()[0] == 404  # on a private page only
