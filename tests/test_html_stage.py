"""The HTML stage (cleannews.html): clean-up, segmentation, scoring, selection, classifier."""

from __future__ import annotations

import json

import pytest

import cleannews
import support
from cleannews import Options
from cleannews.blocks import HINT_VETO_RULE, Block, BlockKind, FigureContext
from cleannews.filters.features import compute
from cleannews.html.classifier import CAPTION_MARGIN, _figure_caption
from cleannews.html.clean import clean
from cleannews.html.scoring import score_blocks
from cleannews.html.segment import segment
from cleannews.html.select import main_containers
from cleannews.model import Removed

PROSE = support.PROSE
_body = support.body_of


def _cleaned(html: str) -> tuple[str, list[str]]:
    """The body's text after clean-up, and the rules of what clean-up removed, in order."""
    body = _body(html)
    dropped: list[Removed] = []
    clean(body.getroottree().getroot(), dropped)
    return "".join(body.itertext()), [d.rule for d in dropped]


# clean -------------------------------------------------------------------------------


def test_clean_drops_scripts_hidden_chrome_and_class_concepts() -> None:
    text, rules = _cleaned(
        "<script>var x = 1;</script><nav>Home News</nav>"
        '<div class="share-buttons">Share</div><div style="display: none">secret</div>'
        '<div class="comments">nice!</div>'
        f'<div class="content"><p>{PROSE}</p></div>'
    )
    assert text == PROSE
    assert set(rules) >= {"chrome-tag", "class:social", "hidden", "class:comments"}


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
    text, rules = _cleaned(
        '<form class="report"><p>Sorry you did not like this comment. Tell us why.</p></form>'
        f"<p>{PROSE}</p>"
    )
    assert text == PROSE
    assert rules == ["chrome-tag"]
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


def test_clean_keeps_a_noscript_thread_that_mentions_javascript_when_it_is_the_page() -> None:
    thread = (
        f"<noscript><div class='post'><p>{PROSE}</p></div><div class='post'><p>{PROSE}</p>"
        "</div><p>Powered by a forum engine, best viewed with JavaScript enabled</p></noscript>"
    )
    alone = _body(f"<header><p>Share and learn.</p></header>{thread}")
    clean(alone.getroottree().getroot(), [])
    assert "".join(alone.itertext()).count(PROSE) == 2
    beside = _body(f"<article><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article>{thread}")
    clean(beside.getroottree().getroot(), [])
    assert "".join(beside.itertext()).count(PROSE) == 3  # the article is the readable copy


def test_clean_keeps_a_page_rendered_hidden_until_its_scripts_run_but_not_hidden_parts() -> None:
    streamed = _body(
        f'<div hidden id="S:0"><h1>Title</h1><p>{PROSE}</p><p>{PROSE}</p></div>'
        "<div hidden><p>Sign in to your account</p></div><p>Loading</p>"
    )
    clean(streamed.getroottree().getroot(), [])
    assert "".join(streamed.itertext()) == f"Title{PROSE}{PROSE}Loading"
    invisible = _body(f'<div style="visibility:hidden"><p>{PROSE}</p></div>')
    clean(invisible.getroottree().getroot(), [])
    assert "".join(invisible.itertext()) == PROSE
    # display: none and aria-hidden stay hidden, however much they hold; so does a menu.
    for hidden in ('style="display: none"', 'aria-hidden="true"'):
        page = _body(f"<div {hidden}><p>{PROSE}</p><p>{PROSE}</p></div><p>Shown.</p>")
        clean(page.getroottree().getroot(), [])
        assert "".join(page.itertext()) == "Shown."
    beside = _body(f"<div hidden><p>{PROSE}</p></div><p>{PROSE} Shown.</p>")
    clean(beside.getroottree().getroot(), [])  # half the text is hidden: it stays hidden
    assert "".join(beside.itertext()) == f"{PROSE} Shown."
    links = " ".join(f'<a href="/{i}">Section number {i}</a>' for i in range(30))
    menu = _body(f"<div hidden><p>{links}</p></div><p>Shown.</p>")
    clean(menu.getroottree().getroot(), [])
    assert "".join(menu.itertext()) == "Shown."


