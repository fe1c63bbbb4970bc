"""The text stage (cleannews.text): blocks of scraped plain text, and word counts."""

from __future__ import annotations

import pytest

import support
from cleannews.blocks import BlockKind
from cleannews.text.lines import text_blocks

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
