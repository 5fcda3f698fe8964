"""Our Chinese for Wagtail's strings (overrides/wagtail_translations.py and djangojs.po):
each is still one of Wagtail's, and each is served in Chinese, on the server and in the
browser's catalogue."""

import ast
import json
import re
from pathlib import Path

import polib
import pytest
import wagtail
import wagtail_localize
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from overrides import wagtail_translations

UPSTREAM = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]


def upstream_msgids(domain):
    found = set()
    for root in UPSTREAM:
        for catalogue in root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
            found |= {entry.msgid for entry in polib.pofile(str(catalogue))}
    return found


def listed():
    """(singulars, (singular, plural) pairs) as written in the module, read as makemessages
    reads it: the literal arguments of each gettext_noop and ngettext_lazy call."""
    tree = ast.parse(Path(wagtail_translations.__file__).read_text(encoding="utf-8"))
    singles, plurals = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            arguments = [argument.value for argument in node.args]
            if node.func.id == "gettext_noop":
                singles.append(arguments[0])
            elif node.func.id == "ngettext_lazy":
                plurals.append(tuple(arguments))
    assert len(singles) == len(wagtail_translations.MISSING) + len(wagtail_translations.CORRECTED)
    assert len(plurals) == len(wagtail_translations.MISSING_PLURALS)
    return singles, plurals


def test_every_listed_string_is_still_one_of_wagtails():
    singles, plurals = listed()
    gone = set(singles) | {singular for singular, _plural in plurals}
    gone -= upstream_msgids("django")
    assert not gone, f"Wagtail no longer has these; drop them: {sorted(gone)}"


def test_every_listed_string_is_served_in_chinese():
    singles, plurals = listed()
    with translation.override("zh-hans"):
        english = [s for s in singles if translation.gettext(s) == s]
        english += [
            singular
            for singular, plural in plurals
            if translation.ngettext(singular, plural, 2) in (singular, plural)
        ]
        assert translation.gettext("live") == "已发布"  # not Wagtail's 在用
    assert not english, english


def test_the_browser_catalogue_has_every_wagtail_string_in_chinese(admin_user):
    keys = DjangoTranslation("zh-hans", domain="djangojs")._catalog.keys()  # not iterable itself
    served = {key[0] if isinstance(key, tuple) else key for key in keys}
    missing = sorted(upstream_msgids("djangojs") - served)
    assert not missing, f"add these to locale/zh_Hans/LC_MESSAGES/djangojs.po: {missing}"

    client = Client()
    client.force_login(admin_user)
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    admin_catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S)[1])
    assert admin_catalogue["Autosave in progress…"] == "正在自动保存…"  # ours, in the admin's


@pytest.fixture
def admin_user(django_user_model, db):
    return django_user_model.objects.create_superuser("root", password="pw-for-tests")
