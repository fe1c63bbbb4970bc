"""Cut the cleaned tree into blocks in one pass over the elements.

Block-level elements start and end blocks; inline text accumulates into the innermost open
block. Every block records the element that owns it, its link text, and its structure (heading
level, list membership and depth, quote, preformatted, table cell). The same walk records what
rendering needs and the classifier never reads: inline links, the list item, table cell,
figure and ``pre`` a block lies in (shared context objects, see :mod:`cleannews.blocks`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex
from lxml import etree

from cleannews.blocks import (
    HEADING,
    Block,
    BlockKind,
    CellContext,
    CodeContext,
    FigureContext,
    ItemContext,
    ListContext,
    TableContext,
)
from cleannews.dom import BLOCK_TAGS, HEADING_LEVELS, Element, printable
from cleannews.html.compiled import walks

_WS = regex.compile(r"\s+")
_LANGUAGE = regex.compile(r"\b(?:language|lang)-([\w+#.-]+)|\bbrush:\s*([\w+#-]+)", regex.I)
_IMAGE_SOURCES = ("data-src", "data-lazy-src", "data-original", "src")
#: A list item with more blocks or characters than this is page layout, not a list item.
MAX_ITEM_BLOCKS = 6
MAX_ITEM_CHARS = 2000
#: A table cell with more text than this, or with paragraphs holding at least this much text,
#: makes its table a layout table.
MAX_CELL_CHARS = 400
MAX_CELL_PARAGRAPH_CHARS = 200


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
    # rendering context
    list_contexts: list[ListContext] = field(default_factory=list)
    items: list[ItemContext] = field(default_factory=list)
    tables: list[TableContext] = field(default_factory=list)
    cells: list[CellContext] = field(default_factory=list)
    thead_open: int = 0
    figures: list[FigureContext] = field(default_factory=list)
    caption_open: int = 0
    pending_figures: list[FigureContext] = field(default_factory=list)
    code: CodeContext | None = None
    quotes: int = 0
    #: Links being read: (href, block number, index in ``text`` where the link's text starts).
    open_links: list[tuple[str | None, int, int]] = field(default_factory=list)
    #: Number of the current block (flushes so far): a link's text starting in an earlier
    #: block continues from the start of this one.
    block_number: int = 0
    links: list[tuple[str, str]] = field(default_factory=list)


def segment(body: Element) -> list[Block]:
    """Blocks of ``body`` in document order."""
    walk = _Walk(owners=[body])
    compiled = walks()
    if compiled is not None:  # the same events, walked in C
        compiled.segment(body, walk, BLOCK_TAGS, _STARTS, _ENDS, _flush)
        _flush(walk)
        return walk.blocks
    parts, owners, starts, ends = walk.text, walk.owners, _STARTS, _ENDS
    # Elements only: comments and processing instructions that survived parsing are skipped
    # with their tails.
    for event, element in etree.iterwalk(body, events=("start", "end"), tag=etree.Element):
        tag = element.tag
        if event == "start":
            if tag in BLOCK_TAGS:  # a block element ends the open block and owns the next
                if parts:
                    _flush(walk)
                owners.append(element)
            handler = starts.get(tag)
            text = element.text
        else:
            if tag in BLOCK_TAGS:
                if parts:
                    _flush(walk)
                owners.pop()
            handler = ends.get(tag)
            text = element.tail
        if handler is not None:
            handler(walk, element)
        # Inline text goes to the innermost open block; leading white space is dropped at
        # once outside ``pre`` (the block's text collapses it anyway).
        if text and (parts or walk.pre_open or not text.isspace()):
            parts.append(text)
            if walk.links_open:
                walk.link_chars += len(text.strip())
    _flush(walk)
    return walk.blocks


# --- opening and closing block elements -------------------------------------------------------


def _open_list(walk: _Walk, element: Element) -> None:
    walk.lists.append(element)
    parent = walk.items[-1] if walk.items else None
    walk.list_contexts.append(ListContext(element.tag == "ol", parent))


def _close_list(walk: _Walk, element: Element) -> None:
    walk.lists.pop()
    walk.list_contexts.pop()


def _open_item(walk: _Walk, element: Element) -> None:
    if walk.list_contexts:
        quote = walk.quotes if walk.quote_open else None
        walk.items.append(ItemContext(walk.list_contexts[-1], element, quote))


def _close_item(walk: _Walk, element: Element) -> None:
    if walk.items and walk.items[-1].element is element:
        walk.items.pop()


def _open_pre(walk: _Walk, element: Element) -> None:
    walk.pre_open += 1
    if walk.pre_open == 1:
        walk.code = CodeContext(_language(element))


def _close_pre(walk: _Walk, element: Element) -> None:
    walk.pre_open -= 1
    if not walk.pre_open:
        walk.code = None


def _open_quote(walk: _Walk, element: Element) -> None:
    walk.quote_open += 1
    if walk.quote_open == 1:
        walk.quotes += 1


def _close_quote(walk: _Walk, element: Element) -> None:
    walk.quote_open -= 1


def _open_table(walk: _Walk, element: Element) -> None:
    if walk.cells:
        walk.cells[-1].table.nested = True
    layout = element.get("role") in ("presentation", "none")
    walk.tables.append(TableContext(layout=layout))


def _close_table(walk: _Walk, element: Element) -> None:
    if walk.tables:
        table = walk.tables.pop()
        if not table.data:  # a layout table: its wrapped cell texts are paragraphs again
            for block in table.wrapped:
                block.kind, block.row, block.group = BlockKind.PARAGRAPH, None, None


def _open_row(walk: _Walk, element: Element) -> None:
    walk.rows += 1
    if walk.tables:
        walk.tables[-1].column = 0


def _open_cell(walk: _Walk, element: Element) -> None:
    if not walk.tables:
        return
    table = walk.tables[-1]
    header = element.tag == "th" or walk.thead_open > 0
    table.header = table.header or header
    walk.cells.append(CellContext(table, walk.rows, table.column, header, element))
    span = element.get("colspan", "1")
    table.column += min(max(int(span), 1), 50) if span.isdigit() else 1


def _close_cell(walk: _Walk, element: Element) -> None:
    if walk.cells and walk.cells[-1].element is element:
        walk.cells.pop()


def _open_thead(walk: _Walk, element: Element) -> None:
    walk.thead_open += 1


def _close_thead(walk: _Walk, element: Element) -> None:
    walk.thead_open -= 1


def _open_heading(walk: _Walk, element: Element) -> None:
    if walk.items:
        walk.items[-1].layout = True
    if walk.cells:
        walk.cells[-1].table.layout = True


def _open_figure(walk: _Walk, element: Element) -> None:
    walk.figures.append(FigureContext())


def _close_figure(walk: _Walk, element: Element) -> None:
    figure = walk.figures.pop()
    if not figure.blocks and figure.images:
        walk.pending_figures.append(figure)  # no caption: it goes before the next block


def _open_caption(walk: _Walk, element: Element) -> None:
    walk.caption_open += 1


def _close_caption(walk: _Walk, element: Element) -> None:
    walk.caption_open -= 1


def _open_table_caption(walk: _Walk, element: Element) -> None:
    if walk.tables:
        walk.tables[-1].header = True


_Handler = Callable[[_Walk, Element], None]
_OPENERS: dict[str, _Handler] = {
    "ul": _open_list, "ol": _open_list, "li": _open_item, "pre": _open_pre,
    "blockquote": _open_quote, "table": _open_table, "tr": _open_row, "td": _open_cell,
    "th": _open_cell, "thead": _open_thead, "figure": _open_figure,
    "figcaption": _open_caption, "caption": _open_table_caption,
    **dict.fromkeys(HEADING_LEVELS, _open_heading),
}  # fmt: skip
_CLOSERS: dict[str, _Handler] = {
    "ul": _close_list, "ol": _close_list, "li": _close_item, "pre": _close_pre,
    "blockquote": _close_quote, "table": _close_table, "td": _close_cell, "th": _close_cell,
    "thead": _close_thead, "figure": _close_figure, "figcaption": _close_caption,
}  # fmt: skip


# --- inline elements --------------------------------------------------------------------------


def _open_link(walk: _Walk, element: Element) -> None:
    walk.links_open += 1
    walk.open_links.append((_href(element), walk.block_number, len(walk.text)))


def _open_image(walk: _Walk, element: Element) -> None:
    if walk.figures:
        _image(walk.figures[-1], element)


def _open_code(walk: _Walk, element: Element) -> None:
    if walk.code is not None and walk.code.language is None:
        walk.code.language = _language(element)


def _href(element: Element) -> str | None:
    href = (element.get("href") or "").strip()
    if not href or href.lower().startswith(("javascript:", "data:", "vbscript:")):
        return None
    return href


def _close_link(walk: _Walk, element: Element) -> None:
    walk.links_open -= 1
    if not walk.open_links:
        return
    href, number, start = walk.open_links.pop()
    if href is None:
        return
    if number != walk.block_number:
        start = 0  # the rest of the link's text is in this block
    text = " ".join("".join(walk.text[start:]).split())
    if text:
        walk.links.append((text, href))


#: What starting and ending an element does besides opening or closing a block and adding
#: text (most tags do nothing more).
_STARTS: dict[str, _Handler] = _OPENERS | {"a": _open_link, "img": _open_image, "code": _open_code}
_ENDS: dict[str, _Handler] = _CLOSERS | {"a": _close_link}


def _image(figure: FigureContext, element: Element) -> None:
    for name in _IMAGE_SOURCES:
        src = (element.get(name) or "").strip()
        if src and not src.startswith("data:"):
            figure.images.append((src, " ".join(element.get("alt", "").split())))
            return
    srcset = (element.get("srcset") or element.get("data-srcset") or "").split()
    if srcset:
        figure.images.append((srcset[0], " ".join(element.get("alt", "").split())))


def _language(element: Element) -> str | None:
    found = _LANGUAGE.search(element.get("class", ""))
    if found is not None:
        return (found.group(1) or found.group(2)).lower()
    declared = (element.get("data-lang") or "").strip().lower()
    return declared or None


# --- blocks ------------------------------------------------------------------------------------


def _flush(walk: _Walk) -> None:
    raw = "".join(walk.text)
    walk.text.clear()  # in place: the walk loop holds the list
    walk.block_number += 1  # the rest of an open link's text belongs to the next block
    text = printable(raw.strip("\n") if walk.pre_open else " ".join(raw.split()))
    link_chars, walk.link_chars = walk.link_chars, 0
    links = walk.links
    if links:  # (most blocks have none: no new list for them)
        walk.links = []
    if not text:
        return
    owner = walk.owners[-1]
    block = Block(
        text, link_chars=min(link_chars, len(text)), element=owner, ancestors=tuple(walk.owners)
    )
    _set_kind(walk, block, owner)
    if links:
        block.links = tuple(links)
    if _continues_heading(walk, block):
        return
    if (  # context to record (most blocks have none: no call for them)
        walk.items or walk.tables or walk.figures or walk.pre_open or walk.quote_open
    ) or walk.pending_figures:
        _context(walk, block)
    walk.blocks.append(block)


def _continues_heading(walk: _Walk, block: Block) -> bool:
    """A heading's text after a ``<br>`` inside it (``<h2>Designed to<br>be redesigned</h2>``)
    joins the heading's first block: a heading is one line however the page breaks it."""
    if block.kind is not HEADING or not walk.blocks:
        return False
    last = walk.blocks[-1]
    if last.element is not block.element or last.kind is not HEADING:
        return False
    last.text = f"{last.text} {block.text}"
    last.link_chars += block.link_chars
    if block.links:
        last.links = last.links + block.links
    return True


