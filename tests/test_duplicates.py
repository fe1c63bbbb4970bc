"""Repeated paragraphs (cleannews.filters.duplicates): by default each paragraph the page
prints again is kept once, with the removal in ``Article.boilerplate`` (rule ``duplicate``);
repetition written into the text (an echo in one passage, a field of records) is kept;
``Options(repeats=True)`` / ``--keep-repeats`` keeps the copies printed in one role too."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from benchmarks.duplicates import repeated_paragraphs

import cleannews
import support
from cleannews.blocks import Block, BlockKind
from cleannews.cli.main import main
from cleannews.filters.duplicates import (
    MIN_REPEATED_CHARS,
    drop_repeated_paragraphs,
    keep_first_copies,
)

PROSE = support.PROSE
NOTICE = "Correction: an earlier version of this story gave the wrong date for the council vote."
OTHER = [
    "The mayor said the new bridge would open in the spring, two years later than first planned.",
    "Engineers found cracks in two of the piers during the first inspection of the summer season.",
    "Residents have crossed the river by ferry since the old bridge was closed in the year before.",
]


def _page(body: str) -> str:
    return f"<html><body><article><h1>Bridge opens late</h1>{body}</article></body></html>"


def _duplicates(article: cleannews.Article) -> list[str]:
    return [item.text for item in article.boilerplate if item.rule == "duplicate"]


def test_consecutive_identical_paragraphs_in_one_container_are_kept() -> None:
    article = cleannews.extract(_page(f"<p>{PROSE}</p><p>{PROSE}</p><p>{OTHER[0]}</p>"))
    assert article.text.count(PROSE) == 2
    assert not _duplicates(article)


def test_a_paragraph_repeated_in_containers_built_alike_is_kept() -> None:
    body = f"<div><p>{OTHER[0]}</p><p>{PROSE}</p></div><h2>More</h2><div><p>{PROSE}</p></div>"
    article = cleannews.extract(_page(body))
    assert article.text.count(PROSE) == 2


def test_a_notice_in_two_different_places_is_kept_once_and_reported() -> None:
    body = (
        f"<div class='notice-top'><p>{NOTICE}</p></div><p>{PROSE}</p><p>{OTHER[0]}</p>"
        f"<div class='bottom-bar'><p>{NOTICE}</p></div>"
    )
    article = cleannews.extract(_page(body))
    assert article.text.count(NOTICE) == 1
    assert _duplicates(article) == [NOTICE]


def test_a_standfirst_as_heading_and_again_as_text_is_kept_once() -> None:
    body = (
        f"<header><h2>{OTHER[1]}</h2></header>"
        f"<div class='body'><p>{OTHER[1]}</p><p>{PROSE}</p><p>{OTHER[0]}</p></div>"
    )
    article = cleannews.extract(_page(body))
    assert article.text.count(OTHER[1]) == 1


def test_a_caption_repeated_in_the_text_keeps_the_body_copy() -> None:
    caption = "The new bridge seen from the east bank of the river, shortly before its opening."
    body = (
        f"<figure><img src='b.jpg'><figcaption>{caption}</figcaption></figure>"
        f"<p>{PROSE}</p><p>{caption}</p><p>{OTHER[0]}</p>"
    )
    article = cleannews.extract(_page(body), options=cleannews.Options(captions=True))
    assert article.text.count(caption) == 1
    figures = [n for s in article.sections for n in s.content if isinstance(n, cleannews.Figure)]
    assert all(f.caption != caption for f in figures)
    assert _duplicates(article) == [caption]


def test_a_section_printed_twice_for_two_layouts_is_kept_once() -> None:
    section = "".join(f"<p>{text}</p>" for text in OTHER)
    body = f"<div class='copy-wide'>{section}</div><div class='copy-narrow'>{section}</div>"
    article = cleannews.extract(_page(body))
    assert all(article.text.count(text) == 1 for text in OTHER)
    assert sorted(_duplicates(article)) == sorted(OTHER)


def test_short_lines_and_table_rows_are_left_to_other_rules() -> None:
    short = "A" * (MIN_REPEATED_CHARS - 1)
    blocks = [Block(short), Block(OTHER[0]), Block(short, BlockKind.HEADING)]
    cells = [Block(OTHER[1], BlockKind.CELL, group=0), Block(OTHER[1], BlockKind.CELL, group=0)]
    drop_repeated_paragraphs([*blocks, *cells])
    assert not any(b.dropped for b in [*blocks, *cells])


def test_copies_of_one_kind_without_elements_are_kept() -> None:
    blocks = [Block(PROSE), Block(OTHER[0]), Block(PROSE)]
    drop_repeated_paragraphs(blocks)
    assert not any(b.dropped for b in blocks)
    heading = Block(PROSE, BlockKind.HEADING)
    drop_repeated_paragraphs([heading, *blocks])
    assert [b.dropped for b in blocks] == [True, False, True]


def test_one_paragraph_over_and_over_is_no_section_printed_twice() -> None:
    article = cleannews.extract(_page(f"<p>{OTHER[0]}</p>" + f"<p>{PROSE}</p>" * 5))
    assert article.text.count(PROSE) == 5


def test_a_heading_echoed_right_below_in_one_parent_is_kept() -> None:
    body = f"<div><h2>{OTHER[1]}</h2><div>{OTHER[1]}</div></div><p>{PROSE}</p><p>{OTHER[0]}</p>"
    article = cleannews.extract(_page(body))
    assert article.text.count(OTHER[1]) == 2


def test_the_benchmark_counts_repeated_paragraphs_not_table_rows() -> None:
    row = f"<tr><td>{OTHER[2]}</td><td>12</td></tr>"
    table = f"<table><tr><th>Note</th><th>Day</th></tr>{row}{row}</table>"
    body = f"<p>{PROSE}</p><p>{PROSE}</p><p>{OTHER[0]}</p>{table}"
    article = cleannews.extract(_page(body))
    assert repeated_paragraphs(article) == [PROSE]
    assert repeated_paragraphs(article, min_chars=len(PROSE) + 1) == []


def _thread(posts: list[tuple[str, str]]) -> str:
    """A forum thread page: each post's text, then its signature in an element so named."""
    items = "".join(
        f"<div class='post'><div class='post-body'><p>{text}</p></div>"
        f"<div class='postsignature'><p>{signature}</p></div></div>"
        for text, signature in posts
    )
    return f"<html><body><main><h1>Which bridge design?</h1>{items}</main></body></html>"


