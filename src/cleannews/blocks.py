"""The paragraph model every stage works on: a page becomes a list of :class:`Block`.

Stages write their findings (features, scores, labels, reasons) into the blocks, never into
the DOM. A block from HTML keeps a reference to the element that owns it; a block from plain
text has none.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .dom import Element


class BlockKind(enum.Enum):
    """What a block is, structurally."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CODE = "code"
    CELL = "cell"
    CAPTION = "caption"


class Label(enum.Enum):
    """The verdict on a block."""

    UNDECIDED = "undecided"
    CONTENT = "content"
    BOILERPLATE = "boilerplate"
    TITLE = "title"


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
    #: Set by :mod:`cleannews.scoring`.
    score: float = 0.0
    label: Label = Label.UNDECIDED
    rule: str = ""
    reason: str = ""
    features: dict[str, float] = field(default_factory=dict)

    @property
    def link_density(self) -> float:
        """Share of the text that is link text."""
        return self.link_chars / len(self.text) if self.text else 0.0

    def drop(self, rule: str, reason: str) -> None:
        """Label the block boilerplate, recording the rule that decided it."""
        self.label = Label.BOILERPLATE
        self.rule = rule
        self.reason = reason

    @property
    def dropped(self) -> bool:
        """True when a stage labelled the block boilerplate."""
        return self.label is Label.BOILERPLATE
