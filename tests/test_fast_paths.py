"""The speed shortcuts in segmentation, features, selection and TOC reading agree with the
plain definitions they replace."""

from __future__ import annotations

import pytest
from lxml import etree

import support
from cleannews.dom import leading_text, text_of
from cleannews.errors import InputTooLargeError
from cleannews.features import _SENTENCE_END, _ends_sentence, compute
from cleannews.parse import parse_html
from cleannews.scoring import score_blocks
from cleannews.segment import segment
from cleannews.select import inside_sums
from cleannews.toc import _anchor_links, extract_toc

PROSE = support.PROSE


@pytest.mark.parametrize(
    "text",
    ["", "End.", "End. ", "End.\n", "End.\x1c", "End.\u2028", "a ”", "no end", "(x)", "…\t \n"],
)
def test_sentence_end_shortcut_agrees_with_the_pattern(text: str) -> None:
    assert _ends_sentence(text) == (_SENTENCE_END.search(text) is not None)


def test_anchor_links_are_the_body_links_to_anchors() -> None:
    page = (
        '<html><head><a href="#head">x</a></head><body><a href="#">top</a>'
        '<ul><li><a href="#one">One</a></li><li><a href=" #sp">Sp</a></li></ul>'
        '<p><a href="#two">Two</a> <a href="/page#three">Three</a></p></body></html>'
    )
    root = etree.fromstring(page, etree.HTMLParser())
    xpath = etree.XPath("//body//a[starts-with(@href, '#') and string-length(@href) > 1]")
    assert _anchor_links(root) == xpath(root)


def test_scattered_anchor_links_are_no_toc() -> None:
    links = "".join(f'<p><a href="#s{i}">Part {i}</a></p>' for i in range(5))
    heads = "".join(f'<h2 id="s{i}">Part {i}</h2><p>{PROSE}</p>' for i in range(5))
    root = etree.fromstring(f"<html><body>{links}{heads}</body></html>", etree.HTMLParser())
    assert extract_toc(root) == ()


def test_text_before_a_block_keeps_its_links_and_pre_keeps_its_indent() -> None:
    body = support.body_of(
        '<div>\n  <a href="/a">first link</a> then text<p>para</p>'
        "<pre>\n  indented</pre><p>x <a href='/b'>split<br>link</a></p></div>"
    )
    blocks = segment(body)
    assert [b.text for b in blocks] == [
        "first link then text",
        "para",
        "  indented",
        "x split",
        "link",
    ]
    assert blocks[0].links == (("first link", "/a"),)
    assert blocks[0].link_chars == len("first link")
    assert blocks[4].links == (("link", "/b"),)


def test_container_sums_count_each_block_once() -> None:
    body = support.body_of(
        f"<article><p>{PROSE}</p><div><p>{PROSE} <a href='/x'>more</a></p></div></article>"
    )
    blocks = segment(body)
    compute(blocks)
    score_blocks(blocks)
    sums = inside_sums(blocks)
    for element, (chars, linked) in sums.items():
        inside = [b for b in blocks if element in b.ancestors]
        assert chars == sum(len(b.text) for b in inside)
        assert linked == sum(b.link_chars for b in inside)


def test_parsing_without_an_id_table_builds_the_same_tree() -> None:
    page = '<html><body><p id="a">one</p><div id="a"><span id="b">two</span></div></body></html>'
    plain = etree.fromstring(page, etree.HTMLParser(remove_comments=True, remove_pis=True))
    assert etree.tostring(parse_html(page, 1000)) == etree.tostring(plain)


@pytest.mark.parametrize("size", [0, 1, 5, 50, 199, 200, 201, 400, 1000])
def test_leading_text_is_the_start_of_the_collapsed_text(size: int) -> None:
    words = " ".join(f"w{i}\u00a0 \n" + "x" * (i % 7) for i in range(size))
    for lead in ("", "   \n\t", "y" * 850):
        element = etree.fromstring(f"<div>{lead}<p>{words}</p> tail</div>")
        for limit in (1, 10, 200):
            assert leading_text(element, limit) == text_of(element)[:limit]


@pytest.mark.parametrize("page", ["<p>" * 12, "<a" * 20, "x</p>" * 9, "<td>x" * 7, "<b><i>" * 5])
def test_no_tree_over_the_element_limit_however_dense_the_tags(page: str) -> None:
    for limit in range(1, 2 * len(page) + 10):
        try:
            root = parse_html(page, limit)
        except InputTooLargeError:
            continue
        assert int(root.xpath("count(//*)")) <= limit
