"""Stage 9b: turn the kept blocks into sections (headings with their content) and a TOC."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

import regex

from .blocks import Block, BlockKind
from .model import Code, Content, ListBlock, Paragraph, Quote, Section, Table, TocEntry

_SLUG_DROP = regex.compile(r"[^\p{L}\p{N}\s-]+")
_SLUG_SPACE = regex.compile(r"[\s-]+")


def slug(text: str) -> str:
    """An anchor for a heading: lowercase words joined by hyphens."""
    return _SLUG_SPACE.sub("-", _SLUG_DROP.sub("", text.casefold())).strip("-")


def sections(blocks: Sequence[Block], *, tables: bool = True) -> tuple[Section, ...]:
    """Sections in order; the lead (content before the first heading) has heading None."""
    result: list[Section] = []
    heading: Block | None = None
    pending: list[Block] = []
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            if heading is not None or pending:
                result.append(_section(heading, pending, tables))
            heading, pending = block, []
        else:
            pending.append(block)
    if heading is not None or pending:
        result.append(_section(heading, pending, tables))
    return tuple(result)


def _section(heading: Block | None, blocks: list[Block], tables: bool) -> Section:
    if heading is None:
        return Section(None, 0, tuple(_content(blocks, tables)))
    anchor = heading.anchor or slug(heading.text)
    return Section(heading.text, heading.level or 2, tuple(_content(blocks, tables)), anchor)


def _content(blocks: list[Block], tables: bool) -> Iterator[Content]:
    def key(block: Block) -> tuple[BlockKind, int | None]:
        grouped = block.kind in (BlockKind.LIST_ITEM, BlockKind.CELL)
        return block.kind, block.group if grouped else id(block)

    for (kind, _), run in groupby(blocks, key=key):
        items = list(run)
        if kind is BlockKind.LIST_ITEM:
            yield ListBlock(tuple(b.text for b in items), ordered=items[0].ordered)
        elif kind is BlockKind.CELL:
            yield from _table(items, tables)
        elif kind is BlockKind.QUOTE:
            yield Quote(items[0].text)
        elif kind is BlockKind.CODE:
            yield Code(items[0].text)
        else:
            yield Paragraph(items[0].text)


def _table(cells: list[Block], tables: bool) -> Iterator[Content]:
    rows = [tuple(c.text for c in run) for _, run in groupby(cells, key=lambda c: c.row)]
    if tables and len(rows) >= 2 and max(len(r) for r in rows) >= 2:
        yield Table(tuple(rows), header=False)
    elif tables:
        yield from (Paragraph(" ".join(row)) for row in rows)


def toc_from_sections(parts: Sequence[Section]) -> tuple[TocEntry, ...]:
    """A table of contents derived from the section headings."""
    return tuple(
        TocEntry(s.heading, s.level, s.anchor or slug(s.heading)) for s in parts if s.heading
    )
