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

from cleannews.blocks import TITLE, Block, BlockKind
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.loader import read_json
from cleannews.rules.page_metadata import page_rules

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
        if block.label is TITLE:
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


def names_site(text: str, names: frozenset[str]) -> bool:
    """True when ``text`` holds one of the site's ``names``."""
    return bool(names) and not names.isdisjoint(w.casefold() for w in _WORD.findall(text))


def structural_promo(text: str, names: frozenset[str]) -> str | None:
    """Why ``text`` is promo by structure, or None."""
    share = speaks_to_reader(text)
    if share is None:
        return None
    if promo_words().calls.search(text):
        return f"site promotion (we/you words {share:.0%}, a call to act)"
    if names_site(text, names):
        return f"site promotion (we/you words {share:.0%}, the site's name)"
    return None


#: The line rules of reading and date lines: a farm's furniture when the line states a
#: reading time ("3 min read Post on May 30, 2025"), not when it is a bare date.
READING_RULES = frozenset({"reading-line", "reading-line-multi"})


def states_reading_time(block: Block) -> bool:
    """A reading or date line that states a reading time."""
    return block.rule in READING_RULES and page_rules().reading_time.search(block.text) is not None


def edge_promo(blocks: Sequence[Block], names: frozenset[str]) -> list[tuple[Block, str]]:
    """The live paragraphs at the edges of the page's kept prose that are promo by
    structure, with the reason: the greeting that opens it, when it names the site (a word
    the frame repeats, :func:`site_names`) or talks of nothing the headline names, and the
    farewell that closes it (a farm greets before the article and takes leave after it; a
    blog's closing call to get in touch, with no greeting above, is its author's; a
    business blog's "each year we bring you the top conferences" intro is on its topic). A
    paragraph that is not promo ends each edge (headings, list items and lines shorter than
    ``EDGE_LINE_CHARS`` are passed over), so promo-like words inside the article are never
    touched."""
    prose = [
        b
        for b in blocks
        if b.live
        and b.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)
        and len(b.text) >= EDGE_LINE_CHARS
    ]
    opening = _promo_edge(prose, names)
    topic = _topic_words(blocks)
    if not any(_greets(block.text, names, topic) for block, _ in opening):
        return []  # a business blog's "we bring you" intro is about its headline's topic
    closing = _promo_edge(prose[len(opening) :][::-1], names)
    return opening + closing


def _promo_edge(prose: Sequence[Block], names: frozenset[str]) -> list[tuple[Block, str]]:
    found = []
    for block in prose:
        reason = structural_promo(block.text, names)
        if reason is None:
            break
        found.append((block, reason))
    return found


def _greets(text: str, names: frozenset[str], topic: frozenset[str]) -> bool:
    """A greeting names the site or talks of nothing the headline names."""
    return names_site(text, names) or topic.isdisjoint(_long_words(text))


def _topic_words(blocks: Sequence[Block]) -> frozenset[str]:
    """The headline's words of ``TOPIC_LETTERS`` letters or more, case-folded."""
    return frozenset(w for b in blocks if b.label is TITLE for w in _long_words(b.text))


def _long_words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text) if len(w) >= TOPIC_LETTERS}


#: Words this long or longer say what a headline is about ("tech", "basil"; not "the", "how").
TOPIC_LETTERS = 4
#: Lines shorter than this are passed over at the edges ("close", "Share this:").
EDGE_LINE_CHARS = 60
