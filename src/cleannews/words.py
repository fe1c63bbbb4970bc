"""Words, sentences and titles as plain text, for every stage.

Counting words in any script: whitespace-separated words, and each Chinese, Japanese, Korean
or Thai character as a word of its own (those scripts write no spaces between words). Reading
time, word counts and the article test all count words this way, so a Chinese article of 600
characters is 600 words long, not the two "words" its two paragraphs would split into.

Sentences end with one of :data:`SENTENCE_MARKS` (or, in Chinese and Japanese, of
:data:`CJK_SENTENCE_MARKS`). Titles compare in their :func:`normalise` form.
"""

from __future__ import annotations

from functools import cache

import regex

from cleannews.rules.diskcache import compile_pattern

_UNSPACED = compile_pattern(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")
#: Every letter of those scripts lies outside these ranges (Latin to Myanmar, Ethiopic to
#: the punctuation blocks): text without any other character has none (range tests are far
#: cheaper than script properties, and quotes and dashes fall in the ranges).
_MAYBE_UNSPACED = compile_pattern(r"[^\x00-\u0dff\u0e80-\u10ff\u1200-\u2e7f]")


def count_words(text: str) -> int:
    """Number of words in ``text`` (unspaced scripts counted by character)."""
    return count_both(text)[0]


def longer_than(text: str, words: int) -> bool:
    """More than ``words`` whitespace-separated words (split no further than needed to tell;
    not at all when the text is too short: more words need more than ``2 * words`` characters,
    a letter and a space each but the last)."""
    if len(text) <= 2 * words:
        return False
    return len(text.split(maxsplit=words)) > words


def whitespace_words(text: str) -> int:
    """``len(text.split())``, without making the words when the text is collapsed (single
    spaces between words, as block texts are): in a printable text the space is the only
    white space character (every other one is a control or a separator)."""
    if text.isprintable() and text[:1] != " " and text[-1:] != " " and "  " not in text:
        return text.count(" ") + 1 if text else 0
    return len(text.split())


def count_both(text: str) -> tuple[int, int]:
    """(:func:`count_words`, whitespace-separated tokens) of ``text``, from one split."""
    if text.isascii():
        words = whitespace_words(text)
        return words, words
    tokens = text.split()
    if _MAYBE_UNSPACED.search(text) is None:
        return len(tokens), len(tokens)
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(tokens), len(tokens)
    spaced = sum(1 for token in tokens if not _UNSPACED.search(token))
    return spaced + unspaced, len(tokens)


# --- sentences -----------------------------------------------------------------------------------

#: A long paragraph, in words (``count_both``'s spaced count): prose, not a teaser or a label
#: (the page type's prose and listing tests, the feed of cards in filters.neighbours).
LONG_PARAGRAPH_WORDS = 50

#: Marks that end a sentence.
SENTENCE_MARKS = ".!?…"
#: The full-width marks that end a sentence in Chinese and Japanese.
CJK_SENTENCE_MARKS = "。！？"
#: Closing quotes and brackets that may follow a sentence's mark.
CLOSING_MARKS = "»\"”’')"
_SENTENCE_BREAKS = compile_pattern(f"[{SENTENCE_MARKS}]+(?:\\s|$)")


@cache
def sentence_end(*, cjk: bool = True) -> regex.Pattern[str]:
    """A text ends with a sentence: a mark, maybe followed by closing quotes, brackets and
    white space (``cjk=False``: the marks of :data:`SENTENCE_MARKS` only)."""
    marks = SENTENCE_MARKS + (CJK_SENTENCE_MARKS if cjk else "")
    return compile_pattern(f"[{marks}][\\p{{Pf}}\\p{{Pe}}\"'\\s]*$")


def count_sentences(text: str) -> int:
    """Sentences in ``text``, at least one: runs of :data:`SENTENCE_MARKS` followed by white
    space or the end (full-width marks are not counted)."""
    return max(1, len(_SENTENCE_BREAKS.findall(text)))


# --- titles --------------------------------------------------------------------------------------

_SITE_SUFFIX = compile_pattern(r"\s+(?:[|–—•·»:]|-{1,2}|::)\s+")
_NON_WORD = compile_pattern(r"[^\p{L}\p{N}]+")


def normalise(text: str) -> str:
    """Case- and punctuation-insensitive form of a line, for comparing headlines."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def strip_site_name(title: str) -> str:
    """The longest part of a ``Headline | Site`` document title."""
    parts = [p.strip() for p in _SITE_SUFFIX.split(title) if p.strip()]
    return max(parts, key=len) if parts else title.strip()
