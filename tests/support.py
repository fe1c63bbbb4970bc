"""Shared test material: a paragraph of prose and a parsed <body> for stage tests."""

from __future__ import annotations

from lxml import etree

from cleannews.html.parse import parse_html

PROSE = (
    "The committee met on Tuesday to discuss the budget, and after a long debate, "
    "members agreed to fund the new library, the bridge repairs and two schools."
)


def body_of(markup: str) -> etree._Element:
    """The <body> element of a page made of ``markup``."""
    root = parse_html(f"<html><body>{markup}</body></html>", 10_000)
    body = root.find("body")
    assert body is not None
    return body


#: A small news page: a titled article of two paragraphs.
PAGE = (
    "<html><head><title>Bridge reopens | Town News</title></head><body>"
    f"<article><h1>Bridge reopens</h1><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
)
