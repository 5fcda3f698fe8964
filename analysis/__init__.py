"""Chinese text analysis: the one pipeline used when indexing and when querying.

Search engines do not segment Chinese (SQLite and PostgreSQL keep a run of Han characters as
one token, Elasticsearch's standard analyzer splits it into single characters), so the
platform segments text itself and hands every engine the same space-separated tokens:

1. fold: NFKC (full-width letters, digits and punctuation to half-width), traditional to
   simplified Chinese (OpenCC), lower case;
2. segment with jieba in search mode, with the domain dictionary in ``data/dictionary.txt``;
3. add every Han character on its own, so one-character and partial queries still match.

Queries go through the same folding and segmentation; each query word is widened to its
synonyms from ``data/synonyms.txt``.

English editions (``language="en"``) go through the same steps, then every Latin word is
reduced to its Snowball stem and common function words are dropped, so "schools" finds
"school" and "the" finds nothing; Han characters in them (a name left untranslated) are
analysed as in Chinese. The banned-word list (pages.BannedWord) is matched after
the same folding.

A library below every app (no models, no Django): the public index, Wagtail's admin index and
the pre-publish checks all analyse text through it.
"""

import io
import logging
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba
import opencc
import snowballstemmer

DATA_DIR = Path(__file__).resolve().parent / "data"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN_OR_OTHER = re.compile(rf"{HAN.pattern}|[^{HAN.pattern[1:-1]}]+")
WORD = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+(?:[._-][0-9a-z]+)*")
MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
ENGLISH = "en"
LATIN = re.compile(r"[a-z]")
# Words too common in English to tell documents apart (Snowball's own list, shortened).
ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "which",
        "with",
    ]
)

_lock = threading.Lock()


jieba.setLogLevel(logging.WARNING)


