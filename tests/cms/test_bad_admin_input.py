"""Bad input to the admin gets a clear 400 and changes nothing (issue 33, item 9).

Each was a 500 before: a JSON body nested 50,000 deep to the admin API (RecursionError while
reading it), a PO file without wagtail-localize's header uploaded to a translation (KeyError),
a page form without its body's block count (StreamField's management form)."""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from cms.bad_input import MAX_DEPTH
from tests.content import post
from tests.pages.test_english_editions import english

pytestmark = pytest.mark.django_db

DEEP = 50_000


def test_a_deeply_nested_json_body_to_the_admin_api_is_a_400(client, make_user, school_a):
    page = post(school_a, "不会被移动")
    parent = page.get_parent()
    client.force_login(make_user("ml_moderator", school_a, "moderator"))
    url = reverse("wagtailadmin_api:pages:action", args=[page.pk, "move"])
    body = "[" * DEEP + "]" * DEEP
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert f"{MAX_DEPTH}" in response.content.decode()  # says how deep data may nest
    assert Page.objects.get(pk=page.pk).get_parent() == parent
    # Whatever type it claims, and in a form's field (rich text's JSON), the same.
    for content_type in ("text/plain", "application/octet-stream"):
        assert client.post(url, body, content_type=content_type).status_code == 400
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.post(edit, {"title": "x", "summary": body}).status_code == 400
    encoded = urlencode({"title": "x", "summary": body})
    form = "application/x-www-form-urlencoded"
    assert client.put(edit, encoded, content_type=form).status_code == 400
    # A body of ordinary depth still reaches the API (which answers its own 400 for a list).
    response = client.post(url, "[[1]]", content_type="application/json")
    assert response.status_code == 400 and f"{MAX_DEPTH}" not in response.content.decode()


def test_a_po_file_without_its_header_is_a_400(client, make_user, school_a):
    page = post(school_a, "待翻译")
    TranslationCreator(None, [english()]).create_translations(page)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(page), target_locale=english()
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = "Overwritten"
    po.metadata.pop("X-WagtailLocalize-TranslationID")
    client.force_login(make_user("ml_editor", school_a, "editor"))
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    upload = SimpleUploadedFile("no-header.po", str(po).encode(), "text/x-gettext-translation")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "X-WagtailLocalize-TranslationID" in response.content.decode()
    assert not StringTranslation.objects.filter(data="Overwritten").exists()
    assert client.post(url).status_code == 400  # no file at all


@pytest.mark.parametrize("view", ["add", "edit"])
def test_a_page_form_without_its_body_count_is_a_400(client, make_user, school_a, view):
    page = post(school_a, "原标题")
    if view == "edit":
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    else:
        url = reverse(
            "wagtailadmin_pages:add", args=["pages", "columnpostpage", page.get_parent().pk]
        )
    client.force_login(make_user("ml_editor", school_a, "editor"))
    form = {"title": "改后的标题", "slug": "changed", "date": "2026-05-04", "tags": ""}
    response = client.post(url, form)
    assert response.status_code == 400
    assert "body-count" in response.content.decode()
    assert Page.objects.get(pk=page.pk).title == "原标题"
    assert not Page.objects.filter(title="改后的标题").exists()
