"""Tags per page and tag length are capped (issue 33, item 6): 3,000 tags on one page tied up a
worker for two minutes and grew every page that showed them. The edit form says so on its tag
field and makes nothing; every other writer (code, imports, publishing a revision) meets the
page's own clean."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Revision

from pages.importing import BadLine, parse_line
from pages.models import ColumnPostPage, ColumnPostTag
from pages.tags import MAX_TAG_LENGTH, MAX_TAGS
from tests.content import post
from tests.pages.test_permissions import post_form

pytestmark = pytest.mark.django_db


def edit(client, page, tags):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), post_form(page, tags=tags)
    )


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_three_thousand_tags_are_refused_with_a_clear_error(client, people, school_a):
    page = post(school_a, "读书分享会")
    before, tags_before = revisions(page), Tag.objects.count()
    client.force_login(people["editor_a"])
    response = edit(client, page, ",".join(f"标签{n}" for n in range(3000)))
    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["tags"]
    assert error.code == "too_many_tags"
    assert str(MAX_TAGS) in error.message and "3000" in error.message  # the limit, the count
    assert revisions(page) == before and Tag.objects.count() == tags_before


def test_a_tag_over_the_maximum_length_is_refused(client, people, school_a):
    page = post(school_a, "读书分享会")
    before = revisions(page)
    client.force_login(people["editor_a"])
    long_tag = "长" * (MAX_TAG_LENGTH + 1)
    response = edit(client, page, f"读书会，{long_tag}")
    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["tags"]
    assert error.code == "tag_too_long" and str(MAX_TAG_LENGTH) in error.message
    assert revisions(page) == before
    assert edit(client, page, f"读书会，{'长' * MAX_TAG_LENGTH}").status_code == 302


def test_code_that_writes_tags_meets_the_same_limit(school_a):
    page = ColumnPostPage.objects.get(pk=post(school_a, "读书分享会").pk)
    page.tags.add(*(f"标签{n}" for n in range(MAX_TAGS + 1)))
    with pytest.raises(ValidationError) as refused:
        page.save_revision()
    assert "tags" in refused.value.message_dict
    with pytest.raises(ValidationError):
        page.save()
    assert not ColumnPostTag.objects.filter(content_object_id=page.pk).exists()


def test_an_import_line_with_too_many_tags_is_a_bad_line():
    line = {"type": "column", "school": "x", "title": "t", "date": "2026-05-04"}
    with pytest.raises(BadLine):
        parse_line(json.dumps(line | {"tags": [f"标签{n}" for n in range(MAX_TAGS + 1)]}))
    with pytest.raises(BadLine):
        parse_line(json.dumps(line | {"tags": ["长" * (MAX_TAG_LENGTH + 1)]}))


def test_a_page_tagged_before_the_limit_can_still_be_saved_and_trimmed(client, people, school_a):
    page = post(school_a, "读书分享会")
    for n in range(MAX_TAGS + 5):  # written before there was a limit
        ColumnPostTag.objects.create(content_object=page, tag=Tag.objects.create(name=f"旧{n}"))
    client.force_login(people["editor_a"])
    assert edit(client, page, "旧1，旧2").status_code == 302
    saved = ColumnPostPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert sorted(tag.name for tag in saved.tags.all()) == ["旧1", "旧2"]
