"""Golden cases: each folder in fixtures/golden holds a page and its expected Article.

Content (``expected.md``, ``expected-text.txt``, ``expected-content.json``) is kept apart from
metadata (``expected-metadata.json``); together they are ``Article.to_dict()`` in full (see
``benchmarks/add_golden.py``, which also adds a case from a saved page). After a deliberate
change, regenerate them with ``CLEANNEWS_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from benchmarks.add_golden import (
    CONTENT_FIELDS,
    GOLDEN,
    add_case,
    expected_files,
    source_of,
    write_expected,
)

import cleannews
from cleannews import ListBlock

CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())
UPDATE = os.environ.get("CLEANNEWS_UPDATE_GOLDEN") == "1"


def _extract(case: Path) -> cleannews.Article:
    return cleannews.extract(source_of(case))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path) -> None:
    if UPDATE:
        write_expected(case)
    produced = expected_files(_extract(case))
    found = {name: (case / name).read_text(encoding="utf-8") for name in produced}
    for name in sorted(produced):
        assert produced[name] == found[name], f"{case.name}/{name} differs"


def test_golden_files_hold_every_field_once() -> None:
    files = expected_files(_extract(GOLDEN / "blog-post"))
    content = json.loads(files["expected-content.json"])
    metadata = json.loads(files["expected-metadata.json"])
    assert set(content) == set(CONTENT_FIELDS)
    assert not set(content) & set(metadata)
    assert set(content) | set(metadata) | {"text"} == set(_extract(GOLDEN / "blog-post").to_dict())
    assert "title" in metadata and "published" in metadata and "sections" in content
    assert not files["expected.md"].startswith("# ")  # the headline is metadata


def test_add_golden_makes_a_case_that_passes(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text((GOLDEN / "blog-post" / "source.html").read_text(encoding="utf-8"))
    case = add_case(page, "new-case", golden=tmp_path / "golden")
    assert sorted(p.name for p in case.iterdir()) == sorted(
        ["source.html", *expected_files(_extract(case))]
    )
    assert (case / "expected.md").read_text() == (GOLDEN / "blog-post" / "expected.md").read_text()
    with pytest.raises(ValueError, match="new case name"):
        add_case(page, "new-case", golden=tmp_path / "golden")
    with pytest.raises(ValueError, match=r"\*\.html or \*\.txt"):
        add_case(tmp_path / "page.pdf", "other", golden=tmp_path / "golden")


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
