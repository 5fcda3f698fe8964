"""Issue 33, people-scope: no one publishes in an archived school but the platform's restore.

The finding (code reading): archiving unpublishes a school's pages but keeps its staff's
Groups, and the publishing gate never asked whether the school was archived, so its moderator
could republish its pages (and their English editions) one by one. Now the gate refuses every
publication inside an archived school, in either language, to anyone but the platform's own
restore (publishing.PLATFORM).
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail_localize.operations import TranslationCreator

from schools import publishing as rule
from tests.content import post, post_form
from tests.schools.test_publishing_gate import client_for, english, refused

pytestmark = pytest.mark.django_db


def archive(school):
    call_command("provision_school", archive=school.slug, stdout=None)


def test_the_moderator_cannot_republish_a_page_of_an_archived_school(school_a, make_user):
    moderator = make_user("moderator_a", school_a, "moderator")
    page = post(school_a, "归档前已发布")
    archive(school_a)
    page.refresh_from_db()
    assert not page.live

    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client_for(moderator).post(url, post_form(page, **{"action-publish": "1"}))
    page.refresh_from_db()
    assert refused(response)
    assert not page.live
    assert not PageLogEntry.objects.filter(
        page=page, action="wagtail.publish", user=moderator
    ).exists()

    call_command("provision_school", restore=school_a.slug, stdout=None)  # the platform's
    page.refresh_from_db()
    assert page.live
    response = client_for(moderator).post(url, post_form(page, **{"action-publish": "1"}))
    page.refresh_from_db()
    assert response.status_code == 302 and page.live  # restored: its moderator publishes again


def test_nor_its_english_editions(school_a, make_user):
    moderator = make_user("moderator_a", school_a, "moderator")
    page = post(school_a, "有英文版的文章")
    TranslationCreator(None, [english()]).create_translations(page)
    edition = page.get_translation(english())
    revision = edition.get_latest_revision()
    assert rule.may_publish(moderator, edition, revision)
    archive(school_a)
    assert not rule.may_publish(moderator, edition, revision)
    assert rule.may_publish(rule.publishing.PLATFORM, edition, revision)