SIGNATURE = "Sent from my old laptop with the sticky keys; please forgive the typing errors."


def test_signatures_under_the_posts_of_a_thread_are_dropped_and_reported() -> None:
    article = cleannews.extract(_thread([(OTHER[0], SIGNATURE), (OTHER[1], SIGNATURE)]))
    assert SIGNATURE not in article.text
    assert OTHER[0] in article.text and OTHER[1] in article.text
    assert [b.text for b in article.boilerplate if b.rule == "signature"] == [SIGNATURE] * 2


def test_a_signature_a_post_typed_in_goes_with_the_marked_ones() -> None:
    page = _thread([(OTHER[0], SIGNATURE), (OTHER[1], NOTICE)]).replace(
        "</main>", f"<div class='post'><p>{OTHER[2]}</p><p>{SIGNATURE}</p></div></main>"
    )
    article = cleannews.extract(page)
    assert SIGNATURE not in article.text and NOTICE not in article.text
    assert OTHER[2] in article.text


def test_one_element_named_signature_is_left_alone() -> None:
    byline = "<div class='signature'><p>By a staff reporter of the river desk</p></div>"
    article = cleannews.extract(_page(f"{byline}<p>{PROSE}</p><p>{OTHER[0]}</p>"))
    assert not [b for b in article.boilerplate if b.rule == "signature"]


def test_of_a_linked_copy_and_a_plain_one_the_plain_one_stays() -> None:
    linked = Block(OTHER[1], link_chars=len(OTHER[1]))
    plain = Block(OTHER[1], BlockKind.QUOTE)
    drop_repeated_paragraphs([linked, Block(PROSE), plain])
    assert linked.dropped and linked.rule == "duplicate"
    assert not plain.dropped


