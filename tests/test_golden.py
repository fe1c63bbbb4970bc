"""Golden cases: each folder in fixtures/golden holds a page and its expected Article.

``expected.json`` is ``Article.to_dict()`` and ``expected.md`` is ``Article.to_markdown()``,
compared in full. After a deliberate change, regenerate them with
``CLEANNEWS_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

import cleannews
from cleannews import ListBlock

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())
UPDATE = os.environ.get("CLEANNEWS_UPDATE_GOLDEN") == "1"


def _source(case: Path) -> Path:
    return next(case.glob("source.*"))


def _extract(case: Path) -> cleannews.Article:
    return cleannews.extract(_source(case))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path) -> None:
    article = _extract(case)
    produced_json = json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n"
    produced_md = article.to_markdown()
    if UPDATE:
        (case / "expected.json").write_text(produced_json, encoding="utf-8")
        (case / "expected.md").write_text(produced_md, encoding="utf-8")
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert article.to_dict() == expected
    assert produced_md == (case / "expected.md").read_text(encoding="utf-8")


SEED_SECTIONS = [
    "The Silence Surrounding the Resignation",
    "Workplace Pressure and Ethical Dilemmas in Emergency Services",
    "The Importance of Ethical Conduct in Policing",
    "Looking Ahead: Strengthening Internal Processes",
]


def test_seed_structure() -> None:
    article = _extract(GOLDEN / "met-police-call-handler")
    assert article.title == (
        "Met Police Call Handler's Resignation: A Case of Workplace Integrity?"
    )
    assert article.published == date(2025, 5, 30)
    assert article.reading_time_minutes == 3
    lead, *rest = article.sections
    assert lead.heading is None
    assert lead.paragraphs[0].startswith("The recent resignation of a Metropolitan Police")
    assert [s.heading for s in rest] == SEED_SECTIONS
    assert [t.title for t in article.toc] == SEED_SECTIONS
    lists = [c for c in rest[-1].content if isinstance(c, ListBlock)]
    assert len(lists) == 1
    assert [i.text.split(":")[0] for i in lists[0].items] == [
        "Enhanced training on ethical decision-making",
        "Improved whistleblower protection",
        "Increased access to mental health support",
    ]
    assert rest[-1].paragraphs[-1] == (
        "(This article will be updated as more information becomes available.)"
    )


@pytest.mark.parametrize(
    "junk",
    [
        "Welcome to your ultimate source",
        "Visit Best Website now",
        "Thank you for visiting our website",
        "bookmark our website",
        "Article with TOC",
        "Table of Contents",
        "3 min read",
        "Case Of Workplace Integrity",
    ],
)
def test_seed_body_has_no_boilerplate(junk: str) -> None:
    article = _extract(GOLDEN / "met-police-call-handler")
    assert junk not in article.text
    assert any(junk in removed.text for removed in article.boilerplate)


def test_seed_body_does_not_end_with_close() -> None:
    text = _extract(GOLDEN / "met-police-call-handler").text
    assert not text.rstrip().endswith("close")
    assert "\nclose" not in text


def test_content_farm_html_uses_the_page_toc_and_drops_promo() -> None:
    article = _extract(GOLDEN / "content-farm-toc")
    assert article.title == "City Council Approves New Cycling Lanes Downtown"
    assert [(t.title, t.anchor) for t in article.toc] == [
        ("A Narrow Vote", "a-narrow-vote"),
        ("What Changes for Drivers", "what-changes-for-drivers"),
        ("Next Steps", "next-steps"),
    ]
    for junk in ("welcome to", "Bookmark us", "Thanks so much", "Table of Contents", "Trending"):
        assert junk.lower() not in article.text.lower()
    assert article.reading_time_minutes == 4


def test_blog_post_keeps_quote_and_ordered_list_and_drops_comments() -> None:
    article = _extract(GOLDEN / "blog-post")
    markdown = article.to_markdown()
    assert "> A lively starter forgives" in markdown
    assert "1. 65 per cent" in markdown
    for junk in ("Lovely post", "Related posts", "Archives", "Share this", "Powered by"):
        assert junk not in article.text


def test_page_without_article_is_flagged() -> None:
    article = _extract(GOLDEN / "no-article")
    assert not article.is_article
    assert "Flood defences" not in article.text


def test_content_farm_text_with_other_wording_is_cleaned_the_same_way() -> None:
    article = _extract(GOLDEN / "content-farm-text")
    assert article.title == "Heatwave Forces Schools to Close Early Across the Region"
    assert article.published == date(2025, 6, 3)
    assert article.reading_time_minutes == 5
    assert [s.heading for s in article.sections] == [
        None,
        "Why Schools Closed",
        "What Parents Should Do",
    ]
    for junk in ("welcome to", "trust us", "Thanks a lot", "Contents", "Share this", "Advert"):
        assert junk.lower() not in article.text.lower()