def _context(walk: _Walk, block: Block) -> None:
    """Record the list item, cell, figure, quote and ``pre`` the block lies in."""
    if walk.items:
        item = block.item = walk.items[-1]
        item.blocks += 1
        item.chars += len(block.text)
        if item.blocks > MAX_ITEM_BLOCKS or item.chars > MAX_ITEM_CHARS:
            item.layout = True
    if walk.tables:
        _table_context(walk, block)
    if walk.figures and (walk.caption_open or block.kind is BlockKind.CAPTION):
        block.figure = walk.figures[-1]
        block.figure.blocks += 1
    if walk.pre_open:
        block.code = walk.code
    if walk.quote_open:
        block.quote = walk.quotes
    if walk.pending_figures:
        block.figures_before = tuple(walk.pending_figures)
        walk.pending_figures = []


def _table_context(walk: _Walk, block: Block) -> None:
    """The table whose caption the block is, or the cell the block lies in (a cell holding
    prose makes its table a layout table)."""
    if block.kind is BlockKind.CAPTION and _tag(block.element) == "caption":
        block.caption_of = walk.tables[-1]
    elif walk.cells:
        cell = block.cell = walk.cells[-1]
        cell.chars += len(block.text)
        if block.kind is BlockKind.PARAGRAPH or _tag(block.element) in _CELL_WRAPPERS:
            cell.blocks += 1
        if cell.chars > MAX_CELL_CHARS or (
            cell.blocks > 1 and cell.chars > MAX_CELL_PARAGRAPH_CHARS
        ):
            cell.table.layout = True