def test_clean_puts_streamed_segments_where_their_templates_are() -> None:
    """React's server renderer sends late parts of the page as hidden segments at the end of
    the body; the page's script moves each into the template that marks its place. The
    calls pair the ids when the scripts were saved, the numbers otherwise; a hidden element
    no template calls for, and a segment without the hidden attribute, stay as they are."""
    scripted = _body(
        f'<h1>Title</h1><p>{PROSE}</p><div><template id="B:0"></template></div>'
        '<p>Middle.</p><template id="B:1"></template><p>End.</p>'
        '<div hidden id="S:1"><p>First part.</p><template id="P:2"></template></div>'
        '<div hidden id="S:0">Second <b>part</b>.</div>'
        '<div hidden id="S:2"><p>Nested part.</p></div>'
        '<script>$RC("B:0","S:1");$RC("B:1","S:0");$RS("S:2","P:2")</script>'
        '<div hidden id="S:7"><p>Never placed.</p></div>'
    )
    clean(scripted.getroottree().getroot(), [])
    assert "".join(scripted.itertext()) == (
        f"Title{PROSE}First part.Nested part.Middle.Second part.End."
    )
    unscripted = _body(
        f'<p>{PROSE}</p><template id="B:3"></template><p>After.</p>'
        '<div hidden id="S:3"><p>Placed by number.</p></div>'
        '<div id="S:4"><p>Shown where it is.</p></div><template id="B:4"></template>'
    )
    clean(unscripted.getroottree().getroot(), [])
    assert "".join(unscripted.itertext()) == f"{PROSE}Placed by number.After.Shown where it is."


def test_streamed_article_is_extracted() -> None:
    """An article whose paragraphs all arrive as streamed segments is the page's text."""
    parts = "".join(f'<template id="B:{n}"></template><p>Loading...</p>' for n in range(3))
    segments = "".join(f'<div hidden id="S:{n}"><p>Part {n}. {PROSE}</p></div>' for n in range(3))
    page = (
        "<html><head><title>Library funded</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Library funded</h1>{parts}</article>{segments}</body></html>"
    )
    article = cleannews.extract(page)
    assert all(f"Part {n}. {PROSE}" in article.text for n in range(3))


def test_clean_reads_a_component_library_prefix_as_no_word() -> None:
    """Adobe Experience Manager names every component cmp-...: its containers are not consent
    boxes (a consent management platform, 'qc-cmp2-container', still is one)."""
    text, rules = _cleaned(
        '<div id="qc-cmp2-container"><p>We value your privacy. Accept all cookies?</p></div>'
        '<div class="cmp-container"><div class="cmp-title"><h2>Why it matters</h2></div>'
        f'<div class="cmp-text"><p>{PROSE}</p></div></div>'
        f'<div class="cmp-container"><div class="cmp-text"><p>{PROSE}</p></div></div>'
        '<div class="cmp-container"><div class="cmp-text"><p>And a third part of it.</p></div>'
        "</div>"
    )
    assert text == f"Why it matters{PROSE}{PROSE}And a third part of it."
    assert rules == ["class:consent"]


def test_clean_keeps_a_page_left_inside_an_unclosed_button() -> None:
    """A menu button whose markup was never closed holds the whole page (its main element,
    article and headline): the page is kept; ordinary buttons, an accordion's question
    among them, still go with the form controls."""
    body = _body(
        '<header><button class="menu-button"><span>Menu</span>'
        f"<main><article><h1>Library funded</h1><p>{PROSE}</p></article></main>"
    )
    clean(body.getroottree().getroot(), [])
    assert "Library funded" in "".join(body.itertext())
    assert PROSE in "".join(body.itertext())
    controls = _body(
        '<button aria-controls="a1"><h3>What does it cost?</h3></button>'
        f'<div id="a1"><p>{PROSE}</p></div><button>Subscribe now</button>'
    )
    clean(controls.getroottree().getroot(), [])
    assert "".join(controls.itertext()) == PROSE


