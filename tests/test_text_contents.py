"""The page's own table of contents in plain text and Markdown (text.contents): a contents
label and a list naming the headings below it, printed in a farm's header above the
article's copy of the headline (and dropped with it), become the article's TOC; a list that
names too few headings is no TOC."""

from __future__ import annotations

import cleannews
from cleannews import InputKind, Options, TocSource

PARAGRAPHS = {
    "Why Cast Iron Needs Care": "Bare iron rusts quickly when it is left wet. The seasoning "
    "seals the metal from air and water, and it builds up a little more each time the pan "
    "is heated with a film of fat.",
    "Everyday Cleaning": "Clean the pan while it is still warm. Wipe out loose food, rinse "
    "with hot water and scrub with a brush or a chain-mail scrubber before you dry it.",
    "Removing Rust": "Light rust comes off with steel wool and a little water. Rinse, dry on "
    "the hob, then season the pan again and bake it upside down for an hour.",
}
LEAD = (
    "Cast iron pans last for generations, but only if they are looked after. The black "
    "surface that makes them non-stick is a layer of polymerised oil, called seasoning."
)


def _page(toc: list[str], *, markdown: bool = False) -> str:
    mark = "## " if markdown else ""
    title = "The Complete Guide to Cleaning a Cast Iron Pan"
    lines = [title, "6 min read", *toc, title, LEAD]  # a farm's header: the TOC above a copy
    for heading, paragraph in PARAGRAPHS.items():
        lines += [mark + heading, paragraph]
    return "\n\n".join(lines) + "\n"


def _extract(text: str, *, markdown: bool = False) -> cleannews.Article:
    kind = InputKind.MARKDOWN if markdown else InputKind.TEXT
    return cleannews.extract(text, options=Options(input_kind=kind))


def test_a_numbered_contents_list_is_the_pages_toc() -> None:
    toc = ["Table of Contents\n1. Why Cast Iron Needs Care\n2. Everyday Cleaning\n3. Removing Rust"]
    article = _extract(_page(toc))
    assert article.toc_source is TocSource.PAGE
    assert [t.title for t in article.toc] == list(PARAGRAPHS)
    assert article.text.count("Everyday Cleaning") == 1  # the heading, not the entry too


def test_a_markdown_contents_list_links_its_anchors() -> None:
    entries = "\n".join(f"- [{h}](#{h.lower().replace(' ', '-')})" for h in PARAGRAPHS)
    article = _extract(_page([f"In this article\n{entries}"], markdown=True), markdown=True)
    assert article.toc_source is TocSource.PAGE
    assert article.toc[0].anchor == "why-cast-iron-needs-care"


def test_a_list_naming_one_heading_is_no_toc() -> None:
    toc = ["Contents\n- Everyday Cleaning\n- A pan for every kitchen\n- Our favourite oils"]
    article = _extract(_page(toc))
    assert article.toc_source is TocSource.HEADINGS
