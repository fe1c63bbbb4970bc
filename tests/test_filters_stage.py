"""The filters stage (cleannews.filters): boilerplate rules on blocks."""

from __future__ import annotations

import pytest
from lxml import etree

import cleannews
import support
from cleannews.blocks import Block, BlockKind, Label
from cleannews.filters.boilerplate import (
    drop_empty_headings,
    drop_link_heavy,
    drop_phrase_lines,
    drop_promo,
    promo_score,
)
from cleannews.filters.features import compute
from cleannews.filters.neighbours import (
    MIN_TEXT_BESIDE_CARDS,
    drop_teaser_cards,
    restore_feed_items,
    restore_inner_headings,
    restore_inner_links,
    restore_inner_sentences,
    restore_inside_main,
)
from cleannews.pipeline import segment_and_score

PROSE = support.PROSE


# filters -----------------------------------------------------------------------------


def _blocks(*texts: str, kind: BlockKind = BlockKind.PARAGRAPH) -> list[Block]:
    blocks = [Block(t, kind) for t in texts]
    compute(blocks)
    return blocks


def test_phrase_lines_drop_labels_but_not_sentences() -> None:
    blocks = _blocks("Advertisement", "Share prices fell sharply on Monday.", "5 min read")
    drop_phrase_lines(blocks)
    assert [b.rule for b in blocks] == ["ui-leftover", "", "reading-line"]


def test_promo_generalises_to_new_wording() -> None:
    promo = (
        "Thanks for stopping by our blog, your go-to source for celebrity gossip. "
        "Subscribe to our newsletter and join thousands of fans!"
    )
    blocks = _blocks(promo, PROSE, "Our team played well, the coach said after the match.")
    drop_promo(blocks)
    assert [b.rule for b in blocks] == ["promo", "", ""]
    assert promo_score(promo)[0] >= 3


def test_link_heavy_blocks_and_link_lists_are_dropped() -> None:
    items = [Block(f"Story {n}", BlockKind.LIST_ITEM, group=1, link_chars=7) for n in range(3)]
    para = Block("Read the full story here", link_chars=24)
    keep = Block(PROSE, link_chars=5)
    drop_link_heavy([*items, para, keep])
    assert all(i.rule == "link-list" for i in items)
    assert para.rule == "link-heavy"
    assert not keep.dropped


def test_a_numbered_list_of_linked_sentences_is_prose_a_bulleted_one_is_not() -> None:
    citation = 'Jones, Ann (2015). "A History of Time Travel". Press. Retrieved 2020.'
    linked = round(len(citation) * 0.65)  # a linked title and publisher

    def item_list(group: int, ordered: bool) -> list[Block]:
        return [
            Block(citation, BlockKind.LIST_ITEM, group=group, ordered=ordered, link_chars=linked)
            for _ in range(4)
        ]

    references, feed = item_list(1, True), item_list(2, False)
    drop_link_heavy([*references, *feed])
    assert not any(item.dropped for item in references)
    assert all(item.rule == "link-list" for item in feed)


def test_a_list_of_text_with_links_inside_is_no_link_list() -> None:
    def item(group: int, text: str, linked: int) -> Block:
        return Block(text, BlockKind.LIST_ITEM, group=group, link_chars=linked)

    labelled = [  # a label and its linked value, beside a bare link: content
        item(1, "Official website: Four Seasons", 13),
        item(1, "Flagship hotel: Four Seasons Toronto, Canada", 21),
        item(1, "Read my review", 14),
    ]
    related = [  # "Related:" headline lines: bare links, the label is short
        item(2, "Related: Council approves the new budget for the city", 45),
        item(2, "Related: Storm closes schools across the region today", 45),
        item(2, "More weather coverage", 10),
    ]
    drop_link_heavy([*labelled, *related])
    assert not any(b.dropped for b in labelled)
    assert all(b.rule == "link-list" for b in related)


def _dropped(text: str) -> Block:
    block = Block(text)
    block.drop("classifier", "looks like boilerplate")
    return block


