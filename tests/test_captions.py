"""Captions are figures, not body text, unless Options(captions=True)."""

from __future__ import annotations

import json

import cleannews
from cleannews import Options
from cleannews.model import Figure, Paragraph

PROSE = [
    "The council met on Tuesday evening to discuss the new budget, which includes funding for "
    "roads, schools and the library, and a long debate followed about the harbour project.",
    "Residents who spoke at the meeting said that the plans for the harbour, which have been "
    "under review since last spring, would change the character of the old town for good.",
    "The mayor, speaking after the vote, said that she understood the concerns, but that the "
    "town could not afford to wait another year before repairing the sea wall and the pier.",
]
CAPTION = "The old pier at low tide, seen from the harbour wall."
ALT = "A view of the harbour"


def _page(figure: str, extra: str = "") -> str:
    """An article: headline, first paragraph, ``figure``, the other paragraphs, ``extra``."""
    first, *rest = (f"<p>{p}</p>" for p in PROSE)
    return (
        "<html><head><title>Council approves budget</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Council approves budget</h1>{first}{figure}{''.join(rest)}{extra}"
        "</article><footer>Copyright 2024 The Town Paper</footer></body></html>"
    )


FIGURE = f"<figure><img src='/pier.jpg' alt='{ALT}'><figcaption>{CAPTION}</figcaption></figure>"


def _figures(article: cleannews.Article) -> list[Figure]:
    return [n for s in article.sections for n in s.content if isinstance(n, Figure)]


def test_a_figure_caption_is_a_figure_left_out_of_the_text_by_default() -> None:
    article = cleannews.extract(_page(FIGURE), url="https://town.example/budget")
    (figure,) = _figures(article)
    assert figure.caption == CAPTION
    assert figure.images[0].src == "https://town.example/pier.jpg"
    assert CAPTION not in article.text
    assert CAPTION not in article.to_text()
    assert PROSE[0] in article.text and PROSE[2] in article.text
    assert CAPTION in article.to_markdown()
    assert CAPTION in article.to_html()
    content = [c for s in json.loads(article.to_json())["sections"] for c in s["content"]]
    (node,) = (c for c in content if c["type"] == "figure")
    assert node["caption"] == CAPTION
    assert node["images"] == [{"src": "https://town.example/pier.jpg", "alt": ALT}]


def test_options_captions_puts_captions_back_into_the_text() -> None:
    article = cleannews.extract(_page(FIGURE), options=Options(captions=True))
    assert article.captions_in_text
    assert CAPTION in article.text
    assert article.text.index(PROSE[0]) < article.text.index(CAPTION) < article.text.index(PROSE[1])
    assert CAPTION in article.to_text()


def test_a_caption_whose_picture_is_gone_is_still_a_figure() -> None:
    bare = f"<figure><figcaption>{CAPTION}</figcaption></figure>"
    article = cleannews.extract(_page(bare))
    assert [f.caption for f in _figures(article)] == [CAPTION]
    assert _figures(article)[0].images == ()
    assert CAPTION not in article.text
    assert not any(
        isinstance(n, Paragraph) and n.text == CAPTION for s in article.sections for n in s.content
    )


def test_a_caption_named_by_class_is_a_figure() -> None:
    wrapped = (
        "<div class='wp-caption'><img src='/pier.jpg' alt=''>"
        f"<p class='wp-caption-text'>{CAPTION}</p></div>"
        "<div class='photo-credit'>Jane Roe for The Town Paper</div>"
    )
    article = cleannews.extract(_page(wrapped))
    captions = [f.caption for f in _figures(article)]
    assert CAPTION in captions and "Jane Roe for The Town Paper" in captions
    assert CAPTION not in article.text and "Jane Roe" not in article.text
    assert CAPTION in cleannews.extract(_page(wrapped), options=Options(captions=True)).text


def test_text_under_other_class_names_stays_paragraphs() -> None:
    offer = "Compare the credit cards on offer before you sign anything, the council advises."
    article = cleannews.extract(_page(f"<div class='credit-card-box'><p>{offer}</p></div>"))
    assert offer in article.text
    assert not _figures(article)
