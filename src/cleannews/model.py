"""The public result types: an :class:`Article` is a tree of frozen dataclasses.

Renderers live in :mod:`cleannews.output`; the ``to_*`` methods here only delegate to it. The
plain text of a node is part of the model (``Article.text``), so it is defined here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, assert_never

from cleannews import words


@dataclass(frozen=True, slots=True)
class Link:
    """An inline link: its text (a substring of the owning node's text) and absolute URL.

    In-page links keep their fragment form (``#anchor``).
    """

    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of body text, with the links inside it."""

    text: str
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list item: its text and links, and the lists nested in it."""

    text: str
    links: tuple[Link, ...] = ()
    children: tuple[ListBlock, ...] = ()


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted (``ordered=False``) or numbered list of items, possibly nested."""

    items: tuple[ListItem, ...]
    ordered: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        """The texts of every item, nested ones included, in document order."""
        return tuple(text for _, text in self.walk())

    def walk(self, depth: int = 0) -> tuple[tuple[int, str], ...]:
        """(depth, text) of every item in document order; top-level items have depth 0."""
        out: list[tuple[int, str]] = []
        for item in self.items:
            out.append((depth, item.text))
            for child in item.children:
                out.extend(child.walk(depth + 1))
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quotation: its paragraphs, lists and other content, in order."""

    content: tuple[Content, ...]

    @property
    def text(self) -> str:
        """The quotation's text, its parts separated by blank lines."""
        return "\n\n".join(content_text(node) for node in self.content)


@dataclass(frozen=True, slots=True)
class Code:
    """Preformatted text, whitespace kept, with the language the page names (if any)."""

    text: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A data table: rows of cell texts, the first row a header when ``header`` is true."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = False
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    """An image: absolute URL (resolved against the page) and alternative text."""

    src: str
    alt: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure: its images and caption (``text`` is the caption)."""

    images: tuple[Image, ...]
    caption: str = ""

    @property
    def text(self) -> str:
        """The caption (body text only when the article counts captions, see
        :attr:`Article.captions_in_text`)."""
        return self.caption


Content = Paragraph | ListBlock | Quote | Code | Table | Figure


def content_text(node: Content) -> str:
    """Plain text of one body node (list items and table rows one per line)."""
    match node:
        case ListBlock():
            return "\n".join(node.texts)
        case Table():
            rows = "\n".join(" | ".join(row) for row in node.rows)
            return f"{node.caption}\n{rows}" if node.caption else rows
        case Paragraph() | Quote() | Code() | Figure():
            return node.text
        case _:
            assert_never(node)


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


class TocSource(enum.Enum):
    """Where :attr:`Article.toc` comes from."""

    #: The page's own contents box (read, linked to the sections, removed from the body).
    PAGE = "page"
    #: Derived from the section headings.
    HEADINGS = "headings"


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the page that was dropped, with the rule that dropped it."""

    text: str
    rule: str
    reason: str


class PageType(enum.Enum):
    """What kind of page the input is: one article, a listing of teasers, a discussion
    thread, a documentation page, a product or service page, a collection of products, or
    something else. The values are the serialised names (JSON, Parquet, CLI); the first three
    are those of earlier versions."""

    ARTICLE = "article"
    LISTING = "listing"
    OTHER = "other"
    #: A forum topic or a question with its answers: posts in order.
    THREAD = "thread"
    #: Software documentation: a reference or guide page with code, headings and tables.
    DOCUMENTATION = "documentation"
    #: One product for sale: its description, price and specifications.
    PRODUCT = "product"
    #: A page selling a service or a software product (features, plans, a call to action).
    SERVICE = "service"
    #: A shop's category page: a grid of products with prices.
    COLLECTION = "collection"


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
    #: Where :attr:`toc` comes from: the page's own contents box, or the headings.
    toc_source: TocSource = TocSource.HEADINGS
    #: Where the page's contents box and the sections disagree, one note per mismatch, e.g.
    #: ``'page TOC entry "Reactions" (#reactions) has no matching section'``.
    toc_warnings: tuple[str, ...] = ()
    #: Whether figure captions are part of :attr:`text` (``Options.captions``).
    captions_in_text: bool = False

    @property
    def text(self) -> str:
        """The body text: every section's content, blocks separated by blank lines; figure
        captions only when :attr:`captions_in_text`."""
        captions = self.captions_in_text
        parts: list[str] = []
        for section in self.sections:
            if section.heading:
                parts.append(section.heading)
            parts.extend(
                content_text(node)
                for node in section.content
                if captions or not isinstance(node, Figure)
            )
        return "\n\n".join(p for p in parts if p)

    @property
    def primary_language(self) -> str | None:
        """The primary subtag of :attr:`language` (a BCP 47 tag): ``"de"`` for ``"de-AT"``."""
        return self.language.split("-", 1)[0].lower() if self.language else None

    @property
    def word_count(self) -> int:
        """Number of words in :attr:`text`."""
        return words.count_words(self.text)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO 8601 strings)."""
        from cleannews.output import to_dict  # renderers sit above the model

        return to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """The Article of :meth:`to_dict`, or of a JSON record the command line writes (one
        line of its jsonl): ``Article.from_dict(json.loads(line))``. Raises ValueError for
        an error record or another schema version."""
        from cleannews.output.dicts import from_dict  # renderers sit above the model

        return from_dict(data)

    def to_json(self, *, indent: int | None = None) -> str:
        """The article as JSON, on one line unless ``indent`` is given (indenting takes the
        json module's pure-Python encoder: about twice the time)."""
        from cleannews.output import to_json  # renderers sit above the model

        return to_json(self, indent=indent)

    def to_markdown(self) -> str:
        """The article as Markdown (headings at their levels, nested lists, links, figures)."""
        from cleannews.output import to_markdown  # renderers sit above the model

        return to_markdown(self)

    def to_text(self) -> str:
        """Headline, a blank line, then :attr:`text`."""
        from cleannews.output import to_text  # renderers sit above the model

        return to_text(self)

    def to_html(self) -> str:
        """The article as clean semantic HTML (``<article>`` with headings, lists, tables...)."""
        from cleannews.output import to_html  # renderers sit above the model

        return to_html(self)