def test_headings_without_content_are_dropped() -> None:
    blocks = [
        Block("Kept", BlockKind.HEADING, level=2),
        Block(PROSE),
        Block("Empty", BlockKind.HEADING, level=2),
        _dropped("Sign up for our newsletter"),
        Block("Parent", BlockKind.HEADING, level=2),
        Block("Child", BlockKind.HEADING, level=3),
        Block(PROSE),
        Block("Trailing", BlockKind.HEADING, level=2),
    ]
    drop_empty_headings(blocks)
    kept = [b.text for b in blocks if b.live]
    assert kept == ["Kept", PROSE, "Parent", "Child", PROSE]


def test_a_heading_stacked_on_a_kept_heading_of_its_rank_stays() -> None:
    stacked = [  # a name over its role, then the role's text
        Block("Sarah Ward", BlockKind.HEADING, level=2),
        Block("Parent", BlockKind.HEADING, level=2),
        Block(PROSE),
    ]
    related = Block("Related", BlockKind.HEADING, level=2)
    teasers = [Block(f"Story {n}", BlockKind.HEADING, level=3) for n in range(3)]
    blocks = [*stacked, related, *teasers]  # a stack of empty headings goes as a whole
    drop_empty_headings(blocks)
    drop_empty_headings([])  # a page without blocks
    assert [b.text for b in blocks if b.live] == ["Sarah Ward", "Parent", PROSE]


def _doubted(text: str, links: tuple[tuple[str, str], ...] = ()) -> Block:
    block = Block(text, BlockKind.HEADING, level=2, link_chars=len(text), links=links)
    block.drop("classifier", "looks like boilerplate")
    return block


def test_doubted_headings_between_kept_prose_are_restored() -> None:
    inner = _doubted("Conclusion", (("Conclusion", "#toc-conclusion"),))
    chrome_hint = _doubted("Our partners")
    chrome_hint.hint = -1.0
    offsite = _doubted("Read this next", (("Read this next", "https://example.com/next"),))
    before_dropped = _doubted("Related")
    teaser = Block(PROSE)
    teaser.drop("classifier", "looks like boilerplate")
    blocks = [
        Block(PROSE), inner, Block(PROSE),
        chrome_hint, Block(PROSE),
        offsite, Block(PROSE),
        before_dropped, teaser,
    ]  # fmt: skip
    restore_inner_headings(blocks)
    assert not inner.dropped
    assert chrome_hint.dropped and offsite.dropped and before_dropped.dropped


def test_a_doubted_heading_needs_prose_after_it() -> None:
    heading = _doubted("Share")
    blocks = [Block(PROSE), heading, Block("Short line.")]
    restore_inner_headings(blocks)
    assert heading.dropped


def test_doubted_sentences_between_kept_paragraphs_are_restored() -> None:
    lines = [Block("“Gotcha.”"), Block("He grinned."), Block("Advertisement"), Block("Next one.")]
    for line in lines:
        line.drop("classifier", "looks like boilerplate")
    long_run = [Block(f"Line {n}.") for n in range(4)]
    for line in long_run:
        line.drop("classifier", "looks like boilerplate")
    blocks = [
        Block(PROSE),
        *lines[:2],
        Block(PROSE),
        lines[2],
        Block(PROSE),
        *long_run,
        Block(PROSE),
    ]
    restore_inner_sentences(blocks)
    assert not lines[0].dropped and not lines[1].dropped
    assert lines[2].dropped  # a label, not a sentence
    assert all(line.dropped for line in long_run)  # too long a run to be the article's
    restore_inner_sentences([lines[3], Block(PROSE)])  # nothing kept before it
    assert lines[3].dropped


