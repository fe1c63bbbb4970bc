"""Turn the kept blocks into sections (headings with their content) and a TOC.

Consecutive blocks that share a structure context become one node: the cells of a data table
become a :class:`Table` (cells placed by column, header row from ``th``/``thead``), the items
of a list and of the lists nested in it one :class:`ListBlock` tree, the paragraphs of one
``blockquote`` one :class:`Quote`, the pieces of one ``pre`` one :class:`Code`, a figure's
caption and images one :class:`Figure`. Links and image sources are resolved against the
page URL (or its ``<base href>``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin

from cleannews.blocks import (
    CAPTION,
    CELL,
    CLASSIFIER_RULE,
    CODE,
    HEADING,
    LIST_ITEM,
    QUOTE,
    Block,
    BlockKind,
    FigureContext,
    ItemContext,
    ListContext,
)
from cleannews.dom import Element
from cleannews.model import (
    Code,
    Content,
    Figure,
    Image,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Section,
    Table,
    TocEntry,
)
from cleannews.rules.concepts import element_concepts
from cleannews.rules.diskcache import compile_pattern

_SLUG_DROP = compile_pattern(r"[^\p{L}\p{N}\s-]+")
_SLUG_SPACE = compile_pattern(r"[\s-]+")
_PROSE = (BlockKind.PARAGRAPH, BlockKind.QUOTE)
_PERMALINK = compile_pattern(r"\s*[¶🔗]\s*$|\s+#$")


def slug(text: str) -> str:
    """An anchor for a heading: lowercase words joined by hyphens."""
    return _SLUG_SPACE.sub("-", _SLUG_DROP.sub("", text.casefold())).strip("-")


def document_base(root: Element, url: str | None) -> str | None:
    """The URL relative links resolve against: ``<base href>`` (resolved against ``url``)."""
    head = root.find("head")
    base = head.find("base") if head is not None else None
    href = (base.get("href") or "").strip() if base is not None else ""
    if not href:
        return url
    return resolve(href, url) if url else href


def resolve(href: str, base: str | None) -> str:
    """``href`` made absolute against ``base``; in-page fragments stay as they are."""
    if not base or href.startswith("#"):
        return href
    try:
        return urljoin(base, href)
    except ValueError:  # a malformed URL (bad IPv6 literal, ...): keep it as written
        return href


def sections(
    blocks: Sequence[Block], *, tables: bool = True, base: str | None = None
) -> tuple[Section, ...]:
    """Sections in order; the lead (content before the first heading) has heading None."""
    result: list[Section] = []
    heading: Block | None = None
    pending: list[Block] = []
    for block in blocks:
        if block.kind is HEADING:
            if heading is not None or pending or block.figures_before:
                section = _section(heading, pending, tables, base)
                result.append(_with_figures(section, block.figures_before, base))
            heading, pending = block, []
        else:
            pending.append(block)
    if heading is not None or pending:
        result.append(_section(heading, pending, tables, base))
    return tuple(result)


def _section(heading: Block | None, blocks: list[Block], tables: bool, base: str | None) -> Section:
    content = tuple(_content(blocks, tables, base))
    if heading is None:
        return Section(None, 0, content)
    anchor = heading.anchor or slug(heading.text)
    return Section(_heading_text(heading.text), heading.level or 2, content, anchor)


def _heading_text(text: str) -> str:
    """A heading without the permalink mark themes append to it ("Setup ¶")."""
    return _PERMALINK.sub("", text) or text


def _with_figures(
    section: Section, figures: tuple[FigureContext, ...], base: str | None
) -> Section:
    """The section with the caption-less figures that stood just before the next heading."""
    if not figures:
        return section
    extra = tuple(_figure(figure, [], base) for figure in figures)
    return Section(section.heading, section.level, section.content + extra, section.anchor)


def _content(
    blocks: list[Block], tables: bool, base: str | None, quoted: bool = False
) -> Iterator[Content]:
    """Content nodes: runs of blocks sharing a structure context become one node each."""
    run: list[Block] = []
    key: Hashable = None
    for block in blocks:
        unit = _unit(block, quoted)
        if run and (block.figures_before or unit is None or unit != key):
            yield from _node(key, run, tables, base)
            run = []
        for figure in block.figures_before:
            yield _figure(figure, [], base)
        run.append(block)
        key = unit
    if run:
        yield from _node(key, run, tables, base)


def _unit(block: Block, quoted: bool) -> Hashable:
    """What the block belongs to: blocks with equal units make one node; None stands alone.

    Inside a quotation (``quoted``), the quotation's own blocks are read for lists again.
    """
    kind = block.kind
    if kind is CODE:
        return ("code", block.code if block.code is not None else id(block))
    if block.cell is not None and block.cell.table.data:
        return ("table", block.cell.table)
    if block.caption_of is not None and block.caption_of.data:
        return ("table", block.caption_of)
    if kind is CELL and block.cell is None and block.group is not None:
        return ("table", block.group)  # blocks made without context (tests, other stages)
    if kind is QUOTE and not quoted:
        return ("quote", block.quote if block.quote is not None else id(block))
    if kind is LIST_ITEM or (kind in _PROSE and block.item is not None and not block.item.layout):
        chain = _chain(block)
        if chain:
            return ("list", chain[0].list)
        if kind is LIST_ITEM:
            return ("levels", block.group)
    if block.figure is not None and block.figure.images:
        return ("figure", block.figure)
    caption = caption_owner(block)
    return None if caption is None else ("caption", caption)


#: A block named a caption by class is one up to this long (characters); longer, it is text.
CAPTION_MAX_CHARS = 400
#: How many of a block's nearest block-level ancestors (its own element first) are asked.
CAPTION_DEPTH = 2
_CAPTION_KINDS = (BlockKind.PARAGRAPH, BlockKind.CAPTION)


def caption_owner(block: Block) -> Element | None:
    """The element whose text the block captions: a ``<figcaption>`` whose picture was not
    kept, or an element a few levels up whose class/id names a caption or photo credit
    (``wp-caption-text``, ``image-credit``), holds little text and stands by a picture (a
    design system's ``caption-s`` type style or a container's ``[&_figcaption]:mt-xs``
    utility class names no caption); None for other blocks."""
    if block.kind is CAPTION and _tag(block.element) == "figcaption":
        return block.element
    if block.kind not in _CAPTION_KINDS or len(block.text) > CAPTION_MAX_CHARS:
        return None
    for element in reversed(block.ancestors[-CAPTION_DEPTH:]):
        if CAPTION_CONCEPT in element_concepts(element):
            return element if _beside_picture(element) else None
    return None


def restore_inner_captions(blocks: Sequence[Block]) -> None:
    """Give back the captions the classifier doubted between two kept blocks: an element
    named a caption by class beside a picture (see :func:`caption_owner`) is the picture's
    caption, a ``Figure``, whatever its words. Run only when captions count as text
    (``Options(captions=True)``): otherwise a heading above a caption given back would be
    kept for it, with nothing under it in ``Article.text``."""
    kept = [i for i, block in enumerate(blocks) if block.live]
    if not kept:
        return
    for block in blocks[kept[0] + 1 : kept[-1]]:
        if block.rule == CLASSIFIER_RULE and caption_owner(block) is not None:
            block.restore()


_PICTURES = ("img", "picture", "video")


def _beside_picture(element: Element) -> bool:
    """A short element that holds a picture or whose parent does."""
    if sum(map(len, element.itertext())) > CAPTION_MAX_CHARS:
        return False
    parent = element.getparent()
    return any(
        next(holder.iter(*_PICTURES), None) is not None
        for holder in (element, parent)
        if holder is not None
    )


#: The class/id concept (``data/class_tokens.json``) that names captions and credits.
CAPTION_CONCEPT = "caption"


def _tag(element: Element | None) -> str | None:
    return element.tag if element is not None else None


def _node(key: Hashable, run: list[Block], tables: bool, base: str | None) -> Iterator[Content]:
    kind = key[0] if isinstance(key, tuple) else None
    if kind == "table":
        yield from _table(run, tables)
    elif kind == "list":
        yield _context_list(run, base)
    elif kind == "levels":
        yield _level_list(run, base)
    elif kind == "quote":
        yield Quote(tuple(_content(run, tables, base, quoted=True)))
    elif kind == "code":
        code = run[0].code
        yield Code("\n".join(b.text for b in run), code.language if code is not None else None)
    elif kind == "figure" and run[0].figure is not None:
        yield _figure(run[0].figure, run, base)
    elif kind == "caption":
        yield Figure((), " ".join(b.text for b in run))
    else:
        yield from (Paragraph(b.text, _links(b, base)) for b in run)


# --- links and figures -------------------------------------------------------------------------


def _links(block: Block, base: str | None) -> tuple[Link, ...]:
    """The block's links whose text is in the block's text, with absolute URLs."""
    if not block.links:
        return ()
    text = block.text
    found = []
    for raw, href in block.links:
        label = raw if unicodedata.is_normalized("NFC", raw) else unicodedata.normalize("NFC", raw)
        if label in text:
            found.append(Link(label, resolve(href, base)))
    return tuple(found)


def _figure(figure: FigureContext, captions: list[Block], base: str | None) -> Figure:
    images = tuple(Image(resolve(src, base), alt) for src, alt in figure.images)
    return Figure(images, " ".join(b.text for b in captions))


# --- tables ----------------------------------------------------------------------------------


def _table(blocks: list[Block], tables: bool) -> Iterator[Content]:
    """A data table from its cells (two rows and two columns at least), else paragraphs."""
    grid: dict[int, dict[int, list[str]]] = {}
    headers: dict[int, bool] = {}
    caption = " ".join(b.text for b in blocks if b.caption_of is not None)
    for block in blocks:
        if block.caption_of is not None:
            continue
        row = block.cell.row if block.cell is not None else (block.row or 0)
        column = block.cell.column if block.cell is not None else len(grid.get(row, {}))
        grid.setdefault(row, {}).setdefault(column, []).append(block.text)
        header = block.cell is not None and block.cell.header
        headers[row] = headers.get(row, True) and header
    if not tables:
        return
    width = max((max(columns) + 1 for columns in grid.values()), default=0)
    rows = [tuple(" ".join(cols.get(c, ())) for c in range(width)) for cols in grid.values()]
    if len(rows) >= 2 and width >= 2:
        yield Table(tuple(rows), header=headers[next(iter(grid))], caption=caption)
        return
    if caption:
        yield Paragraph(caption)
    yield from (Paragraph(" ".join(c for c in row if c)) for row in rows)


# --- lists -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _ItemBuild:
    texts: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    children: list[_ListBuild] = field(default_factory=list)

    def freeze(self) -> ListItem:
        children = tuple(child.freeze() for child in self.children)
        return ListItem(" ".join(self.texts), tuple(self.links), children)


@dataclass(slots=True)
class _ListBuild:
    ordered: bool
    items: list[_ItemBuild] = field(default_factory=list)

    def freeze(self) -> ListBlock:
        return ListBlock(tuple(item.freeze() for item in self.items), ordered=self.ordered)


def _chain(block: Block) -> list[ItemContext]:
    """The list items the block lies in, outermost first, up to the first layout item."""
    chain: list[ItemContext] = []
    item = block.item
    while item is not None and item.quote == block.quote and not (chain and item.layout):
        chain.append(item)
        item = item.list.parent
    chain.reverse()
    return chain


def _context_list(run: list[Block], base: str | None) -> ListBlock:
    """One list tree from blocks that know their list items (HTML)."""
    first = _chain(run[0])[0].list
    lists: dict[ListContext, _ListBuild] = {first: _ListBuild(first.ordered)}
    items: dict[ItemContext, _ItemBuild] = {}
    for block in run:
        parent: _ItemBuild | None = None
        chain = _chain(block)
        for depth, context in enumerate(chain):
            build = items.get(context)
            last = depth == len(chain) - 1
            if build is None or (last and build.children):  # text after a nested list
                target = lists.get(context.list)
                if target is None:
                    target = lists[context.list] = _ListBuild(context.list.ordered)
                    if parent is not None:
                        parent.children.append(target)
                build = items[context] = _ItemBuild()
                target.items.append(build)
            parent = build
        if parent is not None:
            parent.texts.append(block.text)
            parent.links.extend(_links(block, base))
    return lists[first].freeze()


def _level_list(run: list[Block], base: str | None) -> ListBlock:
    """One list tree from list items that only know their depth (plain text)."""
    root = _ListBuild(run[0].ordered)
    stack: list[tuple[int, _ListBuild]] = [(run[0].level, root)]
    for block in run:
        while len(stack) > 1 and block.level < stack[-1][0]:
            stack.pop()
        level, current = stack[-1]
        if block.level > level and current.items:
            child = _ListBuild(block.ordered)
            current.items[-1].children.append(child)
            stack.append((block.level, child))
            current = child
        current.items.append(_ItemBuild([block.text], list(_links(block, base))))
    return root.freeze()


def toc_from_sections(parts: Sequence[Section]) -> tuple[TocEntry, ...]:
    """A table of contents derived from the section headings."""
    return tuple(
        TocEntry(s.heading, s.level, s.anchor or slug(s.heading)) for s in parts if s.heading
    )
