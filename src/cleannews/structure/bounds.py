"""Where the article's body starts and ends among the kept blocks.

The body run goes from the first body paragraph (prose of more than ``BODY_WORDS`` words) to
the last. Blocks outside it, the header above the first paragraph and the trailer below the
last, are where sites put what frames an article rather than telling it, so there they must
earn their place:

- a short block that an edge rule of ``data/boilerplate/*.json`` matches is dropped
  (newsletter and follow prompts, affiliate disclosures, comment-policy notes, print-edition
  notes); inside the run the same words are the article's own and are never touched;
- below the last body paragraph, what an element whose class/id names an author box holds
  (a bio, a profile, "about the author") is dropped, unless that box holds the body;
- before the first or after the last body paragraph, what an element whose class/id names a
  disclosure or disclaimer holds is dropped, unless that element holds either paragraph;
- above a headline that heads the body, short lines and list items (kickers, breadcrumbs,
  shop banners) are dropped; headings, table cells and longer paragraphs stay.

The header's bylines and date lines go to the metadata (``metadata.body.drop_header_lines``,
which needs the date parser of a later stage).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from cleannews.blocks import LIVE_LABELS, PARAGRAPH, Block, BlockKind, Label
from cleannews.dom import Element
from cleannews.rules.concepts import attrs_of, concepts_of
from cleannews.rules.loader import PhraseRule, RuleKind, possible_rules
from cleannews.words import longer_than

#: A body paragraph has more words than this (a byline, date line or dek has fewer).
BODY_WORDS = 30
#: Edge rules never drop code or table cells (members read once: ``cleannews.blocks``).
_NO_EDGE_RULES = (BlockKind.CODE, BlockKind.CELL)
_EDGE = RuleKind.EDGE


def is_body_paragraph(block: Block) -> bool:
    """A paragraph long enough to be the article's prose rather than its furniture."""
    return block.kind is PARAGRAPH and longer_than(block.text, BODY_WORDS)


class BodyRun(NamedTuple):
    """Indices (into the blocks given) of the first and last live body paragraph."""

    first: int
    last: int


def body_run(blocks: Sequence[Block]) -> BodyRun | None:
    """The span of the live body paragraphs, None when the page has none (searched from
    either end: the blocks between the two are never looked at; ``Block.live`` read without
    a call for each block, as five stages ask for the run)."""
    first = next(
        (i for i, b in enumerate(blocks) if b.label in LIVE_LABELS and is_body_paragraph(b)),
        None,
    )
    if first is None:
        return None
    last = next(
        i
        for i in range(len(blocks) - 1, first - 1, -1)
        if blocks[i].label in LIVE_LABELS and is_body_paragraph(blocks[i])
    )
    return BodyRun(first, last)


#: The headline heads the body when the first body paragraph follows within this many blocks.
HEADLINE_TO_BODY = 8
#: Above such a headline, lines of at most this many words are page furniture.
MAX_ABOVE_HEADLINE_WORDS = 12
_FURNITURE_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


def drop_above_headline(blocks: Sequence[Block]) -> None:
    """Short lines and list items above a headline that heads the body: a kicker, a
    breadcrumb, a shop banner or a search prompt, not the article (headings above it, table
    cells and longer paragraphs are left to the classifier's verdict)."""
    run = body_run(blocks)
    title = next((i for i, b in enumerate(blocks) if b.label is Label.TITLE), None)
    if run is None or title is None or not 0 < run.first - title <= HEADLINE_TO_BODY:
        return
    for block in blocks[:title]:
        if not block.live or block.kind not in _FURNITURE_KINDS:
            continue
        if not longer_than(block.text, MAX_ABOVE_HEADLINE_WORDS):
            block.drop("above-headline", "short line above the headline (page furniture)")


def drop_edges(blocks: Sequence[Block], *, trailer_only: bool = False) -> None:
    """Short blocks before the first or after the last body paragraph that an edge rule
    matches (a prompt or notice framing the article); with ``trailer_only``, after the last
    only (the text pipeline's: above the first long paragraph of a flattened page stand the
    lead's short paragraphs, which the line model's run already weighed)."""
    run = body_run(blocks)
    if run is None:
        return  # no prose to frame: a listing or a form page is judged as it is
    low = 0 if trailer_only else run.first  # the blocks from ``low`` to the last are left
    for index, block in enumerate(blocks):
        if low <= index <= run.last or not block.live:
            continue
        if block.kind in _NO_EDGE_RULES:
            continue
        rule = edge_rule(block.text)
        if rule is not None:
            block.drop(rule.id, rule.reason)


