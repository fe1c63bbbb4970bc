"""The output stage (cleannews.output): removal records and renderers."""

from __future__ import annotations

import json

import cleannews
import support

PROSE = support.PROSE
PAGE = support.PAGE


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