def test_clean_keeps_elements_waiting_for_an_entrance_animation() -> None:
    """Elementor marks an element that fades in as the reader scrolls to it
    elementor-invisible: it is shown, not hidden; what it hides on laptops is hidden."""
    text, rules = _cleaned(
        '<div class="elementor-element elementor-invisible elementor-widget-heading">'
        "<h2>Why it matters</h2></div>"
        f'<div class="elementor-element elementor-invisible"><p>{PROSE}</p></div>'
        '<div class="elementor-element elementor-hidden-laptop"><p>Menu for phones</p></div>'
    )
    assert text == f"Why it matters{PROSE}"
    assert rules == ["class:hidden"]


def test_clean_keeps_collapsed_panels_but_not_hidden_dialogs_or_menus() -> None:
    """Tab panels, accordion regions and elements a control opens are content folded away
    (product details, FAQ answers); a hidden dialog, a hidden menu and a hidden element
    nothing opens stay hidden."""
    panels = (
        '<div role="tabpanel" hidden><p>Tab panel text.</p></div>'
        '<div style="display:none" aria-labelledby="q1"><p>Accordion answer.</p></div>'
        '<button aria-controls="more">More</button>'
        '<div id="more" aria-hidden="true"><p>Opened by its button.</p></div>'
        '<a href="#specs">Specs</a><div id="specs" hidden><p>Opened by its link.</p></div>'
    )
    page = _body(f"<p>{PROSE}</p>{panels}")
    clean(page.getroottree().getroot(), [])
    text = "".join(page.itertext())
    for kept in ("Tab panel text.", "Accordion answer.", "Opened by its button.", "by its link."):
        assert kept in text
    links = " ".join(f'<a href="/{i}">Section number {i}</a>' for i in range(30))
    others = (
        '<div role="dialog" aria-labelledby="t" hidden><p>Cookie settings.</p></div>'
        f'<button aria-controls="menu">Menu</button><div id="menu" hidden>{links}</div>'
        '<div id="nobody" hidden><p>Nothing opens this.</p></div>'
    )
    page = _body(f"<p>{PROSE}</p>{others}")
    clean(page.getroottree().getroot(), [])
    assert "".join(page.itertext()) == PROSE


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


def test_segment_keeps_a_heading_broken_by_br_one_block_but_not_a_paragraph() -> None:
    markup = (
        '<h2>Designed to <br>be <a href="/r">redesigned</a></h2><p>One line<br>and the next</p>'
    )
    blocks = segment(_body(markup))
    assert [(b.text, b.kind) for b in blocks] == [
        ("Designed to be redesigned", BlockKind.HEADING),
        ("One line", BlockKind.PARAGRAPH), ("and the next", BlockKind.PARAGRAPH),
    ]  # fmt: skip
    assert blocks[0].links == (("redesigned", "/r"),)
    assert blocks[0].link_chars == len("redesigned")


def test_segment_makes_cells_of_a_table_quoted_whole() -> None:
    markup = (
        "<blockquote><p>They wrote:</p><table><tr><th>Release</th><th>Date</th></tr>"
        "<tr><td><a href='/4.2.3'>4.2.3</a></td><td>April 2014</td></tr></table></blockquote>"
        "<table><tr><td><blockquote>Quoted in a cell</blockquote></td></tr></table>"
    )
    blocks = segment(_body(markup))
    assert [(b.text, b.kind) for b in blocks] == [
        ("They wrote:", BlockKind.QUOTE),
        ("Release", BlockKind.CELL), ("Date", BlockKind.CELL),
        ("4.2.3", BlockKind.CELL), ("April 2014", BlockKind.CELL),
        ("Quoted in a cell", BlockKind.QUOTE),
    ]  # fmt: skip


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


