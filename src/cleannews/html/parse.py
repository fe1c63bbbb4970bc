"""Parse once with lxml."""

from __future__ import annotations

import threading

import regex
from lxml import etree

from cleannews.dom import Element
from cleannews.errors import EmptyInputError, InputTooLargeError, ParseError

_BLANK = " \t\r\n\ufeff"
#: An XML declaration, well-formed or not: up to the first ">" (some CMS pages close it with "/>").
_XML_DECLARATION = regex.compile(r"^[\s\ufeff]*<\?xml[^>]*>")
_NOT_BLANK = regex.compile(r"\S")


_LOCAL = threading.local()
_COUNT = etree.XPath("count(//*)")


def _parser() -> etree.HTMLParser:
    # lxml parsers must not be shared between threads: one per thread, made on first use.
    # Nothing looks elements up by id (no XPath id()): libxml2 need not hash every id.
    parser: etree.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            remove_comments=True, remove_pis=True, huge_tree=True, collect_ids=False
        )
        _LOCAL.parser = parser
    return parser


def parse_html(text: str, max_elements: int) -> Element:
    """The document element of ``text``, parsed by lxml (never BeautifulSoup)."""
    if text[:1024].lstrip(_BLANK)[:5].lower() == "<?xml":  # lxml refuses str declaring bytes
        text = _XML_DECLARATION.sub("", text, count=1)
    if _NOT_BLANK.search(text) is None:
        raise EmptyInputError("input is empty")
    # Refuse a page of millions of tags before lxml builds millions of elements (a page with
    # fewer "<" than the limit has fewer tags: no need to count its closing tags). A page no
    # longer than the limit has fewer "<" than that: no need to count them either.
    length = len(text)
    opening = text.count("<") if length > max_elements else length
    if opening > max_elements:
        tags = opening - text.count("</")
        if tags > max_elements:
            limit = f"{max_elements:,}-element limit (Options.max_elements)"
            raise InputTooLargeError(f"page has {tags:,} tags, over the {limit}")
    try:
        root = etree.fromstring(text, parser=_parser())
    except (ValueError, etree.XMLSyntaxError) as exc:
        raise ParseError(f"cannot parse the page as HTML: {exc}") from None
    if root is None:
        raise ParseError("the page holds no HTML elements")
    # lxml adds at most one implied element per tag, and a tag takes "<" and at least one
    # other character: at most 2 * opening + 8 elements, and at most length + 8.
    if min(2 * opening, length) + 8 > max_elements:
        check_size(root, max_elements)
    return root


def check_size(root: Element, max_elements: int) -> None:
    """Refuse trees with more elements than ``max_elements``."""
    count = int(_COUNT(root))  # type: ignore[arg-type]
    if count > max_elements:
        raise InputTooLargeError(
            f"page has {count:,} elements, over the {max_elements:,} limit (Options.max_elements)"
        )
