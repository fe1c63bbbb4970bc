"""Stage 2 (HTML): parse once with lxml."""

from __future__ import annotations

import threading

import regex
from lxml import etree, html
from lxml.html import HtmlElement

from .errors import EmptyInputError, InputTooLargeError, ParseError

_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")
# Characters XML/lxml cannot hold: C0 controls other than tab, newline, carriage return.
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


_LOCAL = threading.local()


def _parser() -> html.HTMLParser:
    # lxml parsers must not be shared between threads: one per thread, made on first use.
    parser: html.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
        _LOCAL.parser = parser
    return parser


def parse_html(text: str, max_elements: int) -> HtmlElement:
    """The document element of ``text``, parsed by lxml (never BeautifulSoup)."""
    text = _CONTROL.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        raise EmptyInputError("input is empty")
    try:
        root = html.document_fromstring(text, parser=_parser())
    except etree.ParserError as exc:
        raise ParseError(f"cannot parse the page as HTML: {exc}") from None
    except (ValueError, etree.XMLSyntaxError) as exc:
        raise ParseError(f"cannot parse the page as HTML: {exc}") from None
    check_size(root, max_elements)
    return root


def check_size(root: HtmlElement, max_elements: int) -> None:
    """Refuse trees with more elements than ``max_elements``."""
    count = 0
    for _ in root.iter():
        count += 1
        if count > max_elements:
            raise InputTooLargeError(
                f"page has more than {max_elements:,} elements (limit: Options.max_elements)"
            )
