"""Each pipeline stage on small inputs made for it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree, html

import cleannews
import support
from cleannews import InputKind, Options
from cleannews.blocks import Block, BlockKind, FigureContext, Label
from cleannews.filters.boilerplate import (
    drop_empty_headings,
    drop_link_heavy,
    drop_phrase_lines,
    drop_promo,
    drop_repeated,
    promo_score,
)
from cleannews.filters.features import compute
from cleannews.filters.neighbours import restore_inner_headings, restore_inner_sentences
from cleannews.html.classifier import CAPTION_MARGIN, _figure_caption
from cleannews.html.clean import clean
from cleannews.html.scoring import score_blocks
from cleannews.html.segment import segment
from cleannews.html.select import main_containers
from cleannews.input.decode import declared_encoding, decode
from cleannews.input.detect import input_kind
from cleannews.model import Removed
from cleannews.structure.headline import text_headline
from cleannews.structure.sections import sections, slug
from cleannews.text.lines import text_blocks
from cleannews.words import strip_site_name

PROSE = support.PROSE
_body = support.body_of


# decode ------------------------------------------------------------------------------


def test_decode_honours_a_declared_legacy_charset() -> None:
    page = '<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1")
    assert "café “quoted”" in decode(page)


def test_decode_prefers_valid_utf8_over_a_lying_declaration() -> None:
    page = '<meta charset="iso-8859-1"><p>naïve – ok</p>'.encode()
    assert "naïve – ok" in decode(page)


def test_decode_reads_byte_order_marks() -> None:
    assert decode("<p>hé</p>".encode("utf-16")) == "<p>hé</p>"


@pytest.mark.parametrize("name", ["unicode_escape", "raw_unicode_escape", "UTF-7", "undefined"])
def test_declared_encoding_ignores_python_codecs_that_are_not_charsets(name: str) -> None:
    assert declared_encoding(f'<meta charset="{name}">'.encode()) is None


def test_declared_encoding_reads_http_equiv() -> None:
    head = b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    assert declared_encoding(head) == "shift_jis"


def test_decode_refuses_binary() -> None:
    with pytest.raises(cleannews.DecodeError, match="PNG"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(100))


# detect ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", InputKind.HTML),
        ("<div><p>one</p><p>two</p></div>", InputKind.HTML),
        ("Prices rose 3% as a < b held.\n\nSecond paragraph.", InputKind.TEXT),
        ("Plain headline\n\nBody text with <b> once.", InputKind.TEXT),
    ],
)
def test_input_kind(text: str, kind: InputKind) -> None:
    assert input_kind(text) is kind


def test_input_kind_can_be_forced() -> None:
    assert input_kind("<p>x</p><p>y</p><p>z</p>", InputKind.TEXT) is InputKind.TEXT


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


# clean -------------------------------------------------------------------------------


def test_clean_drops_scripts_hidden_chrome_and_class_concepts() -> None:
    body = _body(
        "<script>var x = 1;</script><nav>Home News</nav>"
        '<div class="share-buttons">Share</div><div style="display: none">secret</div>'
        '<div class="comments">nice!</div>'
        f'<div class="content"><p>{PROSE}</p></div>'
    )
    dropped: list[Removed] = []
    clean(body.getroottree().getroot(), dropped)
    text = "".join(body.itertext())
    assert text == PROSE
    assert {d.rule for d in dropped} >= {"chrome-tag", "class:social", "hidden", "class:comments"}


def test_clean_protects_a_wrapper_holding_most_of_the_text() -> None:
    body = _body(f'<div class="page has-sidebar"><p>{PROSE}</p><p>{PROSE}</p></div>')
    clean(body.getroottree().getroot(), [])
    assert PROSE in "".join(body.itertext())


def test_clean_keeps_the_image_of_a_picture_element() -> None:
    body = _body('<picture><source srcset="a.webp"><img src="b.jpg" alt="B"></picture>')
    clean(body.getroottree().getroot(), [])
    assert [img.get("src") for img in body.iter("img")] == ["b.jpg"]
    assert next(body.iter("source"), None) is None


def test_clean_drops_a_form_but_not_one_that_holds_the_article() -> None:
    body = _body(
        '<form class="report"><p>Sorry you did not like this comment. Tell us why.</p></form>'
        f"<p>{PROSE}</p>"
    )
    dropped: list[Removed] = []
    clean(body.getroottree().getroot(), dropped)
    assert "".join(body.itertext()) == PROSE
    assert [d.rule for d in dropped] == ["chrome-tag"]
    whole_page = _body(f'<form id="aspnetForm"><h1>Title</h1><p>{PROSE}</p></form>')
    clean(whole_page.getroottree().getroot(), [])
    assert PROSE in "".join(whole_page.itertext())


def test_clean_keeps_a_noscript_copy_of_the_post_but_not_a_javascript_notice() -> None:
    body = _body(
        '<noscript><img src="pixel.gif"></noscript>'
        f"<noscript><p>Please enable JavaScript to read this site. {PROSE}</p></noscript>"
        f'<script type="text/template"><p>{PROSE}</p></script>'
        f"<noscript><p>{PROSE}</p><p>{PROSE}</p></noscript>"
    )
    clean(body.getroottree().getroot(), [])
    assert "".join(body.itertext()) == PROSE * 2
    assert next(body.iter("img"), None) is None


def test_clean_keeps_a_page_wide_landmark_only_when_nothing_marks_the_article() -> None:
    teasers = f'<div role="complementary"><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>'
    with_article = _body(f"<article><h1>Title</h1><p>{PROSE}</p></article>{teasers}")
    clean(with_article.getroottree().getroot(), [])
    assert "".join(with_article.itertext()) == f"Title{PROSE}"
    wrapped = _body(f'<section role="complementary"><p>{PROSE}</p></section><p>Short.</p>')
    clean(wrapped.getroottree().getroot(), [])
    assert PROSE in "".join(wrapped.itertext())


def test_clean_keeps_a_misnamed_wrapper_of_the_article_but_not_its_comments() -> None:
    body = _body(
        f'<div class="sidebar"><p>{PROSE}</p></div>'
        f'<article><h1>Title</h1><div class="entry share"><p>{PROSE}</p></div>'
        '<div class="ad">Buy now</div></article>'
        f'<article><p>Lead.</p><div class="comments"><p>{PROSE}</p></div></article>'
    )
    clean(body.getroottree().getroot(), [])
    assert "".join(body.itertext()) == f"Title{PROSE}Lead."


def test_clean_an_article_named_as_a_comment_protects_nothing_an_h1_stays() -> None:
    body = _body(
        f'<article><h1 class="post-title-breadcrumb">Title</h1><p>{PROSE}</p></article>'
        '<section class="comments"><article class="comment"><p>Great post!</p></article></section>'
    )
    clean(body.getroottree().getroot(), [])
    assert "".join(body.itertext()) == f"Title{PROSE}"


def test_clean_keeps_tail_text_of_removed_elements() -> None:
    body = _body('<div>before <div class="ad">AD</div> after</div>' + f"<p>{PROSE}</p>" * 3)
    clean(body.getroottree().getroot(), [])
    assert "before  after" in "".join(body.itertext())


# segment -----------------------------------------------------------------------------


def test_segment_makes_one_block_per_block_element_with_structure() -> None:
    blocks = segment(
        _body(
            '<h2 id="s1">Section <b>one</b></h2><p>Text with <a href="/x">a link</a>.</p>'
            "<ul><li>one</li><li>two<ol><li>inner</li></ol></li></ul>"
            "<blockquote><p>quoted</p></blockquote><pre>  code\n  kept</pre>"
        )
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.HEADING, "Section one"),
        (BlockKind.PARAGRAPH, "Text with a link."),
        (BlockKind.LIST_ITEM, "one"),
        (BlockKind.LIST_ITEM, "two"),
        (BlockKind.LIST_ITEM, "inner"),
        (BlockKind.QUOTE, "quoted"),
        (BlockKind.CODE, "  code\n  kept"),
    ]
    heading, paragraph, one, two, inner = blocks[:5]
    assert (heading.level, heading.anchor) == (2, "s1")
    assert paragraph.link_chars == len("a link")
    assert one.group == two.group != inner.group
    assert (inner.level, inner.ordered) == (1, True)


def test_segment_groups_table_cells_by_row() -> None:
    blocks = segment(_body("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"))
    assert [(b.kind, b.row) for b in blocks] == [(BlockKind.CELL, 1)] * 2 + [(BlockKind.CELL, 2)]


def test_segment_makes_cells_of_div_wrapped_cell_text_unless_the_table_is_layout() -> None:
    data = "<table><tr><td><div>App</div></td><td><p>Size</p></td></tr>"
    data += "<tr><td><div><a href='/maps'>Maps</a></div></td><td><div>32 MB</div></td></tr></table>"
    blocks = segment(_body(data))
    assert [(b.text, b.kind, b.row) for b in blocks] == [
        ("App", BlockKind.CELL, 1), ("Size", BlockKind.CELL, 1),
        ("Maps", BlockKind.CELL, 2), ("32 MB", BlockKind.CELL, 2),
    ]  # fmt: skip
    assert len({b.group for b in blocks}) == 1
    layout = (
        f"<table><tr><td><div>Menu</div></td><td><p>{PROSE}</p><p>{PROSE}</p></td></tr></table>"
    )
    blocks = segment(_body(layout))
    assert all(b.kind is BlockKind.PARAGRAPH and b.group is None for b in blocks)


# scoring and selection ---------------------------------------------------------------


def _scored(markup: str) -> list[Block]:
    blocks = segment(_body(markup))
    compute(blocks)
    score_blocks(blocks)
    return blocks


def test_scoring_prefers_long_comma_rich_text_without_links() -> None:
    prose, links, short = _scored(
        f'<p>{PROSE}</p><p><a href="/a">{PROSE}</a></p><p>Short line.</p>'
    )
    assert prose.score > 2
    assert links.score == 0
    assert short.score == 0


def test_selection_keeps_the_article_container_and_drops_the_rest() -> None:
    blocks = _scored(
        '<div class="menu"><p>Home</p><p>World</p></div>'
        f'<div class="story"><p>{PROSE}</p><p>{PROSE} Again.</p><p>Short end.</p></div>'
        '<div class="more"><p><a href="/1">Other story one, with a long title here</a></p></div>'
    )
    chosen = set(main_containers(blocks))
    inside = [b.text for b in blocks if not chosen.isdisjoint(b.ancestors)]
    assert inside == [PROSE, f"{PROSE} Again.", "Short end."]


def test_selection_finds_nothing_on_a_page_without_prose() -> None:
    assert main_containers(_scored("<p>Home</p><p>Contact</p>")) == []


@pytest.mark.parametrize(("doubt", "kept"), [(0.05, True), (CAPTION_MARGIN + 0.05, False)])
def test_classifier_keeps_a_doubted_figure_caption_with_its_picture(
    doubt: float, kept: bool
) -> None:
    figure = FigureContext(images=[("tram.jpg", "A tram")])
    caption = Block("Car 17 on its first run. Photo: Lena Marsh", kind=BlockKind.CAPTION)
    caption.figure = figure
    assert _figure_caption(caption, doubt) is kept
    caption.figure = FigureContext()  # no picture: nothing to stay with
    assert not _figure_caption(caption, doubt)


def test_classifier_keeps_or_drops_a_table_as_a_whole() -> None:
    rows = "".join(
        f"<tr><td>{city}</td><td>{n} residents, according to the census</td></tr>"
        for city, n in (("Aston", 1200), ("Brill", 310), ("Cole", 9))
    )
    page = f"<article><h1>Towns</h1><p>{PROSE}</p><table>{rows}</table><p>{PROSE}</p></article>"
    article = cleannews.extract(f"<html><body>{page}</body></html>")
    tables = [c for s in article.sections for c in s.content if isinstance(c, cleannews.Table)]
    kept = [cell for table in tables for row in table.rows for cell in row]
    assert kept in (
        [],
        [
            "Aston",
            "1200 residents, according to the census",
            "Brill",
            "310 residents, according to the census",
            "Cole",
            "9 residents, according to the census",
        ],
    )


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
    linked = round(len(citation) * 0.6)  # a linked title and publisher

    def item_list(group: int, ordered: bool) -> list[Block]:
        return [
            Block(citation, BlockKind.LIST_ITEM, group=group, ordered=ordered, link_chars=linked)
            for _ in range(4)
        ]

    references, feed = item_list(1, True), item_list(2, False)
    drop_link_heavy([*references, *feed])
    assert not any(item.dropped for item in references)
    assert all(item.rule == "link-list" for item in feed)


def test_repeated_short_lines_are_dropped_except_the_protected_copy() -> None:
    blocks = _blocks("Same headline", PROSE, "same headline")
    drop_repeated(blocks, protect=blocks[0])
    assert [b.dropped for b in blocks] == [False, False, True]


def test_headings_without_content_are_dropped() -> None:
    blocks = [
        Block("Kept", BlockKind.HEADING, level=2),
        Block(PROSE),
        Block("Empty", BlockKind.HEADING, level=2),
        Block("Parent", BlockKind.HEADING, level=2),
        Block("Child", BlockKind.HEADING, level=3),
        Block(PROSE),
        Block("Trailing", BlockKind.HEADING, level=2),
    ]
    drop_empty_headings(blocks)
    assert [b.text for b in blocks if not b.dropped] == ["Kept", PROSE, "Parent", "Child", PROSE]


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


# headline and structure ----------------------------------------------------------------


def test_text_headline_is_the_copy_nearest_the_body() -> None:
    blocks = text_blocks(
        f"Big News Today\n\nBIG NEWS TODAY\n\nSome promo.\n\nBig News today\n\n{PROSE} {PROSE}"
    )
    compute(blocks)
    headline = text_headline(blocks)
    assert headline is blocks[3]


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


# extract: every source type ----------------------------------------------------------

PAGE = (
    "<html><head><title>Bridge reopens | Town News</title></head><body>"
    f"<article><h1>Bridge reopens</h1><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
)


def _same(article: cleannews.Article) -> None:
    assert article.title == "Bridge reopens"
    assert article.text == f"{PROSE}\n\n{PROSE}"


def test_extract_accepts_str_bytes_path_gzip_soup_and_lxml(tmp_path: Path) -> None:
    plain, packed = tmp_path / "page.html", tmp_path / "page.html.gz"
    plain.write_text(PAGE, encoding="utf-8")
    packed.write_bytes(gzip.compress(PAGE.encode()))
    for source in (
        PAGE,
        PAGE.encode(),
        plain,
        packed,
        gzip.compress(PAGE.encode()),
        BeautifulSoup(PAGE, "html.parser"),
        html.fromstring(PAGE),
        etree.fromstring(PAGE, etree.HTMLParser()),
    ):
        _same(cleannews.extract(source))


def test_extract_does_not_modify_a_callers_tree() -> None:
    tree = html.fromstring(PAGE)
    before = html.tostring(tree)
    cleannews.extract(tree)
    assert html.tostring(tree) == before


def test_extract_rejects_unsupported_sources() -> None:
    with pytest.raises(cleannews.InputError, match="unsupported source type int"):
        cleannews.extract(42)


def test_extract_reports_empty_input() -> None:
    with pytest.raises(cleannews.EmptyInputError):
        cleannews.extract("   \n ")


def test_forcing_text_reads_markup_as_text() -> None:
    article = cleannews.extract(PAGE, options=Options(input_kind=InputKind.TEXT))
    assert "<article>" in article.text


def test_boilerplate_records_every_removal_with_a_reason() -> None:
    article = cleannews.extract(PAGE.replace("<article>", "<nav>Home</nav><article>"))
    assert [(r.text, r.rule) for r in article.boilerplate] == [("Home", "chrome-tag")]


# serializers -------------------------------------------------------------------------


def test_serializers_render_the_same_tree() -> None:
    article = cleannews.extract(PAGE, url="https://example.org/bridge")
    data = json.loads(article.to_json())
    assert data["title"] == "Bridge reopens"
    assert data["url"] == "https://example.org/bridge"
    assert data["text"] == article.text
    assert data["sections"][0]["content"][0] == {"type": "paragraph", "text": PROSE, "links": []}
    assert article.to_markdown().startswith("# Bridge reopens\n\n")
    assert article.to_text() == f"Bridge reopens\n\n{article.text}"
    assert article.word_count == 2 * len(PROSE.split())


def test_labels_are_exclusive() -> None:
    block = Block("x")
    block.drop("rule", "why")
    assert block.dropped and block.label is Label.BOILERPLATE


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


def test_favor_moves_the_classifier_threshold() -> None:
    page = (
        "<html><body><article><h1>Bridge</h1>"
        + f"<p>{PROSE}</p>" * 3
        + "<p>Photo: Jane Doe / Agency</p><p>Related: other bridges</p>"
        + "</article></body></html>"
    )
    sizes = {
        favor: len(cleannews.extract(page, options=Options(favor=favor)).text)
        for favor in cleannews.Favor
    }
    assert sizes[cleannews.Favor.PRECISION] <= sizes[cleannews.Favor.BALANCED]
    assert sizes[cleannews.Favor.BALANCED] <= sizes[cleannews.Favor.RECALL]
    assert sizes[cleannews.Favor.PRECISION] < sizes[cleannews.Favor.RECALL]


def test_relax_and_retry_keeps_a_tiny_page_rather_than_nothing() -> None:
    article = cleannews.extract("<html><head><title>x</title></head><body>Just one line</body>")
    assert article.text == "Just one line"
    kept = cleannews.extract(f"<html><body><article><p>{PROSE}</p></article></body></html>")
    assert kept.text == PROSE  # a page with content is not relaxed


def test_a_page_emptied_by_class_names_is_extracted_again_without_them() -> None:
    ticker = "".join(f'<div class="comment-item"><p>{n}. {PROSE}</p></div>' for n in range(3))
    page = f'<html><body><nav>Home</nav><div class="comments-feed">{ticker}</div></body></html>'
    article = cleannews.extract(page)
    assert article.text.count(PROSE) == 3
    assert "Home" not in article.text


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
