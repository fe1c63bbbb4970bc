"""Counting words in any script: whitespace-separated words, and each Chinese, Japanese,
Korean or Thai character as a word of its own (those scripts write no spaces between words).

Reading time, word counts and the article test all count words this way, so a Chinese article
of 600 characters is 600 words long, not the two "words" its two paragraphs would split into.
"""

from __future__ import annotations

import regex

_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")
#: Every letter of those scripts lies at U+0E01 (Thai) or above: text without such a
#: character has none (a range test is far cheaper than the script properties).
_ABOVE_LATIN = regex.compile(r"[^\x00-\u0dff]")


def count_words(text: str) -> int:
    """Number of words in ``text`` (unspaced scripts counted by character)."""
    tokens = text.split()
    if text.isascii() or _ABOVE_LATIN.search(text) is None:
        return len(tokens)
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(tokens)
    spaced = sum(1 for token in tokens if not _UNSPACED.search(token))
    return spaced + unspaced