def test_a_page_relaxed_for_being_empty_keeps_its_repeats_once() -> None:
    """Cards printed twice (a mobile and a desktop copy), all of them doubted by the
    classifier: the relaxed retry brings them back, and the copies go again."""
    titles = [OTHER[1], OTHER[2]]
    cards = "".join(
        f"<div class='event-card'><div class='mobile-card'><a href='/e{i}'><h3>{title}</h3></a>"
        f"<p>Online · Free</p></div><div class='desktop-card'><section class='wide'>"
        f"<a href='/e{i}'><h3>{title}</h3></a><span>Online · Free</span></section></div></div>"
        for i, title in enumerate(titles)
    )
    nav = "<nav><a href='/'>Home</a></nav>"
    page = f"<html><body>{nav}<div class='results'>{cards}</div></body></html>"
    article = cleannews.extract(page)
    assert all(article.text.count(title) == 1 for title in titles)
    assert sorted(_duplicates(article)) == sorted(titles)


# --- the last word on repeats (keep_first_copies), after every other verdict -------------------


KEEP = cleannews.Options(repeats=True)


def _kept_once(article: cleannews.Article) -> list[str]:
    """Texts the last pass removed (rule ``duplicate``, "kept once")."""
    return [b.text for b in article.boilerplate if b.rule == "duplicate" and "once" in b.reason]


def _printed_twice() -> str:
    """A passage printed twice in the same markup (two page-builder rows alike)."""
    section = "".join(f"<p>{text}</p>" for text in (PROSE, *OTHER))
    return "".join(f"<div class='row'><div class='text'>{section}</div></div>" for _ in "ab")


def test_a_passage_printed_twice_in_the_same_markup_is_kept_once_by_default() -> None:
    article = cleannews.extract(_page(_printed_twice()))
    assert all(article.text.count(text) == 1 for text in (PROSE, *OTHER))
    assert sorted(_kept_once(article)) == sorted((PROSE, *OTHER))  # the later copies
    assert {b.rule for b in article.boilerplate if b.text == PROSE} == {"duplicate"}
    assert repeated_paragraphs(article) == []


def test_keep_repeats_keeps_every_copy_the_page_prints_in_one_role() -> None:
    article = cleannews.extract(_page(_printed_twice()), options=KEEP)
    assert all(article.text.count(text) == 2 for text in (PROSE, *OTHER))
    assert not _duplicates(article)
    layout = f"<div class='notice-top'><p>{NOTICE}</p></div><p>{PROSE}</p><p>{OTHER[0]}</p>"
    layout += f"<div class='bottom-bar'><p>{NOTICE}</p></div>"
    assert cleannews.extract(_page(layout), options=KEEP).text.count(NOTICE) == 1  # a layout copy


def test_a_banner_repeated_in_the_same_markup_is_kept_once() -> None:
    banner = f"<section class='hero'><p>{NOTICE}</p></section>"
    body = f"{banner}<p>{PROSE}</p><p>{OTHER[0]}</p>{banner}<p>{OTHER[1]}</p>"
    article = cleannews.extract(_page(body))
    assert article.text.count(NOTICE) == 1
    assert article.text.index(NOTICE) < article.text.index(PROSE)  # the first copy stays
    assert _kept_once(article) == [NOTICE]


def test_one_term_under_each_of_several_offers_stays_with_each() -> None:
    """A field of records that differ otherwise is written into each record."""
    terms = "Offer valid for new bookings only; taxes and resort fees are paid at the hotel."
    offers = "".join(
        f"<div class='offer'><h3>{name}</h3><p>{text}</p><p>{terms}</p></div>"
        for name, text in (("Spring break", OTHER[0]), ("Summer week", OTHER[1]))
    )
    article = cleannews.extract(_page(f"<p>{PROSE}</p>{offers}"))
    assert article.text.count(terms) == 2
    assert not _duplicates(article)


def test_a_paragraph_echoed_in_one_passage_is_written_and_stays() -> None:
    body = f"<p>{PROSE}</p><p>{OTHER[0]}</p><p>{PROSE}</p><p>{OTHER[1]}</p><p>{PROSE}</p>"
    assert cleannews.extract(_page(body)).text.count(PROSE) == 3
    heading = "What this means for the people who cross the river every day to work"
    body = f"<h2>{heading}</h2><p>{PROSE}</p><h2>{heading}</h2><p>{OTHER[0]}</p>"
    article = cleannews.extract(_page(body))  # a heading twice is a label, not writing
    assert article.text.count(heading) == 1 and _kept_once(article) == [heading]


