"""Promo by structure: the site talking about itself to the reader.

A content farm's greetings and farewells are told apart from an article's prose by their
shape, in any wording: first-person-plural words ("we", "our") and second-person words
("you", "your") together make a tenth of a short paragraph's words, and it holds a call to
act (visit, bookmark, subscribe, come back) or the site's name, a word the frame repeats.
The words per language are data (``data/promo_structure.json``). Plain text's frames
(:mod:`cleannews.text.frames`) and HTML's (:mod:`cleannews.structure.frame`) both judge by
this one test, on pages framed like a farm only: elsewhere a shop's or a society's "we"
talking to "you" is their page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

import regex

from cleannews.blocks import Block, Label
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.loader import read_json

_WORD = compile_pattern(r"\p{L}[\p{L}'’\u00ad]*")


class PromoWords(NamedTuple):
    """Per language group: we/our/us words, you/your words, call-to-action stems."""

    we: frozenset[str]
    you: frozenset[str]
    calls: regex.Pattern[str]


@cache
def promo_words() -> PromoWords:
    data = read_json("promo_structure.json")
    languages = data["languages"].values()
    we = frozenset(w for lang in languages for w in lang["we"])
    you = frozenset(w for lang in languages for w in lang["you"])
    calls = "|".join(c for lang in languages for c in lang["calls"])
    return PromoWords(we, you, compile_pattern(rf"\b(?:{calls})", regex.IGNORECASE))


#: A paragraph is promo when its we/you words make this share of its words...
MIN_PRONOUN_SHARE = 0.1
#: ...with a call to act or the site's name in it, and has at most this many words.
MAX_PROMO_WORDS = 120


def site_names(blocks: Sequence[Block]) -> frozenset[str]:
    """Words the frame repeats: capitalised words (not opening a sentence) found in two or
    more lines the phrase rules or the frame already dropped, except the headline's words
    (its echoes repeat them; in German every noun of it is capitalised)."""
    counts: Counter[str] = Counter()
    headline: set[str] = set()
    for block in blocks:
        if block.label is Label.TITLE:
            headline.update(w.casefold() for w in _WORD.findall(block.text))
        elif block.dropped:
            counts.update(set(_inner_capitalised(block.text)))
    return frozenset(word for word, n in counts.items() if n >= 2 and word not in headline)


def _inner_capitalised(text: str) -> list[str]:
    words = _WORD.findall(text)
    return [w.casefold() for w in words[1:] if w[:1].isupper() and len(w) > 3]


def speaks_to_reader(text: str) -> float | None:
    """The share of we/our and you/your words when ``text`` is short and uses both kinds
    enough for the site to be talking to the reader, else None."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words or len(words) > MAX_PROMO_WORDS:
        return None
    table = promo_words()
    we = sum(1 for w in words if w in table.we)
    you = sum(1 for w in words if w in table.you)
    share = (we + you) / len(words)
    if we == 0 or you == 0 or share < MIN_PRONOUN_SHARE:
        return None
    return share


def structural_promo(text: str, names: frozenset[str]) -> str | None:
    """Why ``text`` is promo by structure, or None."""
    share = speaks_to_reader(text)
    if share is None:
        return None
    if promo_words().calls.search(text):
        return f"site promotion (we/you words {share:.0%}, a call to act)"
    if names and not names.isdisjoint(w.casefold() for w in _WORD.findall(text)):
        return f"site promotion (we/you words {share:.0%}, the site's name)"
    return None
