"""The structure stage (cleannews.structure): headline and sections."""

from __future__ import annotations

import pytest

import cleannews
import support
from cleannews.blocks import Block, BlockKind
from cleannews.structure.sections import sections, slug
from cleannews.words import strip_site_name

PROSE = support.PROSE


# headline and structure ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Storm hits coast | The Daily Paper", "Storm hits coast"),
        ("The Daily Paper - Storm hits the coast again", "Storm hits the coast again"),
        ("No suffix here", "No suffix here"),
    ],
)
def test_strip_site_name(title: str, expected: str) -> None:
    assert strip_site_name(title) == expected


def test_sections_group_content_under_headings() -> None:
    blocks = [
        Block("Lead text."),
        Block("First", BlockKind.HEADING, level=2, anchor="first"),
        Block("a", BlockKind.LIST_ITEM, group=0),
        Block("b", BlockKind.LIST_ITEM, group=0),
        Block("Body."),
        Block("Sub", BlockKind.HEADING, level=3),
        Block("x", BlockKind.CELL, group=0, row=1),
        Block("y", BlockKind.CELL, group=0, row=1),
        Block("z", BlockKind.CELL, group=0, row=2),
        Block("w", BlockKind.CELL, group=0, row=2),
    ]
    lead, first, sub = sections(blocks)
    assert (lead.heading, lead.paragraphs) == (None, ("Lead text.",))
    assert (first.heading, first.level, first.anchor) == ("First", 2, "first")
    items = (cleannews.ListItem("a"), cleannews.ListItem("b"))
    assert first.content == (cleannews.ListBlock(items), cleannews.Paragraph("Body."))
    assert (sub.anchor, sub.content) == ("sub", (cleannews.Table((("x", "y"), ("z", "w"))),))


def test_slug() -> None:
    expected = "looking-ahead-strengthening-processes"
    assert slug("Looking Ahead: Strengthening Processes!") == expected


def test_headline_matches_any_of_the_page_titles() -> None:
    page = (
        "<html><head><title>Bridge reopens after repairs</title>"
        '<meta property="og:title" content="Town News - Latest Headlines"></head><body>'
        "<h1>Photo: the old bridge in 1950, seen from the river bank at dusk</h1>"
        f"<article><h1>Bridge reopens after repairs</h1><p>{PROSE}</p><p>{PROSE}</p></article>"
        "</body></html>"
    )
    article = cleannews.extract(page)
    assert article.title == "Bridge reopens after repairs"
    assert "Bridge reopens after repairs" not in article.text
