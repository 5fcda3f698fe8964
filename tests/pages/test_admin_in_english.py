"""Issue 19: a translator who switches the admin to English meets no Chinese-only label.

A school editor chooses English on their account page, then opens the screens of the
translation work: the dashboard, the explorer of their school's English pages, the Translate
form, wagtail-localize's translation editor, the translations report, the Chinese page it
translates from and their account. Every visible text and label for assistive technology is
read; the content (page titles and strings, names of groups, collections, images and
workflows, which are the platform's data in Chinese) is taken out, and no Chinese may remain.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Task, Workflow
from wagtail_localize.models import String

from tests.pages.test_admin_in_chinese import form_data, html_of, readable_strings
from tests.pages.test_english_editions import brand_of, translate

pytestmark = pytest.mark.django_db
CHINESE = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff0c\u3001\u3002\uff1a\uff1b]")


def content_strings():
    """The editors' words, which stay in the language they were written in."""
    found = set()
    for title, draft in Page.objects.values_list("title", "draft_title"):
        found |= {title, draft}
    found |= set(Group.objects.values_list("name", flat=True))
    found |= set(Collection.objects.values_list("name", flat=True))
    found |= set(get_image_model().objects.values_list("title", flat=True))
    found |= set(String.objects.values_list("data", flat=True))
    found |= set(Workflow.objects.values_list("name", flat=True))
    found |= set(Task.objects.values_list("name", flat=True))
    found |= {name for _code, name in settings.LANGUAGES}  # each language in its own name
    return sorted((text for text in found if text), key=len, reverse=True)


def test_the_translation_screens_are_english_throughout(school_a, make_user):
    translator = make_user("translator", school_a, "editor")
    client = Client()
    client.force_login(translator)
    settings_page = client.get(reverse("wagtailadmin_account")).content.decode()
    choice = BeautifulSoup(settings_page, "html.parser").find("option", attrs={"value": "en"})
    assert choice.text == "English"  # each language in its own name
    data = form_data(settings_page, holding="locale-preferred_language")
    data["locale-preferred_language"] = "en"
    data.update(  # a name and an address are required of every account
        {
            "name_email-first_name": "Alex",
            "name_email-last_name": "Reviewer",
            "name_email-email": "translator@example.org",
        }
    )
    assert client.post(reverse("wagtailadmin_account"), data).status_code == 302
    brand = brand_of(school_a)
    edition = translate(brand, publish=False)
    screens = {
        "dashboard": reverse("wagtailadmin_home"),
        "English pages": reverse("wagtailadmin_explore", args=[edition.get_parent().pk]),
        "Chinese pages": reverse("wagtailadmin_explore", args=[school_a.pk]),
        "translate form": reverse("wagtail_localize:submit_page_translation", args=[brand.pk]),
        "translation editor": reverse("wagtailadmin_pages:edit", args=[edition.pk]),
        "source page": reverse("wagtailadmin_pages:edit", args=[brand.pk]),
        "report": reverse("wagtail_localize:translations_report"),
        "account": reverse("wagtailadmin_account"),
        "history": reverse("wagtailadmin_pages:history", args=[edition.pk]),
    }
    content = content_strings()
    found = {}
    for name, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert 'lang="en"' in response.content.decode()[:500], name
        for text in readable_strings(html_of(response)):
            for words in content:
                text = text.replace(words, "")
            if CHINESE.search(text):
                found.setdefault(text[:150], set()).add(name)
    assert not found, found
