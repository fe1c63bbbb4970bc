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


def _parser(encoding: str | None = None) -> etree.HTMLParser:
    # lxml parsers must not be shared between threads: one per thread and encoding, made on
    # first use. Nothing looks elements up by id (no XPath id()): libxml2 need not hash ids.
    name = f"parser_{encoding}"
    parser: etree.HTMLParser | None = getattr(_LOCAL, name, None)
    if parser is None:
        parser = etree.HTMLParser(
            encoding=encoding,
            remove_comments=True,
            remove_pis=True,
            huge_tree=True,
            collect_ids=False,
        )
        setattr(_LOCAL, name, parser)
    return parser


def _document(text: str, utf8: bytes | None = None) -> Element | None:
    """lxml's tree of ``text``, parsed from its UTF-8 bytes: libxml2 reads UTF-8 natively,
    while a str reaches it as UCS-2 or UCS-4 to convert (parsing takes 10-15% longer; the
    trees of 613 dev pages are identical either way). A str with lone surrogates has no
    UTF-8 form and is parsed as it is. ``utf8``: those bytes, when the caller has them."""
    if utf8 is None:
        try:
            utf8 = text.encode("utf-8")
        except UnicodeEncodeError:
            return etree.fromstring(text, parser=_parser())
    return etree.fromstring(utf8, parser=_parser("utf-8"))


def parse_html(text: str, max_elements: int, utf8: bytes | None = None) -> Element:
    """The document element of ``text``, parsed by lxml (never BeautifulSoup); ``utf8``:
    the text's UTF-8 bytes, when loading made them (not made again)."""
    if text[:1024].lstrip(_BLANK)[:5].lower() == "<?xml":  # lxml refuses str declaring bytes
        text = _XML_DECLARATION.sub("", text, count=1)
        utf8 = None  # the bytes of the text before
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
        root = _document(text, utf8)
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
