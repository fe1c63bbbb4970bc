"""Find the headline among the blocks, and drop its echoes.

HTML: the h1 (else h2) that best matches the document title, preferring one in the main
content. Plain text finds its headline and frame around the main run instead
(:mod:`cleannews.text.frames`).
"""

from __future__ import annotations

from collections.abc import Sequence

from cleannews.blocks import Block, BlockKind, Label
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
        headings = [b for b in blocks if b.kind is BlockKind.HEADING and b.level == level]
        matching = [b for b in headings if any(_similar(normalise(b.text), w) for w in wanted)]
        pool = matching or (headings if level == 1 else [])
        inside = [b for b in pool if not b.dropped]
        if inside or pool:
            return (inside or pool)[0]
    return None


def mark_headline(blocks: Sequence[Block], headline: Block) -> None:
    """Label ``headline`` TITLE and drop the other copies of it."""
    headline.label = Label.TITLE
    key = normalise(headline.text)
    low, high = ECHO_SIMILARITY * len(headline.text) - 10, len(headline.text) / ECHO_SIMILARITY + 10
    for block in blocks:
        if block is headline or block.dropped or not low <= len(block.text) <= high:
            continue  # an echo has about the headline's length
        if _similar(normalise(block.text), key):
            block.drop("headline-echo", "repeats the headline")
