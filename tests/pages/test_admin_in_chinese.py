"""Issue 17, item 5: school and bureau staff meet no English in the admin.

Every admin screen a role can open (each URL without arguments, and each object screen of
tests.pages.test_isolation_matrix for the role's own school and region) is fetched as that
role; its visible text, its labels for assistive technology (title, aria-label, alt,
placeholder) and the sidebar's labels are searched for English words. Chooser modals come as
JSON and are read too, and so are the messages a refused save shows.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup, Comment, Doctype
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.log_actions import registry as log_action_registry

from pages.models import ColumnIndexPage, TagName
from schools import provisioning
from tests.pages.isolation import admin_routes
from tests.pages.test_isolation_matrix import ACTIONS

pytestmark = pytest.mark.django_db

ROLES = ("editor_a", "moderator_a", "county_curator", "city_curator", "manager", "auditor")
# Not English prose: file formats, units, key names, and each language's own name (how a
# reader finds their language in a list of languages).
ALLOWED = {
    *[
        "PDF",
        "XLSX",
        "ZIP",
        "URL",
        "RSS",
        "Atom",
        "QR",
        "ID",
        "API",
        "CSV",
        "HTML",
        "JavaScript",
        "Word",
        "Excel",
    ],
    *["PNG", "JPG", "JPEG", "GIF", "WEBP", "AVIF", "SVG", "KB", "MB", "GB"],
    *["Ctrl", "Alt", "Shift", "Esc", "Enter", "Tab", "Cmd"],
    *(name for _code, name in settings.LANGUAGES),
}
SKIPPED_URLS = {
    "wagtailadmin_logout": "signs the user out",
    "wagtailadmin_javascript_catalog": "the browser-side catalogue (tests/overrides)",
    "wagtailadmin_error_test": "Wagtail's deliberate error page",
}
WORD = re.compile(r"[\w.@/:'’-]+")
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "aria-description")


def english_words(text, data):
    """Words of English prose in ``text``; tokens with digits or punctuation (dates, file
    names, addresses) and the world's own data (user names, school slugs) are not prose."""
    found = []
    for token in WORD.findall(text):
        token = token.strip("'’-")
        if len(token) < 2 or re.search(r"[\d_@./:]", token) or not token.isascii():
            continue
        if token.isalpha() and token not in ALLOWED and token.lower() not in data:
            found.append(token)
    return found


