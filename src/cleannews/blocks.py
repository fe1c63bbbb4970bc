"""The paragraph model every stage works on: a page becomes a list of :class:`Block`.

Stages write their findings (features, scores, labels, reasons) into the blocks, never into
the DOM. A block from HTML keeps a reference to the element that owns it; a block from plain
text has none.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cleannews.dom import Element


class BlockKind(enum.Enum):
    """What a block is, structurally."""

    # Members compare by identity: hashing them so too is C-level (Enum's own ``__hash__``
    # is a Python call, made for every set or dict test of a kind).
    __hash__ = object.__hash__

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CODE = "code"
    CELL = "cell"
    CAPTION = "caption"


@dataclass(slots=True, eq=False)
class ListContext:
    """A ``ul``/``ol`` seen during segmentation, shared by the blocks inside it."""

    ordered: bool
    #: The list item this list is nested in, None for a top-level list.
    parent: ItemContext | None = None


@dataclass(slots=True, eq=False)
class ItemContext:
    """An ``li``: its list, and whether it holds more than list-item text."""

    list: ListContext
    element: Element | None = None
    #: The block quotation the item lies in (see ``Block.quote``).
    quote: int | None = None
    #: Blocks whose innermost list item this is, and their characters.
    blocks: int = 0
    chars: int = 0
    #: Set when the item holds headings, tables or long prose: a layout item, not a list item.
    layout: bool = False


@dataclass(slots=True, eq=False)
class TableContext:
    """A ``table``, and what tells a data table from a layout table."""

    #: A cell holds a heading or long prose, or the table says it is for presentation.
    layout: bool = False
    #: A cell holds another table (layout, unless the table has header cells).
    nested: bool = False
    #: The table has header cells (``th``, ``thead``) or a caption.
    header: bool = False
    #: Column where the next cell of the current row starts (colspans counted).
    column: int = 0
    #: Blocks of ``div``/``p`` elements wrapping a cell's text, made cells while the table
    #: looked like data (they go back to paragraphs if it turns out a layout table).
    wrapped: list[Block] = field(default_factory=list)

    @property
    def data(self) -> bool:
        """True for a data table (after Readability's test: header cells outweigh nesting)."""
        return not self.layout and (self.header or not self.nested)


@dataclass(slots=True, eq=False)
class CellContext:
    """A ``td``/``th``: its table, row number, column (colspans counted) and header flag."""

    table: TableContext
    row: int
    column: int
    header: bool
    element: Element | None = None
    #: Paragraph blocks in the cell, and characters of all its blocks.
    blocks: int = 0
    chars: int = 0


@dataclass(slots=True, eq=False)
class FigureContext:
    """A ``figure``: its images as (src, alt), raw as written in the page."""

    images: list[tuple[str, str]] = field(default_factory=list)
    blocks: int = 0


@dataclass(slots=True, eq=False)
class CodeContext:
    """A ``pre``: the language named by its class (``language-python``), if any."""

    language: str | None = None


#: The rule id of the block classifier's verdicts (the neighbour revisions and the relaxed
#: retry look for it).
CLASSIFIER_RULE = "classifier"
#: The rule id of a short block dropped because a vetoing hint rule matches it.
HINT_VETO_RULE = "hint-veto"


@dataclass(slots=True)
class Features:
    """What :mod:`cleannews.filters.features` measured of a block (its text as it then was),
    and what later stages add."""

    chars: float = 0.0
    #: Whitespace-separated words.
    words: float = 0.0
    commas: float = 0.0
    link_density: float = 0.0
    #: 1.0 when the text ends like a sentence.
    sentence: float = 0.0
    #: Promo signals per sentence (set by the promo filter for the paragraphs it scores).
    promo: float = 0.0
    #: The block classifier's P(content), for the blocks it decided.
    p_content: float = 0.0


class Label(enum.Enum):
    """The verdict on a block."""

    __hash__ = object.__hash__  # (as BlockKind's)

    UNDECIDED = "undecided"
    CONTENT = "content"
    BOILERPLATE = "boilerplate"
    TITLE = "title"


#: The labels of a block still in the running for the body.
LIVE_LABELS = frozenset({Label.UNDECIDED, Label.CONTENT})
#: Members read once, for the loops over every block: in Python 3.11 reading a member off
#: its enum class (``BlockKind.HEADING``) calls the metaclass's attribute hook, a few hundred
#: instructions each time, where a module constant is one lookup. The stages import these.
PARAGRAPH, HEADING, LIST_ITEM = BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM
QUOTE, CODE, CELL, CAPTION = BlockKind.QUOTE, BlockKind.CODE, BlockKind.CELL, BlockKind.CAPTION
UNDECIDED, TITLE, BOILERPLATE = Label.UNDECIDED, Label.TITLE, Label.BOILERPLATE


@dataclass(slots=True, eq=False)
class Block:
    """One paragraph-like unit of the page, with what the stages found out about it."""

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    #: Heading level (1-6) for headings; nesting depth for list items.
    level: int = 0
    #: Characters of text inside links.
    link_chars: int = 0
    #: Identifies the list a list item belongs to (items of one list share it).
    group: int | None = None
    ordered: bool = False
    #: Table row and the cell's position, for cells of a data table.
    row: int | None = None
    #: The element id (for headings: the anchor a TOC can link to).
    anchor: str | None = None
    #: The element that owns the block (HTML only).
    element: Element | None = None
    #: Block-level ancestors, outermost first, ending with ``element`` (HTML only).
    ancestors: tuple[Element, ...] = ()
    #: Class/id hint of the ancestors: positive for content-like, negative for chrome-like.
    hint: float = 0.0
    #: Set by :mod:`cleannews.html.scoring`.
    score: float = 0.0
    label: Label = Label.UNDECIDED
    rule: str = ""
    reason: str = ""
    features: Features = field(default_factory=Features)
    # Structure context, for rendering only (the classifier never reads these):
    #: Inline links as (link text, href as written), in order.
    links: tuple[tuple[str, str], ...] = ()
    #: The innermost list item, table cell, figure and ``pre`` the block lies in.
    item: ItemContext | None = None
    cell: CellContext | None = None
    figure: FigureContext | None = None
    code: CodeContext | None = None
    #: The table whose ``<caption>`` the block is.
    caption_of: TableContext | None = None
    #: Identifies the outermost block quotation the block lies in.
    quote: int | None = None
    #: Figures without text of their own that end just before this block.
    figures_before: tuple[FigureContext, ...] = ()
    #: A plain-text list item's number or letter as written ("1.", "b)"), for a numbered
    #: heading the text put on a line of its own.
    marker: str = ""

    @property
    def link_density(self) -> float:
        """Share of the text that is link text (:func:`~cleannews.dom.link_share`, inlined:
        asked of every block by several stages)."""
        chars = len(self.text)
        return self.link_chars / chars if chars else 0.0

    def drop(self, rule: str, reason: str) -> None:
        """Label the block boilerplate, recording the rule that decided it."""
        self.label = BOILERPLATE
        self.rule = rule
        self.reason = reason

    def restore(self) -> None:
        """Undo a drop: the block is back in the running for the body."""
        self.label, self.rule, self.reason = Label.UNDECIDED, "", ""

    @property
    def live(self) -> bool:
        """True while the block is in the running for the body: not dropped, not the
        headline."""
        return self.label in LIVE_LABELS

    @property
    def dropped(self) -> bool:
        """True when a stage labelled the block boilerplate."""
        return self.label is BOILERPLATE


class SiteFilter(Protocol):
    """What ``extract(..., templates=...)`` accepts (:class:`cleannews.templates.SiteTemplates`
    is one): it sees all of a page's blocks once the single-page rules have run, with the
    page's addresses (the URL given, then the canonical one), and may drop blocks the page's
    site repeats on its other pages. The pipeline knows nothing else about it."""

    def filter_blocks(self, blocks: Sequence[Block], urls: Sequence[str]) -> None:
        """Drop (``Block.drop``) the blocks the site repeats; others stay as they are."""


class SiteTemplateSet(SiteFilter, Protocol):
    """Site templates that can be told a host for pages whose URLs name none (a batch gives a
    page file its folder's name)."""

    def bound(self, host: str | None) -> SiteFilter:
        """These templates, with ``host`` for pages whose URLs name no host."""
