"""The reference gate (issue 33, item 2): whatever editor writes a page, its content never
names another school's image or document, another school's unpublished page, or a script
address. Found through wagtail-localize's override screen, which wrote what the Chinese edit
form refuses; held at the model (pages.references), so every other route is held too."""

from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.embeds.blocks import EmbedValue
from wagtail.models import Locale, Page, Revision
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation

from pages.models import ColumnIndexPage, ColumnPostPage
from tests.content import document, image, post
from tests.pages.test_permissions import post_form

pytestmark = pytest.mark.django_db

LINK = "https://www.example.cn/"
VIDEO = "https://v.example.cn/x/1.html"


def media(school, title, name):
    """An image and a document in ``school``'s collection."""
    picture = image(title, f"{name}.png")
    picture.collection = school.collection
    picture.save()
    return picture, document(school.collection, title, f"{name}.txt")


@pytest.fixture
def moderator(client, make_user, school_a):
    client.force_login(make_user("moderator-a", school=school_a, role="moderator"))
    return client


@pytest.fixture
def translated(moderator, school_a):
    """A page of school A with its own photo, document, link and video, submitted for
    translation into English from the admin: (page, its translation)."""
    picture, ledger = media(school_a, "本校照片", "own")
    page = post(
        school_a,
        "本校活动",
        body=[
            ("image", {"image": picture, "caption": "", "alt_text": ""}),
            ("document", {"document": ledger, "label": ""}),
            ("text", {"heading": "", "text": RichText(f'<p><a href="{LINK}">链接</a></p>')}),
            ("video", {"video": EmbedValue(VIDEO), "caption": ""}),
        ],
    )
    english = Locale.objects.get(language_code="en")
    submit = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert moderator.post(submit, {"locales": [english.pk]}).status_code == 302
    return page, Translation.objects.get(source__object_id=page.translation_key)


def segment(translation, name):
    """The overridable segment of the block field or link named ``name``."""
    segments = OverridableSegment.objects.filter(source=translation.source)
    return next(s for s in segments if s.context.path.endswith(f".{name}"))


def override(client, translation, segment, value):
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])
    body = urlencode({"value": value})
    return client.put(url, body, content_type="application/x-www-form-urlencoded")


def publish_translation(client, translation, page, capture):
    edition = page.get_translation(translation.target_locale)
    with capture(execute=True):  # wagtail-localize publishes once the request's work commits
        client.post(reverse("wagtailadmin_pages:edit", args=[edition.pk]), {"action": "publish"})
    return Page.objects.get(pk=edition.pk).specific


def test_an_override_cannot_name_another_schools_document_or_image(
    moderator, translated, school_b, django_capture_on_commit_callbacks
):
    page, translation = translated
    own_picture, own_ledger = page.body[0].value["image"], page.body[1].value["document"]
    their_picture, their_ledger = media(school_b, "清凉山草稿照片", "theirs")
    visitor = Client()
    assert visitor.get(their_ledger.url).status_code == 404
    for name, theirs in (("document", their_ledger), ("image", their_picture)):
        response = override(moderator, translation, segment(translation, name), theirs.pk)
        assert response.status_code == 400, type(theirs)
        assert "清凉山" not in response.content.decode()  # nothing of theirs echoed
    assert not SegmentOverride.objects.exists()
    edition = publish_translation(moderator, translation, page, django_capture_on_commit_callbacks)
    assert edition.live
    assert edition.body[0].value["image"] == own_picture
    assert edition.body[1].value["document"] == own_ledger
    assert visitor.get(their_ledger.url).status_code == 404


def test_an_override_may_name_the_schools_own_files(moderator, translated, school_a):
    page, translation = translated
    other_picture, other_ledger = media(school_a, "本校另一张照片", "other")
    for name, other in (("document", other_ledger), ("image", other_picture)):
        response = override(moderator, translation, segment(translation, name), other.pk)
        assert response.status_code == 201


