"""Links to pages visitors cannot read never reach them (issue 33, reference gate). A
moderator could publish a page linking to a draft of the same school, and the public page
then carried the draft's address, which names it. Drafts may still link to drafts; publishing
refuses (pages.references, where the live row is written), and a link whose page is
unpublished or restricted afterwards loses its address when rendered (pages.rich_text)."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.operations import TranslationCreator

from tests.content import post, school_host
from tests.pages.test_permissions import post_form

pytestmark = pytest.mark.django_db


def rich_text_linking(target):
    """Draftail's content state for a paragraph linking to ``target``, as the editor posts it."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "学习专栏",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"id": target.pk, "linkType": "page"},
                }
            },
        }
    )


def edit(client, page, target, action):
    body = streamfield([("text", {"heading": "", "text": rich_text_linking(target)})])
    data = post_form(page) | nested_form_data({"body": body}) | {action: "1"}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def linking(page, *targets):
    page = Page.objects.get(pk=page.pk).specific
    links = "".join(
        f'<p><a linktype="page" id="{target.pk}">学习专栏</a></p>' for target in targets
    )
    page.body = [("text", {"heading": "", "text": RichText(links)})]
    return page


def visit(client, page, school):
    """The public page as an anonymous visitor reads it on its school's Site."""
    path = page.url_path[len(school.url_path) - 1 :]
    response = client.get(path, HTTP_HOST=school_host(school))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def moderator(client, make_user, school_a):
    client.force_login(make_user("meiling-moderator", school=school_a, role="moderator"))
    return client


def test_publishing_a_link_to_a_draft_is_refused_naming_it(moderator, client, school_a):
    page = post(school_a, "公开文章")
    draft = post(school_a, "尚未发布的草稿", live=False)

    response = edit(moderator, page, draft, "action-publish")

    assert response.status_code == 200
    assert "尚未发布的草稿" in response.content.decode()
    assert Page.objects.get(pk=page.pk).live_revision_id == page.live_revision_id
    client.logout()
    assert draft.slug not in visit(client, page, school_a)


def test_a_draft_may_link_to_a_draft_and_is_published_after_it(moderator, school_a):
    page = post(school_a, "公开文章")
    draft = post(school_a, "尚未发布的草稿", live=False)

    assert edit(moderator, page, draft, "action-save").status_code == 302
    draft.get_latest_revision().publish()
    assert edit(moderator, page, draft, "action-publish").status_code == 302

    published = Page.objects.get(pk=page.pk).specific
    assert str(draft.pk) in published.body.raw_data[0]["value"]["text"]


def test_every_route_to_the_live_row_is_held(school_a):
    """Not only the edit form: a revision published by code (a plugin, scheduled publishing)."""
    page = post(school_a, "公开文章")
    draft = post(school_a, "尚未发布的草稿", live=False)
    revision = linking(page, draft).save_revision()  # a draft: accepted
    with pytest.raises(ValidationError, match="尚未发布的草稿"):
        revision.publish()
    assert Page.objects.get(pk=page.pk).live_revision_id != revision.pk


def test_a_page_may_link_to_itself_and_its_ancestors(school_a):
    page = post(school_a, "公开文章", live=False)
    linking(page, page, page.get_parent(), school_a).save_revision().publish()
    assert Page.objects.get(pk=page.pk).live


@pytest.mark.parametrize("hide", ["unpublish", "restrict"])
def test_a_link_to_a_page_hidden_later_loses_its_address(client, school_a, hide):
    target = post(school_a, "后来撤下的文章")
    page = post(school_a, "公开文章")
    linking(page, target).save_revision().publish()
    assert target.slug in visit(client, page, school_a)

    if hide == "unpublish":
        target.unpublish()
    else:
        PageViewRestriction.objects.create(
            page=target, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    html = visit(client, page, school_a)

    assert "学习专栏" in html
    assert target.slug not in html


def test_an_english_edition_is_held_to_its_own_links(school_a):
    """An edition is checked as itself, not through its source: its links may point at the
    English editions of the pages its source links to, and those must be live too."""
    english = Locale.objects.get(language_code="en")
    target = post(school_a, "双语文章")
    page = post(school_a, "公开文章")
    creator = TranslationCreator(None, [english])
    creator.create_translations(target)
    creator.create_translations(page)
    target_en = target.get_translation(english)
    revision = linking(page.get_translation(english), target_en).save_revision()

    with pytest.raises(ValidationError, match=re.escape(target_en.draft_title)):
        revision.publish()
    target_en.get_latest_revision().publish()
    revision.publish()
    assert Page.objects.get(pk=revision.object_id).live