def _thread(itemtype: str = "") -> str:
    """A forum thread: three posts (the first the longest), each with its author's cell."""
    kind = f' itemscope itemtype="https://schema.org/{itemtype}"' if itemtype else ""
    bodies = [f"{PROSE} {PROSE} {PROSE}", f"{PROSE} Second.", "Me too, thanks for asking."]
    posts = "".join(
        f'<article class="message message--post"{kind}><div class="cell cell--user">'
        f'<section itemprop="author"><h4><span itemprop="name">user{i}</span></h4>'
        f"<h5>Member</h5></section></div><div class='cell cell--main'>"
        f'<div><time datetime="2024-03-0{i}">Mar {i}, 2024</time></div>'
        f"<div class='post-body'><p>{text}</p></div>"
        '<div class="reactions"><a href="/like">Like</a> <a href="/reply">Reply</a> '
        '<a href="/report">Report this post</a> <a href="/share">Share</a></div></div></article>'
        for i, text in enumerate(bodies, 1)
    )
    return f"<div class='menu'><p>Home</p></div><div class='posts'>{posts}</div>"


@pytest.mark.parametrize(("thread", "itemtype"), [(True, ""), (False, "Comment")])
def test_selection_takes_every_post_of_a_thread(thread: bool, itemtype: str) -> None:
    blocks = _scored(_thread(itemtype))
    chosen = main_containers(blocks, thread=thread)
    assert [el.get("class") for el in chosen] == ["message message--post"] * 3
    inside = [b.text for b in blocks if not set(chosen).isdisjoint(b.ancestors)]
    assert "Me too, thanks for asking." in inside


def test_selection_takes_only_the_longest_post_without_thread_evidence() -> None:
    blocks = _scored(_thread())
    chosen = main_containers(blocks)
    inside = [b.text for b in blocks if not set(chosen).isdisjoint(b.ancestors)]
    assert f"{PROSE} {PROSE} {PROSE}" in inside
    assert "Me too, thanks for asking." not in inside


def test_a_declared_thread_keeps_its_posts_in_order() -> None:
    declared = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'
    page = f"<html><head>{declared}</head><body>{_thread()}</body></html>"
    lines = cleannews.extract(page).text.splitlines()
    first, second = lines.index(f"{PROSE} {PROSE} {PROSE}"), lines.index(f"{PROSE} Second.")
    assert first < second < lines.index("Me too, thanks for asking.")


def test_selection_passes_over_a_tiny_winner_named_content() -> None:
    """A one-line banner in a ``content`` div outscores, by its name alone, a product page's
    text spread over columns: the candidate holding most of the text wins instead."""
    line = "Free delivery on all orders placed this week."
    banner = f'<div id="top"><div class="content"><p>{line}</p></div></div>'
    columns = "".join(f'<div class="col"><p>{PROSE}</p></div>' for _ in range(8))
    blocks = _scored(f'{banner}<main><div class="row">{columns}</div></main>')
    chosen = main_containers(blocks)
    inside = [b for b in blocks if not set(chosen).isdisjoint(b.ancestors)]
    assert [b.text for b in inside] == [PROSE] * 8
    # A winner named for content that holds real text keeps its place.
    named = f'<div class="content"><p>{PROSE}</p><p>{PROSE}</p></div>'
    chosen = main_containers(_scored(f"{named}<main>{columns}</main>"))
    assert chosen[0].get("class") == "content"


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


def _vetoed(article: cleannews.Article) -> set[str]:
    return {r.text for r in article.boilerplate if r.rule == HINT_VETO_RULE}


def test_a_short_line_a_vetoing_hint_matches_is_dropped_whatever_the_model_says() -> None:
    lines = ("Bild: Jahr Media", "Lesen Sie auch:", "Alle Rechte vorbehalten.")
    body = f"<p>{PROSE}</p>".join(f"<p>{line}</p>" for line in lines)
    page = f"<html><body><article><h1>Haushalt</h1><p>{PROSE}</p>{body}<p>{PROSE}</p>"
    article = cleannews.extract(page + "</article></body></html>")
    assert _vetoed(article) == set(lines)
    assert PROSE in article.text
    assert not any(line in article.text for line in lines)
    # a photo credit is caption furniture: with captions counted as text it is not vetoed
    with_captions = cleannews.extract(
        page + "</article></body></html>", options=Options(captions=True)
    )
    assert _vetoed(with_captions) == set(lines) - {"Bild: Jahr Media"}


