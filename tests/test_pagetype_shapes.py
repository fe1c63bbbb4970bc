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


def _shaped(
    body: str, *, head: str = "", url: str = "https://example.com/page"
) -> cleannews.Article:
    return cleannews.extract(
        f"<html><head><title>A page</title>{head}</head><body><main><h1>A page</h1>{body}"
        "</main></body></html>",
        url=url,
    )


def _ld(kind: str) -> str:
    return f'<script type="application/ld+json">{{"@type": "{kind}", "name": "A page"}}</script>'


def test_a_page_declaring_a_forum_posting_is_a_thread() -> None:
    article = _shaped(f"<p>{PARAGRAPH}</p>", head=_ld("DiscussionForumPosting"))
    assert article.page_type is PageType.THREAD, article.page_type_reasons
    assert article.page_type.value == "thread"
    assert not article.is_article


def test_replies_marked_in_microdata_make_a_thread() -> None:
    posts = "".join(
        f"<div itemscope itemtype='https://schema.org/Comment'><p>{PARAGRAPH}</p></div>"
        for _ in range(3)
    )
    article = _shaped(posts)
    assert article.page_type is PageType.THREAD, article.page_type_reasons


def test_an_undated_page_with_code_blocks_is_documentation() -> None:
    code = "<pre><code>pip install example\nexample --help</code></pre>"
    article = _shaped(f"<h2>Install</h2><p>{PARAGRAPH}</p>{code}<h2>Use</h2>{code}")
    assert article.page_type is PageType.DOCUMENTATION, article.page_type_reasons
    assert "blocks of code in the body" in " ".join(article.page_type_reasons)


def test_code_in_a_dated_article_at_a_blog_address_keeps_it_an_article() -> None:
    code = "<pre><code>pip install example</code></pre>"
    body = f"<p><time datetime='2024-03-03'>March 3, 2024</time></p><p>{PARAGRAPH}</p>{code}{code}"
    article = _shaped(body * 2, url="https://example.com/blog/2024/install")
    assert article.published is not None
    assert article.page_type is PageType.ARTICLE, article.page_type_reasons


def test_a_declared_product_is_a_product_unless_an_article_is_declared() -> None:
    assert _shaped(f"<p>{PARAGRAPH}</p>", head=_ld("Product")).page_type is PageType.PRODUCT
    review = _shaped(f"<p>{PARAGRAPH}</p>", head=_ld("Product") + _ld("NewsArticle"))
    assert review.page_type is PageType.ARTICLE, review.page_type_reasons


def test_an_undated_page_of_prices_is_a_collection() -> None:
    cards = "".join(f"<li>Garden chair model {n}, oak, $12{n}.00</li>" for n in range(10))
    article = _shaped(f"<ul>{cards}</ul>")
    assert article.page_type is PageType.COLLECTION, article.page_type_reasons


def test_a_declared_service_is_a_service() -> None:
    article = _shaped(f"<p>{PARAGRAPH}</p>", head=_ld("SoftwareApplication"))
    assert article.page_type is PageType.SERVICE, article.page_type_reasons


def test_a_new_kind_survives_a_json_round_trip() -> None:
    article = _shaped(f"<p>{PARAGRAPH}</p>", head=_ld("QAPage"))
    again = cleannews.Article.from_dict(article.to_dict())
    assert again.page_type is PageType.THREAD


FEATURES = (
    "Plan your week in minutes. We sync your calendar, your tasks and your team, so you "
    "always know what comes next."
)


def test_an_undated_page_written_to_you_without_long_prose_is_a_service() -> None:
    body = "".join(f"<h2>Feature {n}</h2><p>{FEATURES}</p>" for n in range(8))
    article = _shaped(body + "<p><a href='/signup'>Start your free trial</a></p>")
    assert article.word_count >= 150
    assert article.page_type is PageType.SERVICE, article.page_type_reasons
    assert "we/you words" in article.page_type_reasons[-1]


def test_a_dated_or_bylined_guide_written_to_you_stays_an_article() -> None:
    body = "".join(f"<h2>Step {n}</h2><p>{FEATURES}</p>" for n in range(8))
    dated = _shaped("<p><time datetime='2024-03-03'>March 3, 2024</time></p>" + body)
    assert dated.page_type is PageType.ARTICLE, dated.page_type_reasons
    byline = '<meta name="author" content="Jane Doe">'
    assert _shaped(body, head=byline).page_type is PageType.ARTICLE


def test_a_guide_in_long_paragraphs_stays_an_article() -> None:
    long = " ".join([FEATURES] * 3)  # about 60 words: a paragraph of prose
    article = _shaped("".join(f"<h2>Step {n}</h2><p>{long}</p>" for n in range(3)))
    assert article.page_type is PageType.ARTICLE, article.page_type_reasons


def _cards(n: int) -> str:
    return "".join(
        f"<article class='card'><h3><a href='/2024/story-{k}'>Story {k} of the day, in full</a>"
        f"</h3><p>A short summary of story {k}, in a sentence or two, and a little more.</p>"
        "</article>"
        for k in range(n)
    )


def test_a_feed_of_article_cards_is_a_listing_even_declaring_an_article() -> None:
    article = _shaped(_cards(12), head=_ld("NewsArticle"))
    assert article.page_type is PageType.LISTING, article.page_type_reasons
    assert "Story 11 of the day" in article.text


def test_a_story_beside_a_few_cards_stays_an_article() -> None:
    story = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(4))
    article = _shaped(f"<article>{story}</article><aside>{_cards(5)}</aside>")
    assert article.page_type is PageType.ARTICLE, article.page_type_reasons
