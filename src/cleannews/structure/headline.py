"""Find the headline among the blocks, and drop its echoes.

HTML: the h1 (else h2) that best matches the document title, preferring one in the main
content. Plain text finds its headline and frame around the main run instead
(:mod:`cleannews.text.frames`).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleannews.blocks import HEADING, PARAGRAPH, TITLE, Block
from cleannews.dom import Element
from cleannews.words import normalise

#: A line is an echo of the headline when their word sets overlap this much, and the
#: shorter of the two is at least this share of the longer.
ECHO_SIMILARITY = 0.8


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < ECHO_SIMILARITY * len(longer):
        return False  # a paragraph that merely starts with the headline is not an echo
    if len(shorter) > 15 and shorter in longer:
        return True  # the headline with a site name or a label around it
    words_a, words_b = set(a.split()), set(b.split())
    return len(words_a & words_b) / max(len(words_a), len(words_b)) >= ECHO_SIMILARITY


def html_headline(blocks: Sequence[Block], titles: Sequence[str]) -> Block | None:
    """The heading block that is the page's headline, or None.

    ``titles`` are the page's own titles (<title>, og:title, JSON-LD headline...): an h1 (else
    an h2) that matches one of them wins; with no match, the first h1.
    """
    wanted = [normalise(t) for t in titles if t]
    for level in (1, 2):
        headings = [b for b in blocks if b.kind is HEADING and b.level == level]
        matching = [b for b in headings if any(_similar(normalise(b.text), w) for w in wanted)]
        pool = matching or (headings if level == 1 else [])
        inside = [b for b in pool if not b.dropped]
        if inside or pool:
            return (inside or pool)[0]
    return None


def mark_headline(blocks: Sequence[Block], headline: Block) -> None:
    """Label ``headline`` TITLE and drop the other copies of it."""
    headline.label = TITLE
    key = normalise(headline.text)
    low, high = ECHO_SIMILARITY * len(headline.text) - 10, len(headline.text) / ECHO_SIMILARITY + 10
    for block in blocks:
        if block is headline or block.dropped or not low <= len(block.text) <= high:
            continue  # an echo has about the headline's length
        if _similar(normalise(block.text), key):
            block.drop("headline-echo", "repeats the headline")


#: A headline names the title when this share of its word characters are words of the title.
TITLE_WORDS_SHARE = 0.75


def names_title(headline: str, title: str) -> bool:
    """True when the ``headline`` says what ``title`` says: one holds the other, or most of
    the headline's word characters are words of the title (after Readability's test of a
    heading that duplicates the title)."""
    a, b = headline.casefold(), title.casefold()
    if a in b or b in a:
        return True
    words = regex.findall(r"\w+", a)
    known = set(regex.findall(r"\w+", b))
    total = sum(map(len, words))
    return sum(len(w) for w in words if w in known) >= TITLE_WORDS_SHARE * total


def keep_unlike_headline(blocks: Sequence[Block], headline: Block, title: str | None) -> None:
    """Give ``headline`` back to the body when the article's title says something else and
    the headline stands among the body's paragraphs (one parent holds it and a kept
    paragraph): it is then the body's first heading, not the title."""
    if not title or headline.label is not TITLE or names_title(headline.text, title):
        return
    if len(headline.ancestors) > 1 and _among_paragraphs(blocks, headline.ancestors[-2]):
        headline.restore()


def _among_paragraphs(blocks: Sequence[Block], parent: Element) -> bool:
    """True when ``parent`` holds a kept paragraph as a child."""
    return any(
        b.live and b.kind is PARAGRAPH and len(b.ancestors) > 1 and b.ancestors[-2] is parent
        for b in blocks
    )
