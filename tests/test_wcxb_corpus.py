"""wcxb-dev in the benchmark harness: loader, split, both metrics, report and explain.

Runs on a tiny synthetic corpus written to a temporary folder (the real one may be absent).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from benchmarks.corpora import (
    CAPTIONS_IN_REFERENCE,
    CORPUS_NAMES,
    REPEATS_IN_REFERENCE,
    Convention,
    WcxbAnnotation,
    convention_of,
    find_doc,
    load_corpus,
    split_of,
)
from benchmarks.metrics import SnippetCounts
from benchmarks.peers import cleannews_options, load_adapter
from benchmarks.report import build_report, markdown
from benchmarks.scoring import page_error, score_text, summarize
from benchmarks.worker import Job, JobOutcome

BODY = "one two three four five six"


def _tiny_wcxb(root: Path) -> Path:
    base = root / "wcxb-dev"
    truth = {}
    for doc_id in ("0001", "0002", "0003"):
        page = f"<html><body><p>{BODY}</p><p>Sign up now</p></body></html>".encode()
        (base / "html").mkdir(parents=True, exist_ok=True)
        (base / "html" / f"{doc_id}.html.gz").write_bytes(gzip.compress(page))
        truth[doc_id] = {
            "body": BODY,
            "title": "A title",
            "url": f"https://example.com/{doc_id}",
            "lang": "en",
            "page_type": "article",
            "with": ["three four five"],
            "without": ["Sign up now"],
            "split": "dev",  # WCXB's own label: every page says "dev"
        }
    base.joinpath("truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_wcxb_is_a_corpus_whose_references_leave_captions_out() -> None:
    assert "wcxb" in CORPUS_NAMES
    assert CAPTIONS_IN_REFERENCE == {"trafilatura": False, "readability": True, "wcxb": False}


def test_each_corpus_is_scored_under_its_declared_conventions() -> None:
    """Readability's references keep written repetition (and captions); the others get the
    product default, each repeated paragraph once; None is the product default too."""
    import cleannews

    assert REPEATS_IN_REFERENCE == {"trafilatura": False, "readability": True, "wcxb": False}
    assert convention_of("readability") == Convention(captions=True, repeats=True)
    assert convention_of("wcxb") == convention_of(None) == Convention()
    options = cleannews_options(cleannews, convention_of("readability"))
    assert options == cleannews.Options(captions=True, repeats=True)
    assert cleannews_options(cleannews, Convention()) == cleannews.Options()
    refrain = "A refrain that the page writes twice, word for word, in one and the same passage."
    passage = "".join(f"<div class='row'><p>{refrain}</p></div>" for _ in "ab")
    page = f"<html><body><article><h1>Title</h1>{passage}</article></body></html>"
    assert load_adapter("cleannews", "readability")(page, None).count(refrain) == 2
    assert load_adapter("cleannews", "wcxb")(page, None).count(refrain) == 1


def test_wcxb_pages_load_with_the_id_hash_split_not_truth_json_split(tmp_path: Path) -> None:
    root = _tiny_wcxb(tmp_path)
    docs = load_corpus("wcxb", root)
    assert [d.id for d in docs] == ["0001", "0002", "0003"]
    assert [d.split for d in docs] == [split_of(d.id) for d in docs]
    first = docs[0]
    assert first.url == "https://example.com/0001"
    assert isinstance(first.annotation, WcxbAnnotation)
    assert first.annotation.page_type == "article"
    assert first.raw.startswith(b"<html>")
    assert find_doc("0002.html", root).id == "0002"


def test_wcxb_is_scored_by_shingles_on_body_with_snippets_as_a_second_view(
    tmp_path: Path,
) -> None:
    (doc, *_) = load_corpus("wcxb", _tiny_wcxb(tmp_path))
    perfect = score_text(doc, BODY)
    assert perfect.shingles is not None and perfect.shingles.tp == 1.0
    assert perfect.snippets == SnippetCounts(tp=1, fp=0, fn=0)
    leaky = score_text(doc, f"{BODY}\nSign up now")
    assert leaky.snippets == SnippetCounts(tp=1, fp=1, fn=0)
    assert leaky.shingles is not None and 0 < leaky.shingles.fp < 1
    assert page_error(leaky) == pytest.approx(leaky.shingles.fp + leaky.shingles.fn)
    summary = summarize("wcxb", [perfect, leaky])
    assert summary.prf.recall == pytest.approx(1.0)
    assert summary.prf.precision < 1.0
    assert summary.snippet_prf is not None
    assert summary.snippet_prf.precision == pytest.approx(2 / 3)


def test_the_report_has_a_wcxb_column_and_its_snippet_table(tmp_path: Path) -> None:
    docs = load_corpus("wcxb", _tiny_wcxb(tmp_path))
    results = [score_text(d, BODY) for d in docs]
    outcome = JobOutcome(Job("cleannews", "wcxb", "all", None, tmp_path), results)
    text = markdown(build_report([outcome], {}), "all")
    assert "wcxb-dev F1 (P / R)" in text
    assert "wcxb-dev snippet F1 (P / R), holdout" in text


def test_type_eval_scores_each_page_type_and_counts_pages_changed_against_a_saved_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import type_eval

    root = _tiny_wcxb(tmp_path)
    truth_path = root / "wcxb-dev" / "truth.json"
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    truth["0002"]["page_type"] = "forum"
    truth_path.write_text(json.dumps(truth), encoding="utf-8")
    monkeypatch.setenv("CLEANNEWS_CORPORA", str(root))
    saved = tmp_path / "before.json"
    assert type_eval.main(["--corpus", "wcxb", "--save", str(saved)]) == 0
    table = capsys.readouterr().out
    rows = [line.split(" | ")[1] for line in table.splitlines() if line.startswith("| wcxb")]
    assert rows == ["article", "forum", "**wcxb**"]
    before = json.loads(saved.read_text(encoding="utf-8"))["cleannews"]
    assert {row["group"] for row in before} == {"article", "forum"}
    # The same pages with one output changed: the delta table counts it, and says it fell.
    page = root / "wcxb-dev" / "html" / "0002.html.gz"
    page.write_bytes(gzip.compress(b"<html><body><p>Sign up now</p></body></html>"))
    assert type_eval.main(["--corpus", "wcxb", "--against", str(saved)]) == 0
    after = capsys.readouterr().out
    forum = next(line for line in after.splitlines() if line.startswith("| wcxb | forum"))
    assert forum.endswith("| 1 (0 up / 1 down) |")
