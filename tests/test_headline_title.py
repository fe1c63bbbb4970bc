"""The page's h1 and the article's title (cleannews.structure.headline.keep_unlike_headline):
an h1 that says something else than the chosen title, standing among the body's paragraphs,
is the body's first heading; an h1 that names the title is the title, not body text. And the
captions the classifier doubted between kept blocks, given back when captions count as text
(cleannews.structure.sections.restore_inner_captions)."""

from __future__ import annotations

import lxml.html

import cleannews
import support
from cleannews.blocks import CLASSIFIER_RULE, Block
from cleannews.structure.headline import names_title
from cleannews.structure.sections import restore_inner_captions

PROSE = support.PROSE
MORE = "Engineers found cracks in two of the piers during the first inspection of the summer."


def _page(og_title: str, h1: str, *, wrapped: bool = False) -> str:
    paragraphs = f"<p>{PROSE}</p><p>{MORE}</p>"
    body = f"<h1>{h1}</h1><div>{paragraphs}</div>" if wrapped else f"<h1>{h1}</h1>{paragraphs}"
    head = f"<title>{og_title}</title><meta property='og:title' content='{og_title}'>"
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def test_an_h1_unlike_the_title_among_the_paragraphs_stays_in_the_body() -> None:
    article = cleannews.extract(_page("Bridge opens two years late", "What the engineers found"))
    assert article.title == "Bridge opens two years late"
    assert article.text.startswith("What the engineers found")


def test_an_h1_that_names_the_title_is_not_body_text() -> None:
    article = cleannews.extract(_page("Bridge opens late | City News", "Bridge opens late"))
    assert "Bridge opens late" not in article.text


def test_an_h1_outside_the_paragraphs_parent_is_not_body_text() -> None:
    page = _page("Bridge opens two years late", "What the engineers found", wrapped=True)
    article = cleannews.extract(page)
    assert "What the engineers found" not in article.text


def test_names_title_reads_words_and_containment() -> None:
    assert names_title("Bridge opens late", "Bridge opens late - City News")
    assert names_title("27.01.2022 Bridge opens late", "Bridge opens late")
    assert names_title("新桥推迟两年开通", "新桥推迟两年开通_新闻")
    assert names_title("The bridge opens, late", "Late opening: the bridge opens")
    assert not names_title("What the engineers found", "Bridge opens two years late")


# ------------------------------------------------------- captions given back (captions=True)


def _caption_blocks(caption_class: str) -> list[Block]:
    root = lxml.html.fromstring(
        f"<div><p>{PROSE}</p><div class='media'><img src='a.jpg'></div>"
        f"<div class='{caption_class}'>The harbour at dawn, seen from the old lighthouse</div>"
        f"<p>{MORE}</p></div>"
    )
    first, _, caption, last = root
    blocks = [
        Block(el.text_content(), element=el, ancestors=(root, el)) for el in (first, caption, last)
    ]
    blocks[1].drop(CLASSIFIER_RULE, "looks like boilerplate")
    return blocks


def test_a_doubted_caption_between_kept_blocks_is_given_back() -> None:
    blocks = _caption_blocks("media-caption")
    restore_inner_captions(blocks)
    assert blocks[1].live


def test_a_doubted_block_not_named_a_caption_stays_dropped() -> None:
    blocks = _caption_blocks("promo-box")
    restore_inner_captions(blocks)
    assert blocks[1].dropped