REFUSED = [
    "javascript:alert(document.cookie)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]
ALLOWED = [
    "http://www.example.cn/en/",
    "mailto:office@example.cn",
    "tel:+86-25-1234-5678",
    "https://www.example.cn/en/",
]


def test_overridden_addresses_are_http_mailto_or_tel(moderator, translated):
    _page, translation = translated
    for name in (f"'{LINK}'", "video"):  # a link in rich text, a video's address
        target = segment(translation, name)
        for address in REFUSED:
            assert override(moderator, translation, target, address).status_code == 400, address
        assert not SegmentOverride.objects.filter(context=target.context).exists()
        for address in ALLOWED:
            assert override(moderator, translation, target, address).status_code in (200, 201)
        assert SegmentOverride.objects.get(context=target.context).data == ALLOWED[-1]


def test_a_draft_naming_another_schools_file_is_refused_however_it_is_saved(school_a, school_b):
    page = post(school_a, "本校文章")
    their_picture, their_ledger = media(school_b, "清凉山照片", "theirs")
    bodies = [
        [("document", {"document": their_ledger, "label": ""})],
        [("image", {"image": their_picture, "caption": "", "alt_text": ""})],
        [
            (
                "text",
                {
                    "heading": "",
                    "text": RichText(
                        f'<p><a linktype="document" id="{their_ledger.pk}">台账</a></p>'
                        f'<embed embedtype="image" id="{their_picture.pk}" format="fullwidth"/>'
                    ),
                },
            )
        ],
    ]
    before = Revision.objects.count()
    for body in bodies:
        for clean in (True, False):  # save_revision(clean=False) skips the model's clean
            draft = Page.objects.get(pk=page.pk).specific
            draft.body = body
            with pytest.raises(ValidationError):
                draft.save_revision(clean=clean)
    draft = Page.objects.get(pk=page.pk).specific
    draft.cover = their_picture
    with pytest.raises(ValidationError):
        draft.save()  # straight to the live page
    assert Revision.objects.count() == before
    assert Page.objects.get(pk=page.pk).specific.cover is None


def test_pages_of_another_school_only_when_live_and_public(school_a, school_b):
    page = post(school_a, "本校文章")
    theirs = post(school_b, "清凉山的公开文章")
    their_draft = post(school_b, "清凉山草稿", live=False)

    def body(target):
        link = f'<p><a linktype="page" id="{target.pk}">学习</a></p>'
        return [("text", {"heading": "", "text": RichText(link)})]

    draft = Page.objects.get(pk=page.pk).specific
    draft.body = body(their_draft)
    with pytest.raises(ValidationError):
        draft.save_revision()
    draft.body = body(theirs)
    revision = draft.save_revision()  # accepted: live and public
    theirs.unpublish()
    with pytest.raises(ValidationError):
        revision.publish()  # checked again when published
    assert Page.objects.get(pk=page.pk).live_revision_id != revision.pk


def test_a_new_page_naming_another_schools_file_is_a_form_error(
    client, make_user, school_a, school_b
):
    """The page being created has no place in the tree yet: its form checks it against its
    parent's school, before anything is saved."""
    client.force_login(make_user("editor-a", school=school_a, role="editor"))
    _picture, their_ledger = media(school_b, "清凉山台账", "theirs")
    column = ColumnIndexPage.objects.child_of(school_a).get()
    add = reverse("wagtailadmin_pages:add", args=("pages", "columnpostpage", column.pk))
    blocks = [("document", {"document": their_ledger.pk, "label": ""})]
    data = post_form(ColumnPostPage(title="新文章", slug="new")) | nested_form_data(
        {"body": streamfield(blocks)}
    )
    response = client.post(add, data)
    assert response.status_code == 200
    assert f"#{their_ledger.pk}" in response.content.decode()
    assert not ColumnPostPage.objects.filter(title="新文章").exists()
    assert Page.objects.get(pk=column.pk).numchild == 0