def _linked_lines(*lines: str) -> list[Block]:
    """Blocks of an article whose paragraphs alternate with wholly linked ``lines``, after
    the link-heavy filter."""
    linked = [
        f"<p><a href='https://example.org/{i}'>{line}</a></p>" for i, line in enumerate(lines)
    ]
    story = f"<p>{PROSE}</p>" + "".join(f"{line}<p>{PROSE}</p>" for line in linked)
    blocks = segment_and_score(etree.fromstring(f"<body>{story}</body>", etree.HTMLParser()))
    drop_link_heavy(blocks)
    return blocks


def test_a_linked_line_between_kept_paragraphs_is_restored() -> None:
    blocks = _linked_lines(
        "Was sagt Professor Drosten dazu?",
        "Read more: Another story about the town",  # a labelled pointer to another story
        "Tous droits réservés",  # a line a vetoing hint rule names
    )
    assert [b.rule for b in blocks if PROSE not in b.text] == ["link-heavy"] * 3
    restore_inner_links(blocks)
    assert [b.dropped for b in blocks if PROSE not in b.text] == [False, True, True]


def test_a_linked_line_beside_short_text_stays_dropped() -> None:
    blocks = segment_and_score(
        etree.fromstring(
            f"<body><p>{PROSE}</p><p><a href='https://example.org/'>Was sagt er dazu?</a></p>"
            "<p>Short line.</p></body>",
            etree.HTMLParser(),
        )
    )
    drop_link_heavy(blocks)
    restore_inner_links(blocks)
    assert [b.rule for b in blocks] == ["", "link-heavy", ""]


def test_doubted_blocks_between_kept_blocks_of_the_main_container_are_restored() -> None:
    """A service page's short feature lines and spec cells between its kept paragraphs come
    back; a line the model is sure of, an outbound link, a block outside the container or
    past its last kept block stays out."""
    main, aside = etree.Element("main"), etree.Element("aside")

    def doubted(text: str, p: float, where: etree._Element = main, **kw: object) -> Block:
        block = Block(text, ancestors=(where,), **kw)  # type: ignore[arg-type]
        block.drop("classifier", "looks like boilerplate")
        block.features.p_content = p
        return block

    feature, cell = doubted("Free returns for 30 days", 0.4), doubted("Weight: 8 kg", 0.3)
    sure = doubted("Cookie settings", 0.05)
    linked = doubted("Shop now", 0.5, links=(("Shop now", "https://shop.example/x"),))
    beside = doubted("Related offers", 0.5, where=aside)
    after = doubted("Similar products", 0.5)
    first, last = Block(PROSE, ancestors=(main,)), Block(PROSE, ancestors=(main,))
    blocks = [first, feature, sure, linked, beside, cell, last, after]
    restore_inside_main(blocks, [main])
    assert not feature.dropped and not cell.dropped
    assert sure.dropped and linked.dropped and beside.dropped and after.dropped
    restore_inside_main(blocks, [])  # no main container: nothing to go by
    assert sure.dropped


def _feed(items: int, story: etree._Element | None = None) -> tuple[list[Block], list[Block]]:
    """A feed of ``items`` cards (HTML5 article elements): each a kept excerpt and a linked
    headline the classifier doubted; ``story``: every excerpt lies inside that one element."""
    body = etree.Element("main")
    blocks, headlines = [], []
    for n in range(items):
        card = etree.SubElement(body, "article")
        chain = (body, card) if story is None else (story, body, card)
        headline = Block(f"Story {n} of the day", ancestors=chain)
        headline.drop("link-heavy", "mostly links (100%)")
        excerpt = Block(f"A short summary of story {n}, in a sentence or two.", ancestors=chain)
        blocks += [headline, excerpt]
        headlines.append(headline)
    return blocks, headlines


def test_a_feeds_doubted_card_headlines_are_given_back() -> None:
    blocks, headlines = _feed(12)
    restore_feed_items(blocks)
    assert not any(h.dropped for h in headlines)


