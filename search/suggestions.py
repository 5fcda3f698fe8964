"""What to offer when a search finds nothing: a pinyin reading, the query less one word, and
the popular searches.

Popular searches are what visitors typed, shown to every visitor on every school's site, so
they are never shown raw (issue 16, finding 8): a query appears only if it was searched at
least POPULAR_MIN_HITS times in the last POPULAR_DAYS days, is words alone (no address, no
punctuation, at most POPULAR_MAX_LENGTH characters), holds no banned word and finds published
pages. Queries the platform gave promoted results to (Wagtail's search promotions) come first:
that is the curated list; deleting a query there removes it from the popular ones too.
"""

import datetime
import itertools
import re
from functools import cache

from django.core.cache import cache as shared_cache
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

import analysis
from analysis import data_lines, parse_query
from pages.content_checks import banned_words_in
from search.models import FacetValue

MAX_READINGS = 64
POPULAR_KEY = "search:popular"
POPULAR_MIN_HITS = 5
POPULAR_DAYS = 30
POPULAR_MAX_LENGTH = 20
WORDS_ONLY = re.compile(r"[^\W_]+(?: [^\W_]+)*")


def _readings(text):
    """Every toneless pinyin spelling of ``text``. A character read several ways (行: xing,
    hang) gives several, so words are found without pypinyin's phrase dictionary
    (analysis.pinyin); pypinyin loads on the first suggestion."""
    choices = analysis.pinyin(text, heteronym=True)
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


def presentable(text):
    """Whether a visitor's query may be shown to other visitors."""
    return (
        len(text) <= POPULAR_MAX_LENGTH
        and WORDS_ONLY.fullmatch(text) is not None
        and not banned_words_in(text)
    )


def popular_searches(has_results, language, limit=8):
    """Up to ``limit`` queries to offer everyone searching in ``language``, curated ones
    first; worked out once every ten minutes per language (each candidate is a search count)."""
    key = f"{POPULAR_KEY}:{language}"
    found = shared_cache.get(key)
    if found is not None:
        return found
    since = timezone.localdate() - datetime.timedelta(days=POPULAR_DAYS)
    curated = Query.objects.filter(editors_picks__isnull=False).distinct().order_by("pk")
    typed = Query.get_most_popular(date_since=since).filter(_hits__gte=POPULAR_MIN_HITS)
    found = []
    for query in itertools.chain(curated[:limit], typed[: limit * 4]):
        text = query.query_string
        if text not in found and presentable(text) and has_results(text):
            found.append(text)
        if len(found) == limit:
            break
    shared_cache.set(key, found, 600)
    return found
