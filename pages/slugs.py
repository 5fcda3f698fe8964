"""Readable addresses: a page titled 红梅先锋党建文化长廊正式启用 is found at
``/column/hongmei-xianfeng-dangjian-wenhua-changlang/``, not at a hundred-character run of
percent-encoded Chinese that breaks in chat messages and printed notices.

Words are those of the search analyser (so 党建 stays one word), each written in toneless pinyin
with its syllables together and the words joined by hyphens, cut at a word boundary. A title
with nothing to spell (all punctuation) gets the date. Characters read several ways take their
most common reading (analysis.pinyin does without pypinyin's phrase dictionary) unless the
word is in analysis/data/readings.txt (长廊 changlang); a slug may now and then misspell a rare
one, and the editor may correct it.
"""

import re
from functools import cache

from django.utils import timezone

import analysis

LIMIT = 50


@cache
def _readings():
    """Words read other than character by character (长廊 changlang, not zhanglang)."""
    return dict(line.split() for line in analysis.data_lines("readings.txt"))


def readable_slug(text, limit=LIMIT):
    parts = []
    for word in analysis.words(text):
        if word.isascii():
            part = re.sub(r"[^a-z0-9]+", "", word)
        else:
            part = _readings().get(word) or "".join(
                readings[0] for readings in analysis.pinyin(word) if readings
            )
        if part:
            parts.append(part)
    slug = ""
    for part in parts:
        candidate = f"{slug}-{part}" if slug else part
        if len(candidate) > limit:
            break
        slug = candidate
    if not slug and parts:
        slug = parts[0][:limit]
    return slug or timezone.localdate().strftime("%Y%m%d")
