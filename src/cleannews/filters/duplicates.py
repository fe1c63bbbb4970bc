"""Paragraphs the page repeats: one copy stays, the others go to the boilerplate report.

A page repeats a paragraph for two reasons. Layout copies: the standfirst again as a heading,
a caption under the picture and in the text, a consent or promo notice in two places, the
article body printed twice for two screen sizes. Written repetition: a refrain, a test page's
Lorem ipsum, a sentence a text says twice, one term under each of several offers built alike.

Two passes. The first (``drop_repeated_paragraphs``, before the body is assembled) drops
copies in different structural roles: another block kind, or another path of tags and
classes below the element the copies share. The last (``keep_first_copies``, from the
pipeline's assembly, HTML and text alike; ``Options(repeats=True)`` skips it) keeps each
60+-character paragraph once whatever its markup, but leaves what is written twice: a copy
echoed in its original's passage (same parent element, not part of a passage printed again)
and a field of records that differ otherwise (the offers' terms). Readability's references
keep every written copy; the benchmarks score that corpus with ``repeats=True``
(``benchmarks.corpora.REPEATS_IN_REFERENCE``). Text has no elements: there the last pass
keeps every paragraph once. Two paragraphs are the same paragraph when their texts are,
white space collapsed and case folded (``paragraph_key``).

A thread's post signatures are a third kind: the same markup under every post, so not layout
copies, and not written into the text either. They are dropped where two or more elements
of the page are named as signatures (rule ``signature``).
"""

from __future__ import annotations

from collections.abc import Sequence

from cleannews.blocks import CAPTION, CELL, CODE, HEADING, Block, BlockKind
from cleannews.dom import Element
from cleannews.filters.boilerplate import live
from cleannews.rules.concepts import attrs_of
from cleannews.rules.widgets import names_signature

#: Paragraphs shorter than this (characters) are labels and lines, left to other rules.
MIN_REPEATED_CHARS = 60
#: A copy with more of its text in links than this is a link to the text, not the text.
LINKED_SHARE = 0.5
#: Kinds whose repeated lines are the content (table rows, code).
_DATA_KINDS = frozenset({BlockKind.CELL, BlockKind.CODE})


#: A page with this many elements named as signatures is a thread whose posts are signed.
MIN_SIGNATURES = 2


def drop_thread_signatures(blocks: Sequence[Block]) -> None:
    """Drop the blocks of post signatures (elements named by a signature word) when the page
    holds MIN_SIGNATURES+ of them: each post of a thread repeats its author's signature. Blocks
    of the same text elsewhere (a signature a post typed in) go too. A single element so named
    is left alone (some articles name their byline so)."""
    found: dict[Element, Element | None] = {}
    signed = [(b, s) for b in live(blocks) if (s := _signature(b, found)) is not None]
    if len({s for _, s in signed}) < MIN_SIGNATURES:
        return
    texts = {paragraph_key(b.text) for b, _ in signed}
    for block in live(blocks):  # the signed blocks, and the signatures a post wrote unmarked
        if paragraph_key(block.text) in texts:
            block.drop("signature", "a post's signature (the thread repeats one under each post)")


def _signature(block: Block, found: dict[Element, Element | None]) -> Element | None:
    """The innermost ancestor of ``block`` named as a signature, None if none is.
    ``found`` remembers the same for each ancestor (blocks share their outer ancestors, and
    an element's block-level ancestors are the same for every block below it)."""
    ancestors = block.ancestors
    start = len(ancestors)
    while start > 0 and ancestors[start - 1] not in found:
        start -= 1
    innermost = found[ancestors[start - 1]] if start > 0 else None
    for element in ancestors[start:]:
        if names_signature(attrs_of(element)):
            innermost = element
        found[element] = innermost
    return innermost


def drop_repeated_paragraphs(blocks: Sequence[Block]) -> None:
    """Keep one copy of each paragraph of MIN_REPEATED_CHARS+ characters the page repeats in
    another structural role; drop the others."""
    kept = [b for b in live(blocks) if b.kind not in _DATA_KINDS]
    first: dict[str, Block] = {}
    copies: list[tuple[Block, Block]] = []  # (later copy, the copy kept)
    previous: Block | None = None
    for block in kept:
        before, previous = previous, block
        if len(block.text) < MIN_REPEATED_CHARS:
            continue
        key = paragraph_key(block.text)
        keeper = first.get(key)
        if keeper is None or (keeper is before and _siblings(keeper, block)):
            first[key] = block  # an echo right beside its original is written, not layout
        else:
            copies.append((block, keeper))
    for copy, keeper in copies:
        if not _same_role(copy, keeper):
            _drop_copy(copy, keeper)


def _drop_copy(copy: Block, keeper: Block) -> None:
    """Drop one of two copies: the later, unless only the earlier is a caption or a link
    (the body's copy is the one to keep, not the picture's or the teaser's)."""
    if _caption(keeper) > _caption(copy) or _linked(keeper) > _linked(copy):
        copy, keeper = keeper, copy
    copy.drop("duplicate", f"repeated paragraph (a copy stays: {keeper.text[:40]!r}...)")


