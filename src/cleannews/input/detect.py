"""Tell HTML from plain text."""

from __future__ import annotations

from functools import cache

import regex

from cleannews.options import InputKind

_MIN_TAGS = 3


@cache
def _tag_pattern() -> regex.Pattern[str]:
    return regex.compile(
        r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|span|a\s|br|article|section|"
        r"h[1-6]|ul|ol|li|table|img|script|style|link)\b[^<>]*>",
        regex.IGNORECASE,
    )


def input_kind(text: str, forced: InputKind = InputKind.AUTO) -> InputKind:
    """HTML when the text starts like a document or carries several known tags."""
    if forced is not InputKind.AUTO:
        return forced
    head = text[:65536].lstrip("\ufeff \t\r\n")
    if regex.match(r"<(?:!doctype|html|\?xml|!--)", head, regex.IGNORECASE):
        return InputKind.HTML
    for count, _ in enumerate(_tag_pattern().finditer(head), 1):
        if count >= _MIN_TAGS:
            return InputKind.HTML
    return InputKind.TEXT


#: Extensions that name text whatever it holds (a tutorial quoting ``<p>`` stays text).
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})


def kind_from_name(name: str) -> InputKind:
    """TEXT for a file name ending in a text extension (``.txt``, ``.md``, also gzipped),
    else AUTO (the content decides)."""
    name = name.lower().removesuffix(".gz")
    suffix = name[name.rfind(".") :] if "." in name else ""
    return InputKind.TEXT if suffix in TEXT_SUFFIXES else InputKind.AUTO


def looks_like_html(text: str) -> bool:
    """Whether ``text`` (the start of a file) reads as HTML."""
    return input_kind(text) is InputKind.HTML