def edge_rule(text: str) -> PhraseRule | None:
    """The first edge rule that matches ``text``, or None."""
    return next((rule for rule in possible_rules(_EDGE, text) if rule.matches(text)), None)


#: The class/id concept (``data/class_tokens.json``) of the boxes about an article's author.
AUTHOR_BOX_CONCEPT = "author_box"


def drop_trailing_author_boxes(blocks: Sequence[Block]) -> None:
    """Blocks below the last body paragraph inside a box: an element whose class/id names an
    author box (a bio, a profile) and that holds neither the first body paragraph nor more
    than one body paragraph (an article wrapped in such an element), and whose tag and class
    no other element of the page repeats (each card of a listing has its author line). What
    the site prints about the author, not the article. A long bio is no body paragraph: the
    body ends at the last one outside such boxes."""
    run = body_run(blocks)
    if run is None:
        return
    shared = set(blocks[run.first].ancestors)
    seen: dict[Element, bool] = {}
    boxes = [
        _box(block.ancestors, shared, AUTHOR_BOX_CONCEPT, seen) if i > run.first else None
        for i, block in enumerate(blocks)
    ]
    if not any(box is not None for box in boxes):
        return  # most pages: no author box at all, nothing more to weigh
    paragraphs = [b for b in blocks[run.first : run.last + 1] if b.live and is_body_paragraph(b)]
    held = Counter(element for block in paragraphs for element in block.ancestors)
    kinds = _kinds(blocks)
    furniture = [
        box is not None and held[box] <= 1 and kinds[_kind(box)] == 1 and block.live
        for block, box in zip(blocks, boxes, strict=True)
    ]
    last = max(i for i in range(run.first, run.last + 1) if _ends_body(blocks[i], furniture[i]))
    for block, named in zip(blocks[last + 1 :], furniture[last + 1 :], strict=True):
        if named:
            block.drop("author-box", "author box below the article")


def _ends_body(block: Block, furniture: bool) -> bool:
    return block.live and is_body_paragraph(block) and not furniture


def _box(
    ancestors: Sequence[Element], shared: set[Element], concept: str, seen: dict[Element, bool]
) -> Element | None:
    """The nearest ancestor named by ``concept``, and not also content (``entry-content
    author-bio``), below the ones shared with the body, if any. ``seen`` remembers each
    element's verdict for one page (its blocks share most of their ancestors)."""
    for element in reversed(ancestors):
        if element in shared:
            return None
        named = seen.get(element)
        if named is None:
            concepts = concepts_of(attrs_of(element))
            named = seen[element] = concept in concepts.names and concepts.weight <= 0
        if named:
            return element
    return None


def _kinds(blocks: Sequence[Block]) -> Counter[tuple[str, str]]:
    """How many elements of each tag and class the blocks lie in."""
    return Counter(map(_kind, {element for block in blocks for element in block.ancestors}))


def _kind(element: Element) -> tuple[str, str]:
    return (element.tag, element.get("class", ""))


#: The class/id concept (``data/class_tokens.json``) of disclosure and disclaimer notes.
DISCLOSURE_CONCEPT = "disclosure"


def drop_edge_disclosures(blocks: Sequence[Block]) -> None:
    """Blocks before the first or after the last body paragraph inside an element whose
    class/id names a disclosure or disclaimer (affiliate, advertising, editorial notes),
    that holds neither paragraph, and whose tag and class no other element of the page
    repeats: a notice framing the article in any language (the edge rules read its words
    in a few)."""
    run = body_run(blocks)
    if run is None:
        return
    shared = set(blocks[run.first].ancestors) | set(blocks[run.last].ancestors)
    seen: dict[Element, bool] = {}
    outside = [
        (block, _box(block.ancestors, shared, DISCLOSURE_CONCEPT, seen))
        for index, block in enumerate(blocks)
        if block.live and not run.first <= index <= run.last
    ]
    boxed = [(block, box) for block, box in outside if box is not None]
    if not boxed:
        return  # most pages: no disclosure box, no need to count the page's elements
    kinds = _kinds(blocks)
    for block, box in boxed:
        if kinds[_kind(box)] == 1:
            block.drop("disclosure-box", "disclosure or disclaimer outside the article's body")
