"""What to offer when a search finds nothing: a pinyin reading, or the query less one word."""

from functools import cache

from pypinyin import Style, lazy_pinyin

from search.analysis import data_lines, parse_query
from search.models import SearchTag


def _key(text):
    return "".join(lazy_pinyin(text, style=Style.NORMAL)).lower()


@cache
def _dictionary_readings():
    readings = {}
    for line in data_lines("dictionary.txt"):
        word = line.split()[0]
        readings.setdefault(_key(word), word)
    return readings


def pinyin_candidates(raw):
    """Chinese terms whose toneless pinyin is the query (``dangjian`` → 党建)."""
    key = "".join(raw.lower().split())
    if not key.isascii() or not key.isalpha():
        return []
    found = []
    if key in _dictionary_readings():
        found.append(_dictionary_readings()[key])
    for name in SearchTag.objects.values_list("name", flat=True).distinct()[:2000]:
        if _key(name) == key and name not in found:
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
