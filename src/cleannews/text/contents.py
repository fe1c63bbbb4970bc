"""The page's own table of contents in plain text and Markdown.

A contents label ("Table of Contents", "In this article", ``data/widgets.json``, or a line
the TOC-label rules drop) followed by a list, or by short heading-like lines, whose items
name the article's section headings below it is the page's TOC, as an
HTML page's contents box is (:mod:`cleannews.html.toc_box`): its entries become the
article's TOC (``TocSource.PAGE``, linked to the sections by title, or by the ``#anchor``
of a Markdown link). Read here when its lines were dropped with the frame above the headline,
where content farms print it (a list left in the body is read, and taken out of it, by
:mod:`cleannews.structure.toc`); a list that names fewer than ``MIN_NAMED`` headings, or less
than ``MIN_NAMED_SHARE`` of its items, is no TOC.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleannews.blocks import Block, BlockKind
from cleannews.model import TocEntry
from cleannews.rules.widgets import toc_labels
from cleannews.text.frames import key
from cleannews.text.lines import is_heading_like

#: A TOC names at least this many of the headings below it, and this share of its items.
MIN_NAMED = 2
MIN_NAMED_SHARE = 0.6


def page_toc(blocks: Sequence[Block]) -> tuple[TocEntry, ...]:
    """The entries of the first contents list, among the lines already dropped (a farm's
    header above the headline, a frame cut), that names the kept headings after it, or ()
    when the page has none."""
    for index, block in enumerate(blocks):
        if not _is_label(block):
            continue
        headings = {
            key(b.text) for b in blocks[index + 1 :] if b.live and b.kind is BlockKind.HEADING
        }
        items = _items_after(blocks, index + 1, headings)
        named = sum(1 for item in items if key(item.text) in headings)
        if any(item.live for item in items):
            continue  # a list left in the body: structure.toc reads it and takes it out
        if named >= MIN_NAMED and named >= MIN_NAMED_SHARE * len(items):
            return tuple(TocEntry(item.text, 2, _anchor(item)) for item in items)
    return ()


def _is_label(block: Block) -> bool:
    """A contents label, or a line the TOC-label rules dropped ("Article with TOC")."""
    return (
        block.rule.startswith("toc-artifact") or block.text.casefold().strip(" :") in toc_labels()
    )


def _items_after(blocks: Sequence[Block], start: int, headings: set[str]) -> list[Block]:
    """The entries that follow ``start`` without a break: list items, or heading-like lines
    (a TOC printed as plain lines) up to the last that names a heading (the headline's copy
    after the list is no entry)."""
    items: list[Block] = []
    for block in blocks[start:]:
        if block.kind is not BlockKind.LIST_ITEM and not is_heading_like(block.text):
            break
        items.append(block)
    if all(item.kind is BlockKind.LIST_ITEM for item in items):
        return items
    named = [i for i, item in enumerate(items) if key(item.text) in headings]
    return items[: named[-1] + 1] if named else []


def _anchor(item: Block) -> str:
    """The fragment a Markdown TOC entry links to ("#why-it-matters" -> "why-it-matters")."""
    return next((href[1:] for _, href in item.links if href.startswith("#")), "")