def test_few_cards_or_a_story_in_one_item_keep_their_verdicts() -> None:
    few, few_headlines = _feed(6)  # related stories under an article, not a feed
    restore_feed_items(few)
    assert all(h.dropped for h in few_headlines)
    story = etree.Element("article")  # the story's own article element holds every card
    inside, inside_headlines = _feed(12, story)
    restore_feed_items([Block(PROSE * 3, ancestors=(story,)), *inside])
    assert all(h.dropped for h in inside_headlines)
    beside, beside_headlines = _feed(12)  # long prose beside the cards: an article page
    restore_feed_items([Block(" ".join([PROSE] * 4)) for _ in range(3)] + beside)
    assert all(h.dropped for h in beside_headlines)


def _slideshow_page(article_paragraphs: int, legend: str = "{k}/{n}") -> str:
    story = "".join(
        f"<p>{PROSE} Paragraph {i} of the story.</p>" for i in range(article_paragraphs)
    )
    slides = "".join(
        f"<li><h2><span>{legend.format(k=k, n=8)}</span> Slide title {k}</h2>"
        f"<p>{PROSE} This legend describes photo number {k} of another story.</p></li>"
        for k in range(1, 9)
    )
    gallery = f"<div><h2>Business in pictures</h2><ul>{slides}</ul></div>"
    return f"<html><body><article><h1>Headline</h1>{story}{gallery}{story}</article></body></html>"


@pytest.mark.parametrize("legend", ["{k}/{n}", "{k} / {n}", "{k} of {n}"])
def test_an_embedded_slideshow_is_dropped_with_its_title(legend: str) -> None:
    article = cleannews.extract(_slideshow_page(2, legend))
    assert "of the story" in article.text
    assert "photo number" not in article.text
    assert "in pictures" not in article.text
    assert any(r.rule == "slideshow" for r in article.boilerplate)


def test_a_page_that_is_only_a_slideshow_keeps_it() -> None:
    article = cleannews.extract(_slideshow_page(0))
    assert article.text.count("photo number") == 8


def test_fractions_and_dates_are_not_slide_counters() -> None:
    steps = "".join(f"<li>{k}/2 cup of flour, sifted twice, for step {k}</li>" for k in range(7))
    page = (
        f"<html><body><article><h1>Bread</h1><p>{PROSE}</p><ul>{steps}</ul></article></body></html>"
    )
    assert cleannews.extract(page).text.count("cup of flour") == 7


def _chart_page(labels: list[str], pictures: int = 1) -> str:
    spans = "".join(f"<div style='top:{i}%;left:5%'><p>{label}</p></div>" for i, label in
                    enumerate(labels))  # fmt: skip
    images = "<img src='chart.png' alt=''>" * pictures
    chart = f"<div class='graphic'><div class='artboard'>{images}{spans}</div></div>"
    story = f"<p>{PROSE} Before the chart.</p>{chart}<p>{PROSE} After the chart.</p>"
    return f"<html><body><article><h1>Headline</h1>{story}</article></body></html>"


_TICKS = ["Interest on the debt", "$915", "billion", "600", "300", "0", "'17", "'18", "'19"]


def test_labels_laid_over_a_chart_are_dropped() -> None:
    article = cleannews.extract(_chart_page(_TICKS))
    assert "Before the chart" in article.text and "After the chart" in article.text
    assert "$915" not in article.text and "Interest on the debt" not in article.text
    assert any(r.rule == "chart-labels" for r in article.boilerplate)


@pytest.mark.parametrize(
    ("labels", "pictures"),
    [
        (_TICKS, 2),  # a gallery, not one chart
        (_TICKS[:7], 1),  # too few labels
        (["Noise cancelling", "Yes", "Battery", "20 hours", "Controls", "Touch", "App",
          "Maker app", "Fit", "Snug"], 1),  # a product's feature sheet: words, not numbers
        ([*_TICKS, "The debt grew by a third in ten years."], 1),  # a sentence among them
    ],
)  # fmt: skip
def test_short_lines_beside_a_picture_that_are_no_chart_stay(
    labels: list[str], pictures: int
) -> None:
    article = cleannews.extract(_chart_page(labels, pictures))
    assert not any(r.rule == "chart-labels" for r in article.boilerplate)


