"""The public result types: an :class:`Article` is a tree of frozen dataclasses.

Serialisation lives in :mod:`cleannews.serialize`; the methods here only delegate to it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import serialize


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of body text."""

    text: str


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted (``ordered=False``) or numbered list of items."""

    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quotation."""

    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """Preformatted text, whitespace kept."""

    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A data table: rows of cell texts, the first row a header when ``header`` is true."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = False


Content = Paragraph | ListBlock | Quote | Code | Table


@dataclass(frozen=True, slots=True)
class Section:
    """A heading (None for the lead) with its level and the content under it."""

    heading: str | None
    level: int
    content: tuple[Content, ...]
    anchor: str | None = None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The texts of the section's plain paragraphs."""
        return tuple(c.text for c in self.content if isinstance(c, Paragraph))


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One entry of the table of contents."""

    title: str
    level: int
    anchor: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the page that was dropped, with the rule that dropped it."""

    text: str
    rule: str
    reason: str


class PageType(enum.Enum):
    """What kind of page the input is: one article, a listing of teasers, or something else."""

    ARTICLE = "article"
    LISTING = "listing"
    OTHER = "other"


@dataclass(frozen=True)
class Article:
    """The structured result of :func:`cleannews.extract`.

    ``text`` is the body without the headline: the sections' content, paragraphs separated
    by blank lines. ``boilerplate`` lists what was removed, and why.
    """

    title: str | None
    sections: tuple[Section, ...]
    toc: tuple[TocEntry, ...] = ()
    published: date | None = None
    modified: date | None = None
    authors: tuple[str, ...] = ()
    description: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    reading_time_minutes: int | None = None
    is_article: bool = True
    boilerplate: tuple[Removed, ...] = ()
    subtitle: str | None = None
    publisher: str | None = None
    #: The page's canonical URL (resolved against ``url``).
    canonical_url: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    #: The lead image URL (og:image, JSON-LD image, ...).
    image: str | None = None
    license: str | None = None
    page_type: PageType = PageType.ARTICLE
    #: Why the page got its type, e.g. ``("og:type is article", "812 words in the body")``.
    page_type_reasons: tuple[str, ...] = ()
    #: Where each metadata field came from, e.g. ``{"published": "text:reading-line"}``.
    provenance: Mapping[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The body text: every section's content, blocks separated by blank lines."""
        return serialize.body_text(self)

    @property
    def word_count(self) -> int:
        """Number of words in :attr:`text`."""
        return len(self.text.split())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO 8601 strings)."""
        return serialize.to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The article as JSON."""
        return serialize.to_json(self, indent=indent)

    def to_markdown(self) -> str:
        """The article as Markdown: headline, headings at their levels, lists, quotes."""
        return serialize.to_markdown(self)

    def to_text(self) -> str:
        """Headline, a blank line, then :attr:`text`."""
        return serialize.to_text(self)