def sidebar_labels(text):
    try:
        stack = [json.loads(text)]
    except ValueError:
        return
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in ("label", "title", "placeholder") and isinstance(value, str):
                    yield value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def readable_strings(html):
    """What a reader sees or hears; an element marked translate="no" (a secret key to type,
    a code) is left out, as translators and translation tools leave it."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select('[translate="no"], [data-side-panel-toggle-counter]'):
        tag.decompose()  # the side panel's counter is empty ("None") until a script counts
    for node in soup.find_all(string=True):
        if isinstance(node, (Comment, Doctype)):
            continue
        if node.parent.name in ("script", "style", "noscript"):
            if node.parent.get("type") == "application/json":
                yield from sidebar_labels(node)
            continue
        if node.strip():
            yield " ".join(node.split())
    for tag in soup.find_all(True):
        for attribute in ATTRIBUTES:
            if tag.get(attribute):
                yield tag[attribute]


def third_party_plugin_names():
    """The test suite's own third-party plugin (tests/plugin_storybook) ships no Chinese
    catalogue; its names are its author's, not the platform's."""
    if not apps.is_installed("yxyp_storybook"):
        return set()
    config = apps.get_app_config("yxyp_storybook")
    names = {str(config.verbose_name)}
    for model in config.get_models():
        names |= {str(model._meta.verbose_name), str(model._meta.verbose_name_plural)}
    names |= {
        str(label) for action, label in log_action_registry.get_choices() if "storybook" in action
    }
    return names


def screens(objects):
    for name, route in admin_routes():
        if name and "<" not in route and name not in SKIPPED_URLS:
            try:
                yield name, reverse(name)
            except NoReverseMatch:  # a pattern with unnamed groups
                continue
    own = {key for key in objects if key.endswith(("_a", "_county"))}
    for url_name, (kind, kwargs_for, _check) in sorted(ACTIONS.items()):
        for object_name in sorted(own):
            object_kind, obj, _owner = objects[object_name]
            if object_kind == kind:
                yield url_name, reverse(url_name, kwargs=kwargs_for(obj))


def form_data(html, form_id=None, holding=None):
    """The fields of a form as the browser would post them, unchanged: the form with the id
    ``form_id``, or the one holding a field named ``holding``."""
    soup = BeautifulSoup(html, "html.parser")
    if form_id is not None:
        form = soup.find("form", id=form_id)
    else:
        form = soup.find(attrs={"name": holding}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("checkbox", "radio", "file", "submit"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", field.text if field.name == "textarea" else "")
    return data


def html_of(response):
    kind = response.get("Content-Type", "")
    if kind.startswith("text/html"):
        return response.content.decode()
    if kind.startswith("application/json"):
        data = json.loads(response.content)
        return data.get("html") if isinstance(data, dict) else None
    return None


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_no_english_on_any_admin_screen_of_the_role(role, world, county, school_a, make_user):
    users, objects = world
    users["manager"] = make_user("manager")
    provisioning.add_region_user(county, users["manager"], "manager")
    users["auditor"] = make_user("auditor")
    provisioning.add_auditor(users["auditor"])
    data = set(users) | {
        page.slug for _kind, page, _owner in objects.values() if hasattr(page, "slug")
    }
    # Tags' English names are content the platform typed in English (pages.TagName).
    data |= {
        word.lower()
        for name in TagName.objects.values_list("english_name", flat=True)
        for word in name.split()
    }
    foreign = re.compile("|".join(map(re.escape, third_party_plugin_names())) or "^$", re.I)
    client = Client()
    client.force_login(users[role])

    found, screens_read = {}, 0
    pages = [(name, client.get(url)) for name, url in screens(objects)]
    if role == "editor_a":  # a refused save: the form again, with its error messages
        column = ColumnIndexPage.objects.child_of(school_a).get()
        add = reverse("wagtailadmin_pages:add", args=("pages", "columnpostpage", column.pk))
        form = form_data(client.get(add).content.decode(), "page-edit-form")
        form.update({"title": "", "slug": "", "body-count": "0"})  # the body is drawn by script
        pages.append(("refused save", client.post(add, form)))
    for name, response in pages:
        html = html_of(response) if response.status_code in (200, 400) else None
        if not html:
            continue
        screens_read += 1
        for text in readable_strings(html):
            text = foreign.sub("", text)
            if english_words(text, data):
                found.setdefault(text[:150], set()).add(name)
    print(f"{role}: {screens_read} screens read, {len(found)} strings with English")
    assert screens_read > 20
    report = "\n".join(f"{text!r} on {sorted(names)[:3]}" for text, names in sorted(found.items()))
    assert not found, report


def test_words_staff_misread_are_replaced_and_avatars_are_local(world):
    """A published page reads 已发布 (Wagtail: 在用) and its link to the public page does not
    read like a publish button (Wagtail: 发布); the Promote tab is not named like a bureau's
    featuring (Wagtail: 推荐); "批准 和发布" reads 批准并发布; no avatar comes from Gravatar."""
    users, objects = world
    moderator = Client()
    moderator.force_login(users["moderator_a"])
    explore = moderator.get(reverse("wagtailadmin_explore", args=[objects["index_a"][1].pk]))
    edit = moderator.get(reverse("wagtailadmin_pages:edit", args=[objects["live_a"][1].pk]))
    review = moderator.get(reverse("wagtailadmin_pages:edit", args=[objects["moderated_a"][1].pk]))
    home = moderator.get(reverse("wagtailadmin_home"))
    text = {
        name: " ".join(readable_strings(response.content.decode()))
        for name, response in (
            ("explore", explore),
            ("edit", edit),
            ("review", review),
            ("home", home),
        )
    }
    assert "已发布" in text["explore"] and "在用" not in text["explore"]
    assert "地址与搜索" in text["edit"] and "推荐" not in text["edit"]
    assert "批准并发布" in text["review"] and "和发布" not in text["review"]
    assert all("gravatar" not in response.content.decode() for response in (explore, home))
