"""Tell HTML from Markdown and plain text."""

from __future__ import annotations

from functools import cache

import regex

from cleannews.options import InputKind
from cleannews.rules.diskcache import compile_pattern

_MIN_TAGS = 3
#: The start of an HTML document: a doctype, an XML declaration, or an html/head/body tag.
_DOCUMENT = r"<(?:!doctype\s+html|\?xml|html|head|body)\b"


@cache
def _tag_pattern() -> regex.Pattern[str]:
    return compile_pattern(
        r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|span|a\s|br|article|section|"
        r"h[1-6]|ul|ol|li|table|img|script|style|link)\b[^<>]*>",
        regex.IGNORECASE,
    )


def input_kind(text: str, forced: InputKind = InputKind.AUTO) -> InputKind:
    """HTML when the text starts like a document or carries several known tags. A forced
    kind stays, but Markdown that starts as an HTML document is one (Markdown passes raw
    HTML through: a ``.md`` file holding a saved page is that page)."""
    head = text[:65536].lstrip("\ufeff \t\r\n")
    if forced is InputKind.MARKDOWN and regex.match(_DOCUMENT, head, regex.IGNORECASE):
        return InputKind.HTML
    if forced is not InputKind.AUTO:
        return forced
    if regex.match(r"<(?:!doctype|html|\?xml|!--)", head, regex.IGNORECASE):
        return InputKind.HTML
    for count, _ in enumerate(_tag_pattern().finditer(head), 1):
        if count >= _MIN_TAGS:
            return InputKind.HTML
    return InputKind.MARKDOWN if _looks_like_markdown(head) else InputKind.TEXT


#: Markdown when the text has this many links or images in Markdown syntax...
_MIN_LINKS = 2
#: ...or this many ATX headings (``## Title``) with a link, fence or emphasis beside them.
_MIN_HEADINGS = 2


@cache
def _markdown_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    link = compile_pattern(
        r"!?\[[^\]\n]{0,500}\]\((?:[a-z][a-z0-9+.-]*:|/|#|\.{0,2}/|www\.)[^)\s]*"
    )
    heading = compile_pattern(r"^#{1,6}[ \t]+\S", regex.MULTILINE)
    other = compile_pattern(r"^(?:```|~~~)|\*\*\S[^*\n]*\*\*|^>[ \t]", regex.MULTILINE)
    return link, heading, other


def _looks_like_markdown(head: str) -> bool:
    """Markdown link or image syntax twice, or ATX headings with other Markdown beside them."""
    link, heading, other = _markdown_patterns()
    links = sum(1 for _ in zip(range(_MIN_LINKS), link.finditer(head), strict=False))
    if links >= _MIN_LINKS:
        return True
    headings = sum(1 for _ in zip(range(_MIN_HEADINGS), heading.finditer(head), strict=False))
    return headings >= _MIN_HEADINGS and (links > 0 or other.search(head) is not None)


#: Extensions that name text whatever it holds (a tutorial quoting ``<p>`` stays text).
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def kind_from_name(name: str) -> InputKind:
    """TEXT for a file name ending in a text extension (``.txt``, also gzipped), MARKDOWN for
    ``.md`` and ``.markdown``, else AUTO (the content decides)."""
    name = name.lower().removesuffix(".gz")
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix in MARKDOWN_SUFFIXES:
        return InputKind.MARKDOWN
    return InputKind.TEXT if suffix in TEXT_SUFFIXES else InputKind.AUTO


def looks_like_html(text: str) -> bool:
    """Whether ``text`` (the start of a file) reads as HTML."""
    return input_kind(text) is InputKind.HTML
