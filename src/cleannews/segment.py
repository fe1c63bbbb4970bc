"""Stage 4 (HTML): cut the cleaned tree into blocks in one pass over the elements.

Block-level elements start and end blocks; inline text accumulates into the innermost open
block. Every block records the element that owns it, its link text, and its structure (heading
level, list membership and depth, quote, preformatted, table cell).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from lxml import etree

from .blocks import Block, BlockKind
from .dom import Element

BLOCK_TAGS = frozenset(
    (
        "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 li ul ol dl dt "
        "dd blockquote pre table thead tbody tfoot tr td th caption figure figcaption form "
        "fieldset address hr br center details summary body hgroup"
    ).split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_WS = regex.compile(r"\s+")


@dataclass(slots=True)
class _Walk:
    """Running state of one walk over the tree."""

    blocks: list[Block] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    link_chars: int = 0
    links_open: int = 0
    pre_open: int = 0
    quote_open: int = 0
    lists: list[Element] = field(default_factory=list)
    owners: list[Element] = field(default_factory=list)
    list_ids: dict[Element, int] = field(default_factory=dict)
    table_ids: dict[Element, int] = field(default_factory=dict)
    rows: int = 0

    def add(self, text: str | None) -> None:
        if text:
            self.text.append(text)
            if self.links_open:
                self.link_chars += len(text.strip())


def segment(body: Element) -> list[Block]:
    """Blocks of ``body`` in document order."""
    walk = _Walk(owners=[body])
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue  # comments and processing instructions that survived parsing
        if event == "start":
            _start(walk, element, tag)
        else:
            _end(walk, element, tag)
    _flush(walk)
    return walk.blocks


def _start(walk: _Walk, element: Element, tag: str) -> None:
    if tag in BLOCK_TAGS:
        _flush(walk)
        walk.owners.append(element)
        if tag in ("ul", "ol"):
            walk.lists.append(element)
        elif tag == "pre":
            walk.pre_open += 1
        elif tag == "blockquote":
            walk.quote_open += 1
        elif tag == "tr":
            walk.rows += 1
    elif tag == "a":
        walk.links_open += 1
    walk.add(element.text)


def _end(walk: _Walk, element: Element, tag: str) -> None:
    if tag in BLOCK_TAGS:
        _flush(walk)
        walk.owners.pop()
        if tag in ("ul", "ol"):
            walk.lists.pop()
        elif tag == "pre":
            walk.pre_open -= 1
        elif tag == "blockquote":
            walk.quote_open -= 1
    elif tag == "a":
        walk.links_open -= 1
    walk.add(element.tail)


def _flush(walk: _Walk) -> None:
    if not walk.text:
        return
    raw = "".join(walk.text)
    text = raw.strip("\n") if walk.pre_open else " ".join(raw.split())
    link_chars, walk.text, walk.link_chars = walk.link_chars, [], 0
    if not text:
        return
    owner = walk.owners[-1]
    block = Block(
        text, link_chars=min(link_chars, len(text)), element=owner, ancestors=tuple(walk.owners)
    )
    _classify(walk, block, owner)
    walk.blocks.append(block)


def _classify(walk: _Walk, block: Block, owner: Element) -> None:
    tag = owner.tag
    if tag in _HEADINGS:
        block.kind, block.level = BlockKind.HEADING, _HEADINGS[tag]
        block.anchor = _anchor(owner)
    elif walk.pre_open:
        block.kind = BlockKind.CODE
    elif walk.quote_open:
        block.kind = BlockKind.QUOTE
    elif tag == "li" and walk.lists:
        current = walk.lists[-1]
        block.kind, block.level = BlockKind.LIST_ITEM, len(walk.lists) - 1
        block.group = walk.list_ids.setdefault(current, len(walk.list_ids))
        block.ordered = current.tag == "ol"
    elif tag in ("td", "th"):
        table = next((el for el in reversed(walk.owners) if el.tag == "table"), None)
        block.kind, block.row = BlockKind.CELL, walk.rows
        if table is not None:
            block.group = walk.table_ids.setdefault(table, len(walk.table_ids))
    elif tag in ("figcaption", "caption"):
        block.kind = BlockKind.CAPTION


def _anchor(heading: Element) -> str | None:
    anchor = heading.get("id")
    if anchor:
        return anchor
    for inner in heading.iterdescendants():
        anchor = inner.get("id") or inner.get("name")
        if anchor:
            return anchor
    return None
