"""Readable addresses: a page titled 红梅先锋党建文化长廊正式启用 is found at
``/column/hongmei-xianfeng-dangjian-wenhua-changlang/``, not at a hundred-character run of
percent-encoded Chinese that breaks in chat messages and printed notices.

Words are those of the search analyser (so 党建 stays one word), each written in toneless pinyin
with its syllables together and the words joined by hyphens, cut at a word boundary. A title
with nothing to spell (all punctuation) gets the date. pypinyin's phrase dictionary costs a
process about 45 MB, so it loads on the first slug made, which happens in the admin only.
"""

import re

from django.utils import timezone

import analysis

LIMIT = 50


def readable_slug(text, limit=LIMIT):
    parts = []
    for word in analysis.words(text):
        if word.isascii():
            part = re.sub(r"[^a-z0-9]+", "", word)
        else:
            from pypinyin import lazy_pinyin

            part = "".join(lazy_pinyin(word, errors="ignore"))
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
