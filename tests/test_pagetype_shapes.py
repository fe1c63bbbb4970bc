"""Page types on pages shaped like the misfires of issue 14 (defect 12): a story whose
subheadings are links is not a listing, a short dated news item is an article, and a page
of teasers stays a listing. The pages are written here, in those shapes."""

from __future__ import annotations

import cleannews
from cleannews import PageType

SENTENCE = "The council said on Tuesday that the repairs would take most of the year, "
PARAGRAPH = SENTENCE * 5  # about 70 words


def _page(body: str, head: str = "") -> cleannews.Article:
    return cleannews.extract(
        f"<html><head><title>Bridge repairs</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Bridge repairs</h1>{body}</article></body></html>",
        url="https://news.example/2024/bridge",
    )


def test_a_story_whose_subheadings_are_links_is_an_article() -> None:
    sections = "".join(
        f"<h2><a href='/topic/{n}'>Part {n} of the plan</a></h2><p>{PARAGRAPH}</p>"
        for n in range(6)
    )
    article = _page(f"<p>By Jane Doe, March 3, 2024</p>{sections}")
    assert 400 <= article.word_count <= 500
    assert article.page_type is PageType.ARTICLE, article.page_type_reasons


def test_a_short_dated_news_item_is_an_article() -> None:
    short = SENTENCE * 2  # about 28 words
    body = "<p><time datetime='2024-03-03'>March 3, 2024</time></p>" + f"<p>{short}</p>" * 4
    article = _page(body)
    assert 100 <= article.word_count <= 150
    assert article.published is not None
    assert article.page_type is PageType.ARTICLE, article.page_type_reasons
    assert article.page_type_reasons[-1].startswith("article: a short news item")


def test_a_short_undated_blurb_is_still_other() -> None:
    article = _page(f"<p>{SENTENCE * 2}</p><p>{SENTENCE * 2}</p>")
    assert article.page_type is PageType.OTHER


def test_a_page_of_linked_teasers_is_still_a_listing() -> None:
    teasers = "".join(
        f"<h3><a href='/2024/story-{n}'>Story number {n} of the day</a></h3>"
        f"<p>A short summary of story {n}, in a sentence or two.</p>"
        for n in range(12)
    )
    assert _page(teasers).page_type is PageType.LISTING
