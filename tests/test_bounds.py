"""Article boundaries (cleannews.structure.bounds): the body run and what frames it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import cleannews
import support
from cleannews.blocks import Block, BlockKind, Label
from cleannews.structure.bounds import (
    BODY_WORDS,
    HEADLINE_TO_BODY,
    body_run,
    drop_above_headline,
    drop_edge_disclosures,
    drop_edges,
    drop_trailing_author_boxes,
    is_body_paragraph,
)

#: Two sentences of prose: long enough to be a body paragraph.
BODY = support.PROSE + " " + support.PROSE


def test_body_paragraph_is_long_prose() -> None:
    assert is_body_paragraph(Block(BODY))
    assert not is_body_paragraph(Block(" ".join(["word"] * BODY_WORDS)))
    assert not is_body_paragraph(Block(BODY, BlockKind.HEADING, level=2))
    assert not is_body_paragraph(Block(BODY, BlockKind.LIST_ITEM, group=0))


def test_body_run_spans_the_live_body_paragraphs() -> None:
    dropped = Block(BODY)
    dropped.drop("classifier", "chrome")
    blocks = [Block("Kicker"), Block(BODY), Block("Short line."), Block(BODY), dropped]
    assert body_run(blocks) == (1, 3)
    assert body_run([Block("Short line.")]) is None


def test_prompts_after_the_last_body_paragraph_are_dropped() -> None:
    prompt = Block("Sign up for our newsletter to get the latest stories.")
    follow = Block("Follow us on Facebook")
    blocks = [Block(BODY), Block(BODY), prompt, follow]
    drop_edges(blocks)
    assert (prompt.rule, follow.rule) == ("edge-subscribe", "edge-follow")
    assert prompt.reason == "newsletter or subscription prompt outside the article's body"
    assert not blocks[0].dropped and not blocks[1].dropped


def test_a_disclosure_before_the_first_body_paragraph_is_dropped() -> None:
    disclosure = Block("We may earn commission from links on this page.")
    headline = Block("Best kettles", BlockKind.HEADING, level=1, label=Label.TITLE)
    blocks = [headline, disclosure, Block(BODY)]
    drop_edges(blocks)
    assert disclosure.rule == "edge-affiliate"
    assert headline.label is Label.TITLE


def test_trailer_only_leaves_the_header_to_the_caller() -> None:
    header = Block("Follow us on Facebook")
    trailer = Block("Follow us on Facebook")
    blocks = [header, Block(BODY), Block(BODY), trailer]
    drop_edges(blocks, trailer_only=True)
    assert not header.dropped and trailer.rule == "edge-follow"


def test_the_same_words_inside_the_body_run_stay() -> None:
    inner = Block("Comments are closed.")
    blocks = [Block(BODY), inner, Block(BODY)]
    drop_edges(blocks)
    assert not inner.dropped


def test_nothing_is_dropped_on_a_page_without_body_paragraphs() -> None:
    prompt = Block("Sign up for our newsletter.")
    blocks = [Block("Opening hours: 9 to 5."), prompt]
    drop_edges(blocks)
    assert not prompt.dropped


def test_a_long_paragraph_with_a_prompt_in_it_stays() -> None:
    bio = Block(
        "Jane Doe is a reporter covering courts, city hall and the long fight over the "
        "harbour, and before that wrote about schools for a decade. Follow her on Twitter."
    )
    blocks = [Block(BODY), bio]
    drop_edges(blocks)
    assert not bio.dropped


def test_code_and_table_cells_are_never_edge_dropped() -> None:
    code = Block("subscribe to our newsletter", BlockKind.CODE)
    blocks = [Block(BODY), code]
    drop_edges(blocks)
    assert not code.dropped


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Folgen Sie uns auf Facebook", "edge-follow-multi"),
        ("Les commentaires sont fermés.", "edge-comments-multi"),
        ("Suscríbete a nuestro boletín", "edge-subscribe-multi"),
        ("Lascia un commento", "edge-comments-multi"),
        ("Torne-se assinante", "edge-support-multi"),
    ],
)
def test_prompts_in_other_languages_are_dropped(text: str, rule: str) -> None:
    prompt = Block(text)
    drop_edges([Block(BODY), prompt])
    assert prompt.rule == rule


def test_extract_leaves_the_trailer_out_and_records_it() -> None:
    page = (
        "<html><head><title>Bridge reopens</title></head><body><article>"
        f"<h1>Bridge reopens</h1><p>{BODY}</p><p>{BODY}</p>"
        "<p>This post contains affiliate links.</p>"
        "</article></body></html>"
    )
    article = cleannews.extract(page)
    assert "affiliate" not in article.text
    assert support.PROSE in article.text
    removed = [item for item in article.boilerplate if item.rule == "edge-affiliate"]
    assert [item.text for item in removed] == ["This post contains affiliate links."]


# header lines: bylines and date lines leave the body for the metadata ---------------------


def _page(header: str, after: str = "") -> str:
    return (
        "<html><head><title>Bridge reopens</title></head><body><article>"
        f"<h1>Bridge reopens</h1>{header}<p>{BODY}</p>{after}<p>{BODY}</p>"
        "</article></body></html>"
    )


def test_byline_and_date_line_go_to_the_metadata_not_the_body() -> None:
    article = cleannews.extract(
        _page("<p>By Jane Doe, City Reporter</p><p>Aktualisiert: 11.04.2020, 10:27</p>"),
        options=cleannews.Options(reference_time=datetime(2021, 1, 1, tzinfo=UTC)),
    )
    assert "Jane Doe" not in article.text and "11.04.2020" not in article.text
    assert article.authors == ("Jane Doe",)
    assert article.modified is not None and article.modified.month == 4
    rules = {item.rule: item.text for item in article.boilerplate}
    assert rules["byline"] == "By Jane Doe, City Reporter"
    assert rules["dateline"] == "Aktualisiert: 11.04.2020, 10:27"


def test_a_byline_marked_by_class_needs_no_prefix() -> None:
    article = cleannews.extract(_page('<p class="article-author">Jane Doe</p>'))
    assert "Jane Doe" not in article.text
    assert article.authors == ("Jane Doe",)


def test_a_lead_sentence_with_a_date_stays() -> None:
    lead = "On 3 May 2021 the council voted to rebuild it."
    article = cleannews.extract(_page(f"<p>{lead}</p>"))
    assert lead in article.text


def test_lines_below_the_first_body_paragraph_are_not_header_lines() -> None:
    lines = "<p>By Jane Doe, City Reporter</p><p>Aktualisiert: 11.04.2020, 10:27</p>"
    article = cleannews.extract(_page("", after=lines))
    assert "By Jane Doe, City Reporter" in article.text
    assert "Aktualisiert: 11.04.2020, 10:27" in article.text


def test_no_header_lines_without_a_body_paragraph() -> None:
    page = (
        "<html><head><title>Hours</title></head><body><h1>Hours</h1>"
        "<p>By Jane Doe, City Reporter</p>"
        "<p>Open daily from 9 to 5, except on public holidays.</p></body></html>"
    )
    assert "By Jane Doe, City Reporter" in cleannews.extract(page).text


# above the headline ---------------------------------------------------------------------


def _headline() -> Block:
    return Block("Bridge reopens", BlockKind.HEADING, level=1, label=Label.TITLE)


def test_short_lines_above_a_headline_that_heads_the_body_are_dropped() -> None:
    crumb = Block("News", BlockKind.LIST_ITEM, group=0)
    banner = Block("Free shipping on orders over $75")
    blocks = [crumb, banner, _headline(), Block(BODY), Block(BODY)]
    drop_above_headline(blocks)
    assert (crumb.rule, banner.rule) == ("above-headline", "above-headline")
    assert crumb.reason == "short line above the headline (page furniture)"


def test_headings_cells_and_long_paragraphs_above_the_headline_stay() -> None:
    kept = [
        Block("Technology", BlockKind.HEADING, level=2),
        Block("Brand", BlockKind.CELL, group=0, row=0),
        Block(BODY),
    ]
    blocks = [*kept, _headline(), Block(BODY)]
    drop_above_headline(blocks)
    assert not any(block.dropped for block in kept)


def test_nothing_above_a_headline_far_from_the_body_is_dropped() -> None:
    line = Block("Opening hours")
    filler = [Block(f"Item {n}", BlockKind.LIST_ITEM, group=1) for n in range(HEADLINE_TO_BODY)]
    blocks = [line, _headline(), *filler, Block(BODY)]
    drop_above_headline(blocks)
    assert not line.dropped


def test_nothing_is_dropped_above_the_body_without_a_headline() -> None:
    line = Block("Opening hours")
    blocks = [line, Block(BODY)]
    drop_above_headline(blocks)
    assert not line.dropped


# author boxes below the article -------------------------------------------------------------

#: A bio as long as a body paragraph: it must not extend the body run.
BIO = "Jane Doe has reported on the city's bridges and tunnels since 2009. " * 4


def _boxed(box: str) -> str:
    return (
        "<html><head><title>Bridge reopens</title></head><body><article>"
        f"<h1>Bridge reopens</h1><div class='entry'><p>{BODY}</p><p>{BODY}</p></div>"
        f"{box}</article></body></html>"
    )


def test_an_author_box_below_the_article_is_dropped_with_its_long_bio() -> None:
    box = f"<div class='post-author-bio'><h4>About the author</h4><p>{BIO}</p></div>"
    article = cleannews.extract(_boxed(box))
    assert "Jane Doe has reported" not in article.text
    assert "About the author" not in article.text
    assert support.PROSE in article.text
    assert {item.rule for item in article.boilerplate} >= {"author-box"}


def test_a_bare_author_class_below_the_article_is_no_author_box() -> None:
    article = cleannews.extract(_boxed(f"<div class='author'><p>{BIO}</p></div>"))
    assert "Jane Doe has reported" in article.text


def test_an_author_box_that_holds_the_body_stays() -> None:
    page = (
        "<html><head><title>Bridge reopens</title></head><body>"
        f"<div class='author-bio-wrap'><h1>Bridge reopens</h1><p>{BODY}</p><p>{BODY}</p>"
        f"<p>{BIO}</p></div></body></html>"
    )
    assert "Jane Doe has reported" in cleannews.extract(page).text


def _blocks_of(markup: str) -> list[Block]:
    """One block per paragraph and heading of ``markup``, with its block-level ancestors."""
    body = support.body_of(markup)
    found = []
    for element in body.iter("p", "h4"):
        chain = [element, *(a for a in element.iterancestors() if a.tag in ("div", "article"))]
        kind = BlockKind.HEADING if element.tag == "h4" else BlockKind.PARAGRAPH
        found.append(Block(element.text or "", kind, element=element, ancestors=(*chain[::-1],)))
    return found


def test_author_lines_repeated_in_cards_are_no_author_box() -> None:
    card = f"<div class='card'><p>{BIO}</p><div class='author-bio'><p>By Kim Lee</p></div></div>"
    blocks = _blocks_of(f"<article><p>{BODY}</p>{card * 3}</article>")
    drop_trailing_author_boxes(blocks)
    assert not any(block.dropped for block in blocks)
    single = _blocks_of(f"<article><p>{BODY}</p>{card}</article>")
    drop_trailing_author_boxes(single)
    assert [block.rule for block in single] == ["", "", "author-box"]


# disclosure boxes at the edges ----------------------------------------------------------------


def test_a_disclosure_box_outside_the_body_is_dropped_in_any_language() -> None:
    note = "Wir erhalten eine Provision, wenn Sie über diese Links einkaufen."
    blocks = _blocks_of(
        f"<article><div class='editorial-disclosure'><p>{note}</p></div>"
        f"<p>{BODY}</p><p>{BODY}</p></article>"
    )
    drop_edge_disclosures(blocks)
    assert [block.rule for block in blocks] == ["disclosure-box", "", ""]


def test_a_disclosure_box_inside_the_body_run_stays() -> None:
    note = "Die Autorin hat die Reise selbst bezahlt."
    blocks = _blocks_of(
        f"<article><p>{BODY}</p><div class='disclaimer'><p>{note}</p></div><p>{BODY}</p></article>"
    )
    drop_edge_disclosures(blocks)
    assert not any(block.dropped for block in blocks)


def test_a_disclosure_named_wrapper_holding_the_body_is_no_box() -> None:
    blocks = _blocks_of(
        f"<div class='disclaimer-page'><p>{BODY}</p><p>{BODY}</p><p>Last updated 2024.</p></div>"
    )
    drop_edge_disclosures(blocks)
    assert not any(block.dropped for block in blocks)