def test_the_command_line_keeps_repeats_once_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page(_printed_twice()), encoding="utf-8")
    assert main([str(page), "-f", "text"]) == 0
    assert capsys.readouterr().out.count(PROSE) == 1
    assert main([str(page), "-f", "text", "--keep-repeats"]) == 0
    assert capsys.readouterr().out.count(PROSE) == 2
    assert main([str(page), "-f", "json", "--explain"]) == 0
    assert capsys.readouterr().out.count('"duplicate"') == 1 + len(OTHER)


def test_repeats_once_keeps_short_lines_and_data_table_rows() -> None:
    short = "Read more of our coverage below."
    row = f"<tr><td>{OTHER[2]}</td><td>12</td></tr>"
    table = f"<table><tr><th>Note</th><th>Day</th></tr>{row}{row}</table>"
    body = f"<p>{PROSE}</p><p>{short}</p><p>{OTHER[0]}</p><p>{short}</p>{table}"
    article = cleannews.extract(_page(body))
    assert article.text.count(short) == 2
    assert article.text.count(OTHER[2]) == 2
    assert not _duplicates(article)


def test_a_layout_table_repeating_a_cell_keeps_it_once() -> None:
    """A table for presentation is read as paragraphs: its repeated cell is a repeated one."""
    rows = "".join(f"<tr><td>{text}</td></tr>" for text in (OTHER[1], PROSE, OTHER[2], PROSE))
    body = f"<p>{OTHER[0]}</p><table role='presentation'>{rows}</table>"
    article = cleannews.extract(_page(body))
    assert article.text.count(PROSE) == 1
    assert repeated_paragraphs(article) == []


def test_keep_first_copies_judges_only_live_blocks_and_keeps_the_first() -> None:
    dropped = Block(PROSE)
    dropped.drop("promo", "test")
    first, other, copy = Block(PROSE), Block(OTHER[0]), Block(" ".join(PROSE.upper().split()))
    heading = Block(PROSE, BlockKind.HEADING)
    keep_first_copies([dropped, first, other, copy, heading], captions=False)
    assert not first.dropped and not other.dropped
    assert copy.dropped and heading.dropped and heading.rule == "duplicate"
    assert dropped.rule == "promo"


def test_captions_count_only_when_they_are_body_text() -> None:
    caption = Block(OTHER[1], BlockKind.CAPTION)
    again = Block(OTHER[1], BlockKind.CAPTION)
    keep_first_copies([caption, Block(PROSE), again], captions=False)
    assert not again.dropped  # figures, not text: both pictures keep their caption
    keep_first_copies([caption, Block(PROSE), again], captions=True)
    assert again.dropped


def _text_page(middle: str) -> str:
    lines = [
        "Home | News | Sport",
        "Bridge to be rebuilt after council vote",
        PROSE,
        OTHER[0],
        middle,
        OTHER[1],
        OTHER[2],
        "Privacy policy · Cookie settings",
    ]
    return "\n\n".join(lines)


def test_text_mode_keeps_every_repeat_once_by_default() -> None:
    """Text has no elements to tell a record or a passage by: every copy goes."""
    markdown = cleannews.InputKind.MARKDOWN
    page = _text_page(f"# {PROSE}")  # a Markdown heading repeating the first paragraph
    article = cleannews.extract(page, options=cleannews.Options(input_kind=markdown))
    assert repeated_paragraphs(article) == [] and _duplicates(article) == [PROSE]
    kept = cleannews.Options(input_kind=markdown, repeats=True)
    assert repeated_paragraphs(cleannews.extract(page, options=kept)) == [PROSE]
    refrain = _text_page(PROSE)
    text = cleannews.Options(input_kind=cleannews.InputKind.TEXT)
    article = cleannews.extract(refrain, options=text)
    assert article.text.count(PROSE) == 1 and _duplicates(article) == [PROSE]
    kept = dataclasses.replace(text, repeats=True)
    assert cleannews.extract(refrain, options=kept).text.count(PROSE) == 2
