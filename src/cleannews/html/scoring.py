"""A content score per block, and per candidate container (side table).

Block score (after Readability's paragraph score): long, comma-rich, sentence-like text
with few links scores high; short or link-heavy text scores nothing. Container scores add the
block scores to the owner's ancestors with decaying weight, plus tag and class/id priors, and
are scaled down by the container's link density.
"""

from __future__ import annotations

from collections.abc import Iterable

from cleannews.blocks import Block, BlockKind
from cleannews.dom import BLOCK_TAGS, PARAGRAPH_TAGS, Element
from cleannews.rules.concepts import attrs_of, concepts_of

#: Blocks shorter than this (characters) carry no container score.
MIN_SCORED_CHARS = 25
#: How far up the tree a block's score travels, and with what weight at each step.
ANCESTOR_WEIGHTS = (1.0, 0.5, 1 / 6, 1 / 9, 1 / 12)
#: Score of a container by its own tag, before its content (Readability's priors).
TAG_PRIORS = {
    "article": 10.0, "main": 8.0, "section": 3.0, "div": 5.0, "td": 3.0, "pre": 3.0,
    "blockquote": 3.0, "body": -5.0, "form": -3.0, "ol": -3.0, "ul": -3.0, "dl": -3.0,
    "li": -3.0, "header": -5.0, "h1": -5.0, "h2": -5.0, "h3": -5.0, "th": -5.0,
}  # fmt: skip
#: Weight of a class/id hint point in a container's prior.
CLASS_WEIGHT = 25.0
_SCORED_KINDS = frozenset(
    {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.CODE, BlockKind.CELL}
)


def score_blocks(blocks: Iterable[Block]) -> None:
    """Set ``Block.score`` from the block's features."""
    for block in blocks:
        f = block.features
        if block.kind not in _SCORED_KINDS or f.chars < MIN_SCORED_CHARS:
            block.score = 0.0
            continue
        base = 1.0 + f.commas + min(f.chars / 100.0, 3.0)
        block.score = base * max(0.0, 1.0 - 1.5 * f.link_density)


def container_scores(blocks: Iterable[Block]) -> dict[Element, float]:
    """Side table: candidate container -> score (before link-density scaling)."""
    scores: dict[Element, float] = {}
    for block in blocks:
        score = block.score
        if score <= 0 or not block.ancestors:
            continue
        chain = block.ancestors[:_REACH:-1]  # nearest first, no further than the weights go
        if len(chain) > 1 and _is_paragraph(chain[0]):
            chain = chain[1:]
        for weight, element in zip(ANCESTOR_WEIGHTS, chain, strict=False):
            current = scores.get(element)
            if current is None:
                current = container_prior(element)
            scores[element] = current + score * weight
    return scores


#: ``ancestors[:_REACH:-1]``: the nearest ancestors, one more than there are weights (the
#: owner may be skipped as a paragraph).
_REACH = -len(ANCESTOR_WEIGHTS) - 2


def _is_paragraph(owner: Element) -> bool:
    """A paragraph-like tag, or a container with only inline content (a div used as a p)."""
    if owner.tag in PARAGRAPH_TAGS:
        return True
    return not any(child.tag in BLOCK_TAGS for child in owner)


def container_prior(element: Element) -> float:
    """Score a container has by its tag, class/id and schema.org markup alone."""
    prior = TAG_PRIORS.get(element.tag, 0.0)
    attrs = attrs_of(element)
    if attrs.strip():
        prior += CLASS_WEIGHT * max(-1.0, min(1.0, concepts_of(attrs).weight))
    if element.get("itemprop", "").lower() == "articlebody":
        prior += CLASS_WEIGHT
    return prior