def _tag(element: Element | None) -> str | None:
    return element.tag if element is not None else None


def _set_kind(walk: _Walk, block: Block, owner: Element) -> None:
    """The block's kind (and heading level, list or table group) by its owner and context."""
    tag = owner.tag
    if tag in HEADING_LEVELS:
        block.kind, block.level = HEADING, HEADING_LEVELS[tag]
        block.anchor = _anchor(owner)
    elif walk.pre_open:
        block.kind = BlockKind.CODE
    elif walk.quote_open and not _cell_in_quote(walk, tag):
        block.kind = BlockKind.QUOTE
    elif tag == "li" and walk.lists:
        current = walk.lists[-1]
        block.kind, block.level = BlockKind.LIST_ITEM, len(walk.lists) - 1
        block.group = walk.list_ids.setdefault(current, len(walk.list_ids))
        block.ordered = current.tag == "ol"
    elif tag in ("td", "th") or (  # or a div/p holding a cell's text in a table that still
        tag in _CELL_WRAPPERS and walk.cells and walk.cells[-1].table.data  # looks like data
    ):
        if tag in _CELL_WRAPPERS:  # undone if the table turns out a layout table
            walk.cells[-1].table.wrapped.append(block)
        table = next((el for el in reversed(walk.owners) if el.tag == "table"), None)
        block.kind, block.row = BlockKind.CELL, walk.rows
        if table is not None:
            block.group = walk.table_ids.setdefault(table, len(walk.table_ids))
    elif tag in ("figcaption", "caption"):
        block.kind = BlockKind.CAPTION


def _cell_in_quote(walk: _Walk, tag: str) -> bool:
    """A cell of a table quoted whole (the table lies inside the ``blockquote``): a cell of
    its table, judged and rendered with it, not a line of the quotation."""
    if tag not in ("td", "th") and not _wraps_cell(walk, tag):
        return False
    for owner in reversed(walk.owners):
        if owner.tag == "table":
            return True
        if owner.tag == "blockquote":
            return False
    return False


def _wraps_cell(walk: _Walk, tag: str) -> bool:
    """A ``div``/``p`` holding a cell's text in a table that still looks like data."""
    return tag in _CELL_WRAPPERS and bool(walk.cells) and walk.cells[-1].table.data


#: Block elements that wrap a table cell's text (``<td><div>71 MB</div></td>``): their
#: blocks are cells of the table, judged with it as a whole.
_CELL_WRAPPERS = frozenset({"div", "p"})


def _anchor(heading: Element) -> str | None:
    anchor = heading.get("id")
    if anchor:
        return anchor
    for inner in heading.iterdescendants():
        anchor = inner.get("id") or inner.get("name")
        if anchor:
            return anchor
    return None
