"""The text stage (cleannews.text): blocks of scraped plain text, and word counts."""

from __future__ import annotations

import pytest

import support
from cleannews.blocks import BlockKind
from cleannews.text.lines import is_heading_like, mark_kept_headings, text_blocks

PROSE = support.PROSE


# text blocks -------------------------------------------------------------------------


def test_text_blocks_find_lists_headings_and_join_wrapped_lines() -> None:
    blocks = text_blocks(
        "A Title Line\n\n"
        f"{PROSE}\n\n"
        "Key points\n\n"
        "  • first point\n  • second point\n    • nested point\n"
        "1. numbered\n\n"
        "a sentence that was\nwrapped by the scraper."
    )
    kinds = [(b.kind, b.text) for b in blocks]
    assert kinds[0] == (BlockKind.HEADING, "A Title Line")
    assert (BlockKind.HEADING, "Key points") in kinds
    items = [b for b in blocks if b.kind is BlockKind.LIST_ITEM]
    assert [(i.text, i.level, i.ordered) for i in items] == [
        ("first point", 0, False),
        ("second point", 0, False),
        ("nested point", 1, False),
        ("numbered", 0, True),
    ]
    assert blocks[-1].text == "a sentence that was wrapped by the scraper."


def test_text_blocks_keep_markdown_heading_levels() -> None:
    blocks = text_blocks("### Deep heading\n\nText")
    assert (blocks[0].kind, blocks[0].level) == (BlockKind.HEADING, 3)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("‘Unprecedented’ strandings", True),
        ("'A-ha' moment similar to making a decision", True),
        ("(Updated) What we know", True),
        ("Why it matters", True),
        ("“It was over,” she said.", False),
        ("'lower case after a quote", False),
        ("'", False),
    ],
)
def test_heading_like_lines_may_open_with_quotes(text: str, heading: bool) -> None:
    assert is_heading_like(text) is heading


def test_kept_heading_shaped_lines_between_text_and_a_sentence_become_headings() -> None:
    blocks = text_blocks(
        f"{PROSE}\n\n"
        "No, the country is not at risk of becoming the next Greece\n\n"  # a short sentence next
        "The dollar has strengthened even as government borrowing has increased.\n\n"
        "1. Why it matters\n\n"  # a numbered heading on a line of its own
        f"{PROSE}\n\n"
        "Expenditures as a share of the budget\n\n"  # a chart label, no sentence after it
        "%\n\n"
        f"{PROSE}\n\n"
        "- first item of a list\n- second item\n\n"
        "1. A numbered line right after a list\n\n"  # a list spaced with blank lines
        "Dropped line\n\n"
        f"{PROSE}\n\n"
        "1. First step of a spaced list\n\n"
        "2. Second step of a spaced list\n\n"
        "Dropped line\n\n"
        f"{PROSE}"
    )
    assert blocks[1].kind is BlockKind.PARAGRAPH  # not 1.5 x shorter than the sentence after it
    for block in blocks:
        if block.text == "Dropped line":
            block.drop("test", "dropped")
    mark_kept_headings(blocks)
    headings = [b.text for b in blocks if b.kind is BlockKind.HEADING and not b.dropped]
    assert headings == [
        "No, the country is not at risk of becoming the next Greece",
        "1. Why it matters",
    ]
    assert [b.text for b in blocks if b.kind is BlockKind.LIST_ITEM] == [
        "first item of a list", "second item", "A numbered line right after a list",
        "First step of a spaced list", "Second step of a spaced list"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Three plain words", 3),
        ("市议会周二投票", 7),
        ("Tokyo 東京都 is big", 6),
        ("서울 시장", 4),
        ("", 0),
    ],
)
def test_count_words_counts_unspaced_scripts_by_character(text: str, words: int) -> None:
    from cleannews.words import count_words

    assert count_words(text) == words
