"""What to offer when a search finds nothing: a pinyin reading, or the query less one word."""

import itertools
import os
from functools import cache

from analysis import data_lines, parse_query
from search.models import FacetValue

MAX_READINGS = 64


def _readings(text):
    """Every toneless pinyin spelling of ``text``. A character read several ways (行: xing,
    hang) gives several, so words are found without pypinyin's phrase dictionary, which
    would cost every worker process about 45 MB; pypinyin loads on the first suggestion."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    from pypinyin import Style, pinyin

    choices = pinyin(text, style=Style.NORMAL, heteronym=True)
    if len(choices) > 12 or any(len(choice) > 4 for choice in choices):
        choices = [choice[:1] for choice in choices]
    spellings = itertools.islice(itertools.product(*choices), MAX_READINGS)
    return {"".join(spelling).lower() for spelling in spellings}


@cache
def _dictionary_readings():
    readings = {}
    for line in data_lines("dictionary.txt"):
        word = line.split()[0]
        for reading in _readings(word):
            readings.setdefault(reading, word)
    return readings


def pinyin_candidates(raw):
    """Chinese terms whose toneless pinyin is the query (``dangjian`` → 党建)."""
    key = "".join(raw.lower().split())
    if not key.isascii() or not key.isalpha():
        return []
    found = []
    if key in _dictionary_readings():
        found.append(_dictionary_readings()[key])
    for name in FacetValue.objects.values_list("name", flat=True).distinct()[:2000]:
        if key in _readings(name) and name not in found:
            found.append(name)
    return found[:3]


def fewer_words(raw, has_results):
    """The query without the words that find nothing, then its words that do, one by one."""
    words = [group[0] for group in parse_query(raw).groups]
    if len(words) < 2:
        return []
    useful = [word for word in words if has_results(word)]
    candidates = [" ".join(useful)] if 1 < len(useful) < len(words) else []
    return candidates + useful


def suggest(raw, has_results):
    """Up to three alternative queries that do find something (each counted once)."""
    has_results = cache(has_results)
    suggestions = []
    for candidate in pinyin_candidates(raw) + fewer_words(raw, has_results):
        if candidate not in suggestions and has_results(candidate):
            suggestions.append(candidate)
        if len(suggestions) == 3:
            break
    return suggestions
