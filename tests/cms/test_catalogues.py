"""Every user-visible string is in both catalogues (zh-hans and English), translated and
compiled: a string added without running makemessages, or translated without compilemessages,
fails here."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
HAN = re.compile(r"[\u3400-\u9fff]")


def entries(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_the_catalogue_is_complete_and_compiled(language):
    po = entries(language)
    assert not [e.msgid for e in po.untranslated_entries()]
    assert not [e.msgid for e in po.fuzzy_entries()]
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {key(e): (e.msgstr, dict(e.msgstr_plural)) for e in mo if e.msgid}
    written = {key(e): (e.msgstr, dict(e.msgstr_plural)) for e in po.translated_entries()}
    assert compiled == written, "run manage.py compilemessages"


def test_both_languages_have_the_same_strings_and_the_english_ones_are_english():
    chinese, english = entries("zh_Hans"), entries("en")
    assert {key(e) for e in chinese} == {key(e) for e in english}, "run makemessages -l en"
    assert not [e.msgid for e in chinese if HAN.search(e.msgid)]  # sources are English
    assert not [e.msgstr for e in english if HAN.search(e.msgstr)]