def _linked(block: Block) -> bool:
    """True when most of the block's text is link text (a teaser's or a menu's copy)."""
    return block.link_density > LINKED_SHARE


def _caption(block: Block) -> bool:
    return block.kind is CAPTION or block.figure is not None


def _siblings(a: Block, b: Block) -> bool:
    """True when the two blocks' elements share a parent element."""
    return len(a.ancestors) > 1 and len(b.ancestors) > 1 and a.ancestors[-2] is b.ancestors[-2]


def _same_role(a: Block, b: Block) -> bool:
    """True when the two blocks have one kind and the same path of tags and classes below
    the deepest block-level element they share."""
    if a.kind is not b.kind:
        return False
    if a.element is None or b.element is None:
        return a.element is b.element
    shared = _shared_depth(a, b)
    path_a, path_b = a.ancestors[shared:], b.ancestors[shared:]
    return len(path_a) == len(path_b) and all(map(_alike, path_a, path_b))


def _shared_depth(a: Block, b: Block) -> int:
    """How many block-level ancestors, from the outermost, the two blocks share."""
    shared = 0
    for x, y in zip(a.ancestors, b.ancestors, strict=False):
        if x is not y:
            break
        shared += 1
    return shared


def _alike(a: Element, b: Element) -> bool:
    return a.tag == b.tag and a.get("class") == b.get("class")


def keep_first_copies(blocks: Sequence[Block], *, captions: bool) -> None:
    """Every repeat the page prints kept once (the default; ``Options(repeats=True)`` skips
    this), once every other verdict is in: of each paragraph, heading, list item or quotation
    of MIN_REPEATED_CHARS+ characters the body still holds twice or more, the first copy stays
    and the later ones go (rule ``duplicate``), copies in one role too (a passage printed
    twice in the same markup, a banner in two places). What is written twice stays: a copy
    echoed in its original's passage (``_written``) and a field of records that differ
    otherwise (one term under each of several offers, ``_record_field``). Cells of a data
    table and code are data, where repeated lines are the content; a layout table's cells are
    text. Captions count only when they are body text (``captions``)."""
    counted = [b for b in live(blocks) if _counted(b, captions)]
    first: dict[str, Block] = {}
    keepers = [first.setdefault(paragraph_key(b.text), b) for b in counted]
    records: dict[Element, list[str]] | None = None
    for n, (block, keeper) in enumerate(zip(counted, keepers, strict=True)):
        if keeper is block or _written(n, counted, keepers):
            continue
        records = _element_texts(blocks) if records is None else records
        if not _record_field(keeper, block, records):
            text = keeper.text[:40]
            block.drop("duplicate", f"repeated paragraph, kept once (first: {text!r}...)")


def _written(n: int, counted: Sequence[Block], keepers: Sequence[Block]) -> bool:
    """True when the copy ``counted[n]`` is written again in its original's passage (a
    refrain, a sentence a text repeats): a paragraph (a heading twice is a label) in the same
    parent element as the copy kept, and no neighbour a later copy of another paragraph (that
    would be a passage printed again)."""
    block, keeper = counted[n], keepers[n]
    if block.kind is HEADING or not _siblings(keeper, block):
        return False
    around = [m for m in (n - 1, n + 1) if 0 <= m < len(counted)]
    return not any(keepers[m] is not counted[m] and keepers[m] is not keeper for m in around)


def _record_field(a: Block, b: Block, records: dict[Element, list[str]]) -> bool:
    """True when the two copies lie in two different elements below the deepest block-level
    element they share (two offers, cards, tabs, posts) and those elements' texts differ
    (``records``, kept blocks or not: a card's dropped title tells it from the next): the
    paragraph is written into each record, not the record printed twice."""
    depth = _shared_depth(a, b)
    if depth >= len(a.ancestors) or depth >= len(b.ancestors):
        return False
    return records[a.ancestors[depth]] != records[b.ancestors[depth]]


def _element_texts(blocks: Sequence[Block]) -> dict[Element, list[str]]:
    """The texts of every block-level element: the keys of the blocks inside it, in order
    (one string object per key, so that comparing two elements' texts compares pointers)."""
    texts: dict[Element, list[str]] = {}
    keys: dict[str, str] = {}
    for block in blocks:
        key = paragraph_key(block.text)
        key = keys.setdefault(key, key)
        for element in block.ancestors:
            texts.setdefault(element, []).append(key)
    return texts


def paragraph_key(text: str) -> str:
    """What makes two paragraphs the same paragraph: their text, white space collapsed and
    case folded."""
    return " ".join(text.split()).casefold()


def _counted(block: Block, captions: bool) -> bool:
    """True for a block of body text long enough to count as a repeated paragraph."""
    if len(block.text) < MIN_REPEATED_CHARS or _data(block):
        return False
    return captions or not _caption(block)


def _data(block: Block) -> bool:
    """True for code and the cells of a data table (a layout table's cells are paragraphs)."""
    if block.kind is CODE:
        return True
    if block.cell is not None:
        return block.cell.table.data
    return block.kind is CELL
