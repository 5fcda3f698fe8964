"""Issue 34, item 7: a school's English edition (a translation of its home page, sharing its
Groups and Site) is never listed as a school: not by the schools layer's queries, not in the
account manager's lists, not in the platform admin's, not as a submission's school."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator

from curation import submissions
from pages.models import RegionPage, SchoolHomePage
from schools import roles
from schools.views import managed_schools
from tests.content import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(school_a, county):
    """The English edition of school_a (translating makes the county's and province's too,
    so the fixtures that look pages up by slug come first)."""
    english = Locale.objects.get(language_code="en")
    TranslationCreator(None, [english]).create_translations(school_a)
    return school_a.get_translation(english)


def test_an_english_edition_is_in_no_list_of_schools(school_a, county, make_user, edition):
    assert SchoolHomePage.objects.filter(pk=edition.pk).exists()  # the control: it is a page
    assert edition not in SchoolHomePage.objects.schools()
    assert edition not in roles.schools_below(RegionPage.objects.all())
    teacher = make_user("teacher", school=school_a, role="editor")
    assert list(roles.schools_of(teacher)) == [school_a]
    admin = make_user("root", is_superuser=True)
    assert school_a in managed_schools(admin) and edition not in managed_schools(admin)

    for user in (admin, make_user("xuanwu-manager", region=county, role="manager")):
        client = Client()
        client.force_login(user)
        page = client.get(reverse("school_accounts")).content.decode()
        assert f'value="{school_a.pk}"' in page and f'value="{edition.pk}"' not in page


def test_an_english_edition_is_submitted_as_its_chinese_work(school_a, county, make_user):
    """报送: the English edition of a post is not offered as more work, and submitting it
    submits the Chinese page from the school, to its county."""
    work = post(school_a, "红梅讲堂")
    editor = make_user("teacher", school=school_a, role="editor")
    english = Locale.objects.get(language_code="en")
    TranslationCreator(None, [english]).create_translations(work)
    edition = work.get_translation(english)
    edition.save_revision().publish()
    offered = submissions.submittable_pages(editor)
    assert work.page_ptr in offered and not offered.filter(pk=edition.pk).exists()
    submission = submissions.submit(edition, editor)
    assert (submission.page_id, submission.school, submission.region) == (work.pk, school_a, county)