def test_labels_are_exclusive() -> None:
    block = Block("x")
    block.drop("rule", "why")
    assert block.dropped and block.label is Label.BOILERPLATE


def test_relax_and_retry_keeps_a_tiny_page_rather_than_nothing() -> None:
    article = cleannews.extract("<html><head><title>x</title></head><body>Just one line</body>")
    assert article.text == "Just one line"
    kept = cleannews.extract(f"<html><body><article><p>{PROSE}</p></article></body></html>")
    assert kept.text == PROSE  # a page with content is not relaxed


def _card_page(cards: int, paragraphs: int) -> str:
    items = "".join(
        f'<div class="item"><h3><a href="/s{i}">Another story about the town, number {i}</a>'
        f"</h3><p>A short excerpt of story {i}, with a few more words.</p></div>"
        for i in range(cards)
    )
    story = f"<p>{PROSE} {PROSE}</p>" * paragraphs
    page = f"<article><h1>Title</h1>{story}<div class='list'>{items}</div></article>"
    return f"<html><body>{page}</body></html>"


def test_headline_and_excerpt_cards_beside_an_article_are_dropped() -> None:
    article = cleannews.extract(_card_page(4, 5))
    assert "Another story" not in article.text and "short excerpt" not in article.text
    assert article.text.count(PROSE) == 10
    assert sum(item.rule == "teaser-cards" for item in article.boilerplate) == 8


def _card_blocks(cards: int, paragraphs: int, others: int = 0) -> list[Block]:
    """The blocks of an article with ``cards`` related-story cards below it, each in its own
    column (classes alike but numbered), the cards' linked headlines and dates already
    dropped, only their excerpts kept; ``others``: cards of a second run, all kept."""
    column = (
        "<div class='col col-{i}'><div class='card'><h2><a href='/s{i}'>Story {i} of the"
        " town</a></h2><p><a href='/d{i}'>May {i}, 2024</a></p><p>A short excerpt of story"
        " {i}, with a few more words.</p></div></div>"
    )
    tiles = "".join(
        f"<li class='tile'><h3><a href='/t{i}'>Tile {i} heading</a></h3><p>Tile {i} text.</p></li>"
        for i in range(others)
    )
    story = f"<p>{PROSE} {PROSE}</p>" * paragraphs
    row = "".join(column.format(i=i) for i in range(cards))
    page = f"<body><article>{story}</article><div class='row'>{row}</div><ul>{tiles}</ul></body>"
    blocks = segment_and_score(etree.fromstring(page, etree.HTMLParser()).find("body"))
    for block in blocks:
        if block.links and not block.text.startswith("Tile"):
            block.drop("classifier", "looks like boilerplate")
    return blocks


def test_cards_whose_headlines_are_gone_lose_their_excerpts() -> None:
    blocks = _card_blocks(3, 5)
    drop_teaser_cards(blocks)
    assert [b.rule for b in blocks if "short excerpt" in b.text] == ["teaser-cards"] * 3
    assert all(not b.dropped for b in blocks if PROSE in b.text)


def test_a_page_of_card_runs_keeps_its_cards() -> None:
    blocks = _card_blocks(3, 3, others=8)  # the article is short, with or beside the tiles
    assert 900 < sum(len(b.text) for b in blocks if PROSE in b.text) < MIN_TEXT_BESIDE_CARDS
    drop_teaser_cards(blocks)
    assert not any(b.rule == "teaser-cards" for b in blocks)
    few = _card_blocks(2, 5)
    drop_teaser_cards(few)
    assert not any(b.rule == "teaser-cards" for b in few)


def test_cards_that_are_the_page_or_too_few_are_kept() -> None:
    listing = cleannews.extract(_card_page(6, 1))  # a listing: the cards hold most of the text
    assert listing.text.count("short excerpt") == 6
    pair = cleannews.extract(_card_page(2, 5))
    assert not any(item.rule == "teaser-cards" for item in pair.boilerplate)
