"""View restrictions in the page history, named in the reader's language whoever set them
(overrides/restriction_history.py)."""

from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from pages.models import ColumnIndexPage


def test_a_restriction_set_in_english_reads_in_chinese_in_the_history(school_a, make_user):
    editor = make_user("editor_a", school_a, "editor")
    column = ColumnIndexPage.objects.child_of(school_a).get()
    with translation.override("en"):
        restriction = PageViewRestriction(page=column, restriction_type="login")
        restriction.save(user=editor)
        restriction.delete(user=editor)
        english = str(dict(PageViewRestriction.RESTRICTION_CHOICES)["login"])
    with translation.override("zh-hans"):
        chinese = str(dict(PageViewRestriction.RESTRICTION_CHOICES)["login"])
    assert chinese != english

    client = Client()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:history", args=[column.pk])).content.decode()
    assert html.count(chinese) == 2 and english not in html
