"""Content-farm frames on HTML pages and in Markdown (issue 12's farm family, rendered as
HTML and as a crawler's Markdown): the headline printed three or more times around greetings
and farewells in any wording, cut to the article; ordinary pages that print their headline
twice, or state a reading time, untouched."""

from __future__ import annotations

import random

import cleannews
from cleannews import InputKind, Options
from cleannews.blocks import Block, BlockKind, Label
from cleannews.structure.frame import drop_farm_frame
from farm import Source, farm_checks, farm_html, farm_markdown, farm_page
from test_text_model import fixture_sources

PROSE = (
    "The council voted on Tuesday to close the old bridge to traffic from next spring, "
    "after engineers found cracks in two of its piers during a routine inspection."
)


def farm_html_ok(source: Source, seed: int) -> tuple[bool, str]:
    page = farm_page(source, random.Random(seed))
    article = cleannews.extract(farm_html(page, random.Random(seed + 1)))
    failed = [name for name, ok in farm_checks(page, source, article).items() if not ok]
    return not failed, f"seed {seed} ({page.language}): {', '.join(failed)}"


def test_generated_farm_pages_as_html_come_out_clean() -> None:
    """300 pages of the fixtures' articles in six languages: 300 clean when measured (1 of
    100 before the HTML frame: greetings and farewells no phrase rule knows stayed)."""
    sources = fixture_sources()
    results = [farm_html_ok(sources[n % len(sources)], n) for n in range(300)]
    failures = [why for ok, why in results if not ok]
    assert len(failures) <= 0.05 * len(results), failures[:10]


def farm_markdown_ok(source: Source, seed: int) -> tuple[bool, str]:
    page = farm_page(source, random.Random(seed))
    text = farm_markdown(page, random.Random(seed + 1))
    article = cleannews.extract(text, options=Options(input_kind=InputKind.MARKDOWN))
    failed = [name for name, ok in farm_checks(page, source, article).items() if not ok]
    return not failed, f"seed {seed} ({page.language}): {', '.join(failed)}"


def test_generated_farm_pages_as_markdown_come_out_clean() -> None:
    """300 pages as a crawler's Markdown: 300 clean when measured."""
    sources = fixture_sources()
    results = [farm_markdown_ok(sources[n % len(sources)], n) for n in range(300)]
    failures = [why for ok, why in results if not ok]
    assert len(failures) <= 0.05 * len(results), failures[:10]


def _blocks(*texts: str, title: int = 0, echoes: tuple[int, ...] = ()) -> list[Block]:
    blocks = []
    for i, text in enumerate(texts):
        kind = BlockKind.HEADING if i == title or i in echoes else BlockKind.PARAGRAPH
        block = Block(text=text, kind=kind)
        if i == title:
            block.label = Label.TITLE
        elif i in echoes:
            block.drop("headline-echo", "repeats the headline")
        blocks.append(block)
    return blocks


GREETING = "Hey, we are so glad you found us today. Come back to see what we have for you."
HEADLINE = "Old bridge to close"


def test_a_farm_frame_in_html_is_cut_to_the_article() -> None:
    blocks = _blocks(HEADLINE, "4 min read", HEADLINE, GREETING, HEADLINE, PROSE, PROSE,
                     HEADLINE, GREETING, "close", echoes=(2, 4, 7))  # fmt: skip
    blocks[1].drop("reading-line", "reading time")
    drop_farm_frame(blocks)
    assert [b.text for b in blocks if b.live] == [PROSE, PROSE]
    assert blocks[3].rule == "promo-structure" and blocks[9].rule == "after-headline-echo"


ON_TOPIC = (
    "We walked the old bridge with the engineers, and you can still cross it until spring: "
    "come back to see our photos of the piers."
)


def test_a_page_printing_its_headline_twice_is_no_farm() -> None:
    """No frame cut, and a we/you paragraph about the headline's topic is no greeting."""
    blocks = _blocks(HEADLINE, "4 min read", HEADLINE, ON_TOPIC, PROSE, PROSE, echoes=(2,))
    blocks[1].drop("reading-line", "reading time")
    drop_farm_frame(blocks)
    assert [b.text for b in blocks if b.live] == [ON_TOPIC, PROSE, PROSE]


def test_a_greeting_on_a_page_stating_a_reading_time_is_dropped() -> None:
    """The headline printed once: the off-topic greeting opening the prose goes."""
    blocks = _blocks(HEADLINE, "4 min read", GREETING, PROSE, PROSE)
    blocks[1].drop("reading-line", "reading time")
    drop_farm_frame(blocks)
    assert [b.text for b in blocks if b.live] == [PROSE, PROSE]
    assert blocks[2].rule == "promo-structure"


def test_a_headline_printed_three_times_without_farm_furniture_is_no_farm() -> None:
    """A breadcrumb, the h1 and a share box print the headline; a bare date line is no
    reading time: nothing is cut and the we/you paragraph stays."""
    blocks = _blocks(HEADLINE, "May 30, 2025", HEADLINE, GREETING, PROSE, HEADLINE, PROSE,
                     echoes=(2, 5))  # fmt: skip
    blocks[1].drop("reading-line", "date line")
    drop_farm_frame(blocks)
    assert [b.text for b in blocks if b.live] == [GREETING, PROSE, PROSE]


def test_a_copy_of_the_headline_inside_the_article_does_not_cut_its_second_half() -> None:
    blocks = _blocks(HEADLINE, "4 min read", HEADLINE, PROSE, PROSE, HEADLINE, PROSE, PROSE,
                     PROSE, echoes=(2, 5))  # fmt: skip
    blocks[1].drop("reading-line", "reading time")
    drop_farm_frame(blocks)
    assert [b.text for b in blocks if b.live] == [PROSE] * 5