def test_a_vetoing_hint_leaves_longer_text_to_the_model() -> None:
    line = "Lesen Sie auch: " + " ".join(["Wort"] * 20)
    page = f"<html><body><article><h1>Haushalt</h1><p>{PROSE}</p><p>{line}</p><p>{PROSE}</p>"
    assert not _vetoed(cleannews.extract(page + "</article></body></html>"))


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


def test_a_page_emptied_by_class_names_is_extracted_again_without_them() -> None:
    ticker = "".join(f'<div class="comment-item"><p>{n}. {PROSE}</p></div>' for n in range(3))
    page = f'<html><body><nav>Home</nav><div class="comments-feed">{ticker}</div></body></html>'
    article = cleannews.extract(page)
    assert article.text.count(PROSE) == 3
    assert "Home" not in article.text


def _script_page(data: dict[str, object], body: str = '<div id="app"></div>') -> str:
    script = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    return f"<html><head><title>T</title>{script}</head><body>{body}</body></html>"


def test_a_page_rendered_by_scripts_reads_its_text_from_json_ld() -> None:
    article = {"@type": "NewsArticle", "articleBody": f"{PROSE}\n<p>{PROSE} Two.</p>"}
    text = cleannews.extract(_script_page(article)).text
    assert text.splitlines() == [PROSE, "", f"{PROSE} Two."]
    question = {
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "text": f"{PROSE} Why?",
            "suggestedAnswer": [{"@type": "Answer", "text": f"{PROSE} Because."}],
        },
    }
    assert cleannews.extract(_script_page(question)).text.splitlines() == [
        f"{PROSE} Why?", "", f"{PROSE} Because.",
    ]  # fmt: skip


def test_json_ld_text_is_not_read_when_the_page_shows_its_body_or_holds_a_summary() -> None:
    article = {"@type": "NewsArticle", "articleBody": f"{PROSE} Structured copy."}
    shown = cleannews.extract(_script_page(article, f"<p>{PROSE} Visible.</p>" * 3)).text
    assert "Structured copy" not in shown
    summary = {"@type": "NewsArticle", "articleBody": "A short summary of the story."}
    assert "summary" not in cleannews.extract(_script_page(summary)).text


def test_wiki_edit_section_links_leave_the_headings() -> None:
    """MediaWiki's '[edit]' beside each heading is an editing link, not the heading's text."""
    prose = "The history of the project is long, and many people have written about it. " * 4
    page = (
        "<html><body><div id=content><h1>Mozilla</h1><p>" + prose + "</p>"
        '<h2><span class="mw-headline" id="History">History</span>'
        '<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>'
        '<a href="/w/index.php?action=edit&amp;section=1">edit</a>'
        '<span class="mw-editsection-bracket">]</span></span></h2><p>' + prose + "</p>"
        "</div></body></html>"
    )
    article = cleannews.extract(page)
    headings = [s.heading for s in article.sections if s.heading]
    assert headings == ["History"]
    assert "[edit]" not in article.text and "[edit]" not in article.to_markdown()


def test_a_paragraph_with_a_generated_hex_id_is_not_removed_as_an_ad() -> None:
    # Medium numbers every paragraph with a hex id; 'e1ad' split at its digit reads 'ad'.
    step = "Step {} of the profiling guide explains what the inspector records. "
    prose = [step.format(n) * 3 for n in range(5)]
    ids = ("98b9", "3c0f", "77d1", "b2e4")
    paragraphs = "".join(f"<p id='{i}'>{text}</p>" for i, text in zip(ids, prose, strict=False))
    lead = "With the inspector module you can also take heap snapshots and trace calls."
    listed = f"<ul><li>{prose[4]}</li></ul>"
    body = f"<h1>Profiling</h1>{paragraphs}<p id='e1ad'>{lead}</p>{listed}"
    article = cleannews.extract(f"<html><body><article>{body}</article></body></html>")
    assert "heap snapshots" in article.text
