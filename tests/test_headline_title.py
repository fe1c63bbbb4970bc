"""The page's h1 and the article's title (cleannews.structure.headline.keep_unlike_headline):
an h1 that says something else than the chosen title, standing among the body's paragraphs,
is the body's first heading; an h1 that names the title is the title, not body text."""

from __future__ import annotations

import cleannews
import support
from cleannews.structure.headline import names_title

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
