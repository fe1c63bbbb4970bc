"""A content farm's frame on an HTML page: the headline printed more than once around
greetings and farewells.

Plain text finds the frame around the line model's main run (:mod:`cleannews.text.frames`);
an HTML page says more: its headline and the copies of it (``headline-echo``) are known
blocks. A page is framed like a farm when it prints its headline twice or more *and* shows a
farm's furniture: a paragraph the promo phrase rules dropped, or a reading-time line. Both
are needed: a shop's collection page prints its title twice above an intro in which "we"
talk to "you", and a blog's "5 min read" line stands under a headline printed once. Then:

- the article is the stretch between two copies (or after the last) holding the most prose;
  what lies above its copy is dropped when it holds no more prose than the article does, and
  so is everything from the next copy on (the closing echo and the farewell after it);
- paragraphs in which the site speaks to the reader about itself are dropped by structure
  (:func:`cleannews.rules.promo.structural_promo`), in any wording.
Prose is the live paragraphs' text, promo by structure left out (a farm's greetings can
outweigh a short article).
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from cleannews.blocks import TITLE, Block, BlockKind
from cleannews.rules.promo import edge_promo, site_names, states_reading_time, structural_promo

#: A farm prints its headline this many times or more (title, a copy under the reading
#: line, the article's own, the closing echo); an ordinary page's h1 and a breadcrumb or a
#: sticky header's copy make two.
MIN_COPIES = 3
#: A frame cut drops the header above the article's copy, or the footer from the closing
#: copy on, when it holds at most this share of the article's prose: a copy of the headline
#: inside the article (a pull quote, a caption) must not cut its second half away.
FRAME_SHARE = 0.5
_PROSE_KINDS = (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM)


def headline_copies(blocks: Sequence[Block]) -> list[int]:
    """Indices of the headline and of its echoes, in page order."""
    return [i for i, b in enumerate(blocks) if b.label is TITLE or b.rule == "headline-echo"]


def farm_framed(blocks: Sequence[Block], copies: Sequence[int]) -> bool:
    """True when the page prints its headline twice or more and shows a farm's furniture."""
    return len(copies) >= MIN_COPIES and any(map(_farm_furniture, blocks))


def _farm_furniture(block: Block) -> bool:
    """A paragraph the promo phrase rules dropped, or a line stating a reading time."""
    return block.rule == "promo" or states_reading_time(block)


def drop_farm_frame(blocks: Sequence[Block]) -> None:
    """Cut a farm-framed page to the article between its headline copies, with the site's
    promo by structure around it; on a page that prints its headline once but states a
    reading time, drop the greeting that opens the kept prose and the farewell that closes
    it (:func:`cleannews.rules.promo.edge_promo`). Nothing on other pages."""
    copies = headline_copies(blocks)
    if farm_framed(blocks, copies):
        _cut_to_article(blocks, copies)
    elif any(map(states_reading_time, blocks)):
        for block, reason in edge_promo(blocks, site_names(blocks)):
            block.drop("promo-structure", reason)


def _cut_to_article(blocks: Sequence[Block], copies: Sequence[int]) -> None:
    names = site_names(blocks)
    promo = {
        i: reason
        for i, b in enumerate(blocks)
        if b.live
        and b.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)
        and (reason := structural_promo(b.text, names)) is not None
    }
    ends = [*copies[1:], len(blocks)]
    stretches = [
        _prose(blocks, low + 1, high, promo) for low, high in zip(copies, ends, strict=True)
    ]
    best = max(range(len(stretches)), key=stretches.__getitem__)
    start, end = copies[best], ends[best]
    for i, reason in promo.items():
        if not start < i < end:
            blocks[i].drop("promo-structure", reason)
    article = stretches[best]
    if _prose(blocks, 0, start, promo) <= FRAME_SHARE * article:
        _drop_live(blocks[:start], "above-headline", "farm header above the article's headline")
    if end < len(blocks) and _prose(blocks, end, len(blocks), promo) <= FRAME_SHARE * article:
        _drop_live(blocks[end:], "after-headline-echo",
                   "farm footer from the closing headline echo on")  # fmt: skip


def _prose(blocks: Sequence[Block], low: int, high: int, promo: Container[int]) -> int:
    return sum(
        len(blocks[i].text)
        for i in range(low, high)
        if blocks[i].live and blocks[i].kind in _PROSE_KINDS and i not in promo
    )


def _drop_live(blocks: Sequence[Block], rule: str, reason: str) -> None:
    for block in blocks:
        if block.live:
            block.drop(rule, reason)