def data_lines(name, folder=DATA_DIR):
    """The lines of a maintained data file, without blanks and ``#`` comments."""
    for line in (folder / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@cache
def _converter():
    return opencc.OpenCC("t2s")


@cache
def synonym_groups():
    """Each term mapped to the frozenset of its group (itself included)."""
    groups = {}
    for line in data_lines("synonyms.txt"):
        group = frozenset(fold(term) for term in line.split(",") if term.strip())
        for term in group:
            groups[term] = groups.get(term, frozenset()) | group
    return groups


class _Segmenter(jieba.Tokenizer):
    """jieba with its general dictionary less the words its corpus saw fewer than
    MIN_FREQUENCY times: rare names and compounds, 60 % of the entries and about 35 MB in
    every process. They are still found: every Han character is indexed, and a word the
    dictionary does not know matches as the phrase of its characters."""

    MIN_FREQUENCY = 5

    def __init__(self):
        super().__init__()
        self.cache_file = f"yxyp-jieba-{self.MIN_FREQUENCY}.cache"

    def get_dict_file(self):
        with super().get_dict_file() as full:
            kept = [line for line in full if int(line.split()[1]) >= self.MIN_FREQUENCY]
        return io.BytesIO(b"".join(kept))


@cache
def _tokenizer():
    """A jieba tokenizer of our own (not the global one) with the domain dictionary.

    Synonym terms are added as words too, so a multi-word synonym such as 党的建设 is one
    token and can stand in a query group beside 党建.
    """
    with _lock:
        tokenizer = _Segmenter()
        tokenizer.initialize()
        for line in data_lines("dictionary.txt"):
            word, *rest = line.split()
            tokenizer.add_word(fold(word), int(rest[0]) if rest else None)
        for line in data_lines("synonyms.txt"):
            for term in line.split(","):
                if term.strip():
                    tokenizer.add_word(fold(term), 2000)
        return tokenizer


def to_simplified(text):
    """Traditional to simplified only, keeping punctuation as written (for display)."""
    return _converter().convert(text)


def is_known_word(term):
    """True for words of the segmenter's dictionary: documents are indexed under them as whole
    tokens wherever they occur, so matching the token is enough."""
    return _tokenizer().FREQ.get(term, 0) > 0


def fold(text):
    """Full-width to half-width, traditional to simplified, lower case."""
    return _converter().convert(unicodedata.normalize("NFKC", text)).lower()


def _words(folded, search_mode):
    tokenizer = _tokenizer()
    pieces = tokenizer.cut_for_search(folded) if search_mode else tokenizer.cut(folded)
    for piece in pieces:
        yield from WORD.findall(piece)


@cache
def _english_stemmer():
    return snowballstemmer.stemmer("english")


def _in_language(words, language):
    """Words as a language's index holds them: English stems without function words."""
    if language != ENGLISH:
        return list(words)
    stemmer = _english_stemmer()
    return [
        stemmer.stemWord(word) if LATIN.match(word) else word
        for word in words
        if word not in ENGLISH_STOP_WORDS
    ]


def words(text):
    """The words of ``text`` after folding, as a reader would split it (not search mode)."""
    return list(_words(fold(text or ""), search_mode=False))


def index_tokens(text, language=None):
    """The tokens a document is indexed under, as one space-separated string."""
    folded = fold(text or "")
    tokens = _in_language(_words(folded, search_mode=True), language)
    tokens.extend(HAN.findall(folded))
    return " ".join(tokens)


def head_tokens(text, language=None):
    """The words a document's head (title, tags) is ranked on: words only, no single Han
    characters, so the head stays small enough to keep in the row (see search/engines/)."""
    return " ".join(
        word
        for word in _in_language(_words(fold(text or ""), search_mode=True), language)
        if not HAN.fullmatch(word)
    )


def query_words(text):
    """The words to look up for a query in a word index built from ``index_tokens`` (Wagtail's
    admin search): a word the dictionary knows as itself, any other run of Han characters as
    its characters, which the index holds one by one."""
    words = []
    for word in _words(fold((text or "")[:MAX_QUERY_LENGTH]), search_mode=False):
        if HAN.search(word) and len(word) > 1 and not is_known_word(word):
            pieces = HAN_OR_OTHER.findall(word)
        else:
            pieces = [word]
        words.extend(piece for piece in pieces if piece not in words)
    return words


@dataclass(frozen=True)
class ParsedQuery:
    """A query as the engines need it: groups of alternatives, all groups required."""

    text: str
    groups: tuple
    words: tuple = ()  # the words as typed (folded), before synonyms widened them
    language: str | None = None  # the index searched: Chinese (None) or English (ENGLISH)

    def __bool__(self):
        return bool(self.groups)

    @property
    def terms(self):
        """Every term of every group, for highlighting."""
        return sorted({term for group in self.groups for term in group}, key=len, reverse=True)


def pinyin(text, heteronym=False):
    """Toneless pinyin of each character of ``text`` (a list of readings per character),
    without pypinyin's phrase dictionary, which would cost every worker process about 45 MB:
    a character read several ways gives its most common reading first. Every caller in a
    process must agree, since pypinyin reads the setting once, when first imported."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    from pypinyin import Style
    from pypinyin import pinyin as readings

    return readings(text, style=Style.NORMAL, heteronym=heteronym, errors="ignore")


def split_compounds(parsed):
    """The query again with every word the dictionary holds as a compound of shorter words
    split into them (红色教育 → 红色 教育), for a query that found nothing as written; None
    when no word splits. The parts are the two-character words the segmenter finds inside."""
    words, split = [], False
    for group in parsed.groups:
        word = next((term for term in group if term in parsed.words), group[0])
        inside = [
            part
            for part in _words(word, search_mode=True)
            if part != word and len(part) == 2 and HAN.search(part)
        ]
        split = split or bool(inside)
        words.extend(inside or [word])
    return parse_query(" ".join(dict.fromkeys(words)), parsed.language) if split else None


def parse_query(raw, language=None):
    """Fold and segment a visitor's query; synonyms widen each word (Chinese ones: English
    words are matched by their stems instead).

    Over-long input is cut rather than refused, so a pasted paragraph still gets results.
    """
    folded = fold((raw or "")[:MAX_QUERY_LENGTH]).strip()
    words = []
    for word in _in_language(_words(folded, search_mode=False), language):
        if word not in words:
            words.append(word)
    synonyms = synonym_groups() if language != ENGLISH else {}
    groups = tuple(
        tuple(sorted(synonyms.get(word, frozenset()) | {word})) for word in words[:MAX_QUERY_TERMS]
    )
    return ParsedQuery(
        text=folded,
        groups=groups,
        words=tuple(words[:MAX_QUERY_TERMS]),
        language=language if language == ENGLISH else None,
    )
