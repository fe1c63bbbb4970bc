"""Metric unit tests (hand-computed) and the cleannews corpus eval gate.

The gate (marked ``slow``) scores cleannews alone on both development corpora with the same
code as ``python -m benchmarks.run`` and fails when F1 drops below ``benchmarks/floors.json``,
or when a corpus is not the version the floors were measured on (page count and annotation
digest, pinned in the same file). It skips with a message when the corpora are absent (they
are looked for at ``../shared/corpora``; set CLEANNEWS_CORPORA to point elsewhere).
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from benchmarks.corpora import (
    CORPUS_NAMES,
    CorpusMissingError,
    CorpusName,
    SnippetAnnotation,
    decode_html,
    load_corpus,
    select,
    split_of,
)
from benchmarks.floors import (
    FLOORS_PATH,
    LAYOUTS,
    CorpusChangedError,
    check_corpus,
    fingerprint,
    floor,
    pin,
    save,
)
from benchmarks.floors import main as floors_main
from benchmarks.metrics import (
    PRF,
    ShingleScore,
    SnippetCounts,
    chrome_lines,
    html_to_text,
    shingle_prf,
    shingle_score,
    shingles,
    snippet_counts,
    snippet_prf,
    tokenize,
)
from benchmarks.peers import load_adapter
from benchmarks.scoring import run_docs, score_text, summarize

# --- trafilatura snippet metric --------------------------------------------------------------


def test_snippets_match_after_whitespace_normalisation() -> None:
    text = "The  quick\n\nbrown\u00a0fox jumps"
    counts = snippet_counts(text, ["quick brown fox", "lazy dog"], ["jumps", "Impressum"])
    assert counts == SnippetCounts(tp=1, fp=1, fn=1)


def test_snippet_snippet_whitespace_is_normalised_too() -> None:
    assert snippet_counts("a b c", [" a\n b "], []) == SnippetCounts(tp=1, fp=0, fn=0)


def test_snippet_metric_sums_counts_over_pages_before_ratios() -> None:
    # Page A: 3 TP. Page B: 1 FP, 1 FN. Summed: P = 3/4, R = 3/4 (a per-page mean would be 0.5).
    prf = snippet_prf([SnippetCounts(3, 0, 0), SnippetCounts(0, 1, 1)])
    assert prf.precision == pytest.approx(0.75)
    assert prf.recall == pytest.approx(0.75)
    assert prf.f1 == pytest.approx(0.75)


def test_empty_extraction_misses_every_with_snippet() -> None:
    counts = snippet_counts("", ["one", "two"], ["three"])
    assert counts == SnippetCounts(tp=0, fp=0, fn=2)
    assert counts.prf() == PRF(0.0, 0.0)
    assert counts.prf().f1 == 0.0


# --- readability shingle metric ---------------------------------------------------------------


def test_tokens_are_word_runs_and_case_sensitive() -> None:
    assert tokenize("Hello, world! It's 2024-01") == ["Hello", "world", "It", "s", "2024", "01"]
    assert shingle_score("hello world", "Hello world") == ShingleScore(0.0, 0.5, 0.5)


def test_one_shingle_differs() -> None:
    # reference shingles: (one two three four), (two three four five); prediction swaps the 2nd.
    score = shingle_score("one two three four five", "one two three four six")
    assert score == pytest.approx(ShingleScore(1 / 3, 1 / 3, 1 / 3))


def test_shingles_are_counted_as_multisets() -> None:
    # reference: abcd x2, bcda, cdab, dabc = 5 shingles; prediction: abcd x1.
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    score = shingle_score("a b c d a b c d", "a b c d")
    assert score == pytest.approx(ShingleScore(0.2, 0.0, 0.8))
    prf = shingle_prf([score])
    assert (prf.precision, prf.recall) == pytest.approx((1.0, 0.2))
    # a repeated shingle matched twice counts twice: TP 5, FP 1 (b c d e), FN 0
    repeated = shingle_score("a b c d a b c d", "a b c d a b c d e")
    assert repeated == pytest.approx(ShingleScore(5 / 6, 1 / 6, 0.0))


def test_short_texts_form_one_shorter_shingle() -> None:
    assert shingle_score("hello world", "hello world") == ShingleScore(1.0, 0.0, 0.0)
    assert shingle_score("hello world", "world hello") == ShingleScore(0.0, 0.5, 0.5)
    assert shingle_score("", "") == ShingleScore(0.0, 0.0, 0.0)


def test_shingle_metric_averages_per_document_then_takes_f1() -> None:
    docs = [
        ShingleScore(0.5, 0.5, 0.0),  # P 0.5, R 1.0
        ShingleScore(0.0, 0.0, 1.0),  # empty prediction: no precision term, R 0.0
        ShingleScore(0.0, 0.0, 0.0),  # both empty: in neither average
    ]
    prf = shingle_prf(docs)
    assert prf.precision == pytest.approx(0.5)
    assert prf.recall == pytest.approx(0.5)
    assert prf.f1 == pytest.approx(0.5)  # mean of per-doc F1s would be 1/3


def test_shingle_normalisation_weights_documents_equally() -> None:
    long_ref = " ".join(f"w{i}" for i in range(103))  # 100 shingles, all found
    short = shingle_score("a b c d e", "x y z q r")  # 2 shingles, none found
    prf = shingle_prf([shingle_score(long_ref, long_ref), short])
    assert prf.precision == pytest.approx(0.5)
    assert prf.recall == pytest.approx(0.5)


# --- expected.html -> text --------------------------------------------------------------------


def test_html_to_text_joins_blocks_with_newlines_without_duplicates() -> None:
    html = (
        "<div><p>Hello <b>world</b></p><div><p>Nested</p>tail text</div>"
        "<script>var x;</script>after<!-- note -->comment tail<br>next line"
        "<ul><li>one</li><li>two</li></ul></div>"
    )
    assert html_to_text(html) == (
        "Hello world\nNested\ntail text\naftercomment tail\nnext line\none\ntwo"
    )


def test_html_to_text_handles_documents_and_empty_input() -> None:
    page = "<html><head><title>T</title></head><body><p>a  b</p></body></html>"
    assert html_to_text(page) == "a b"
    assert html_to_text("   ") == ""


# --- chrome lines, split, decoding -------------------------------------------------------------


def test_chrome_lines_are_short_whole_lines_missing_from_reference() -> None:
    text = (
        "Body text.\nRead more »\nShare this article\nShare prices fell sharply\n"
        "Related\nADVERTISEMENT\nSubscribe to our newsletter for weekly updates and more"
    )
    assert chrome_lines(text) == ("Read more »", "Share this article", "Related", "ADVERTISEMENT")
    assert chrome_lines(text, ["related"]) == ("Read more »", "Share this article", "ADVERTISEMENT")


def test_split_is_deterministic_and_holds_out_about_thirty_percent() -> None:
    ids = [f"page-{i}" for i in range(2000)]
    splits = [split_of(doc_id) for doc_id in ids]
    assert splits == [split_of(doc_id) for doc_id in ids]
    assert set(splits) == {"dev", "holdout"}
    assert 0.27 < splits.count("holdout") / len(ids) < 0.33


def test_decode_html_uses_declaration_then_utf8() -> None:
    latin = b'<meta charset="iso-8859-1"><p>caf\xe9 \x93q\x94</p>'
    assert decode_html(latin) == '<meta charset="iso-8859-1"><p>caf\u00e9 \u201cq\u201d</p>'
    stray = "<p>caf\u00e9 na\u00efve</p>".encode() + b"\xff"
    assert decode_html(stray).startswith("<p>caf\u00e9 na\u00efve</p>")
    xml = b'<?xml version="1.0" encoding="utf-8"?>\n<html><p>\xc3\xa9</p></html>'
    assert decode_html(xml) == "\n<html><p>\u00e9</p></html>"


# --- loaders on a tiny synthetic corpus ------------------------------------------------------


def _write_gz(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data))


def _tiny_corpora(root: Path) -> Path:
    traf = root / "trafilatura-eval"
    entry = {"file": "a.html", "with": ["kept words"], "without": ["Impressum"]}
    _write_gz(traf / "html" / "a.html.gz", b"<p>kept   words</p><p>Impressum</p>")
    traf.joinpath("evaldata.json").write_text(json.dumps({"http://x/a": entry}))
    page = root / "readability" / "p1"
    _write_gz(page / "source.html.gz", b"<p>one two three four five</p>")
    _write_gz(page / "expected.html.gz", b"<div><p>one two three four five</p></div>")
    page.joinpath("expected-metadata.json").write_text('{"title": "T"}')
    return root


def test_loaders_and_scoring_on_a_tiny_corpus(tmp_path: Path) -> None:
    root = _tiny_corpora(tmp_path)
    (traf_doc,) = load_corpus("trafilatura", root)
    assert (traf_doc.id, traf_doc.url, traf_doc.split) == (
        "a.html",
        "http://x/a",
        split_of("a.html"),
    )
    assert isinstance(traf_doc.annotation, SnippetAnnotation)
    assert score_text(traf_doc, decode_html(traf_doc.raw)).snippets == SnippetCounts(1, 1, 0)
    (read_doc,) = load_corpus("readability", root)
    assert read_doc.id == "p1"
    result = score_text(read_doc, "one two three four five")
    assert result.shingles == ShingleScore(1.0, 0.0, 0.0)
    assert select([traf_doc], "all", limit=0) == []
    with pytest.raises(CorpusMissingError, match="CLEANNEWS_CORPORA"):
        load_corpus("trafilatura", tmp_path / "nowhere")


# --- corpus pins and floors ------------------------------------------------------------------


def _pinned(root: Path, tmp_path: Path) -> Path:
    """A floors file pinning the tiny corpora under ``root``."""
    floors = tmp_path / "floors.json"
    data = {"corpora": {}, "cleannews": {"readability": {"f1": 0.9}}}
    for name in ("trafilatura", "readability"):
        pin(data, name, root)
    save(data, floors)
    return floors


@pytest.mark.parametrize("change", ["annotation", "page"])
def test_a_changed_corpus_is_refused_with_a_clear_message(tmp_path: Path, change: str) -> None:
    root = _tiny_corpora(tmp_path / "corpora")
    floors = _pinned(root, tmp_path)
    assert check_corpus("trafilatura", root, floors).pages == 1
    if change == "page":
        _write_gz(root / "trafilatura-eval" / "html" / "b.html.gz", b"<p>new page</p>")
    else:
        evaldata = root / "trafilatura-eval" / "evaldata.json"
        evaldata.write_text(evaldata.read_text().replace("kept words", "other words"))
    with pytest.raises(CorpusChangedError, match="'trafilatura' changed since its floor"):
        check_corpus("trafilatura", root, floors)
    check_corpus("readability", root, floors)  # the other corpus is unaffected


def test_every_annotation_file_of_a_folder_corpus_is_in_its_digest(tmp_path: Path) -> None:
    root = _tiny_corpora(tmp_path / "corpora")
    floors = _pinned(root, tmp_path)
    (root / "readability" / "p1" / "expected-metadata.json").write_text('{"title": "U"}')
    with pytest.raises(CorpusChangedError, match="readability"):
        check_corpus("readability", root, floors)


def test_fingerprint_of_an_absent_corpus_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(CorpusMissingError, match="CLEANNEWS_CORPORA"):
        fingerprint("wcxb", tmp_path)


def _floors_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "floors.json"
    shutil.copy(FLOORS_PATH, copy)
    return copy


def test_lowering_a_floor_needs_allow_regression_and_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = _floors_copy(tmp_path)
    before, lower = floors.read_text(), floor("readability") - 0.1
    assert floors_main(["--floors", str(floors), "set", "readability", f"{lower}"]) == 2
    assert "is a regression: pass --allow-regression" in capsys.readouterr().err
    args = ["--floors", str(floors), "set", "readability", f"{lower}", "--allow-regression"]
    assert floors_main(args) == 2
    assert "needs a --reason" in capsys.readouterr().err
    assert floors.read_text() == before  # refused: the file is untouched
    assert floors_main([*args, "--reason", "metric fixed: it counted markup"]) == 0
    assert floor("readability", floors) == lower
    (lowered,) = json.loads(floors.read_text())["cleannews"]["readability"]["lowered"]
    assert lowered["reason"] == "metric fixed: it counted markup"


def test_raising_a_floor_needs_no_flag(tmp_path: Path) -> None:
    floors = _floors_copy(tmp_path)
    higher = floor("trafilatura") + 0.001
    assert floors_main(["--floors", str(floors), "set", "trafilatura", f"{higher}"]) == 0
    assert floor("trafilatura", floors) == higher
    assert floor("readability", floors) == floor("readability")


def test_every_scored_corpus_has_a_floor_and_a_pin() -> None:
    data = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
    assert set(CORPUS_NAMES) <= set(data["cleannews"])
    assert set(CORPUS_NAMES) <= set(data["corpora"]) <= set(LAYOUTS)


@pytest.mark.parametrize("corpus", sorted(LAYOUTS))
def test_the_corpora_are_the_pinned_versions(corpus: str) -> None:
    try:
        check_corpus(corpus)
    except CorpusMissingError as exc:
        pytest.skip(f"corpus pin not checked: {exc}")
    except CorpusChangedError as exc:
        pytest.fail(str(exc))


# --- the eval gate ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPUS_NAMES)
def test_cleannews_f1_stays_above_floor(corpus: CorpusName) -> None:
    try:
        check_corpus(corpus)
        docs = load_corpus(corpus)
    except CorpusMissingError as exc:
        pytest.skip(f"eval gate skipped: {exc}")
    except CorpusChangedError as exc:
        pytest.fail(f"eval gate refused: {exc}")
    extractor = load_adapter("cleannews", corpus)
    results = run_docs(extractor, docs, warmup=False)
    summary = summarize(corpus, results)
    errors = [f"{r.doc_id}: {r.error}" for r in results if r.error][:5]
    detail = (
        f"{corpus}: F1 {summary.prf.f1:.4f} (P {summary.prf.precision:.4f} "
        f"R {summary.prf.recall:.4f}) on {summary.docs} pages, "
        f"{summary.errors} extraction errors {errors}"
    )
    print(detail)
    assert summary.prf.f1 >= floor(corpus), f"F1 below floor {floor(corpus)}: {detail}"


def test_explain_refuses_held_out_pages_and_lists_only_dev_pages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from benchmarks import explain

    try:
        docs = load_corpus("readability")
    except CorpusMissingError as exc:
        pytest.skip(f"corpora absent: {exc}")
    held_out = next(d for d in docs if d.split == "holdout")
    assert explain.main([held_out.id]) == 2
    assert "held-out page" in capsys.readouterr().err
    assert explain.main(["--worst", "5"]) == 0
    listed = [line.split()[-1] for line in capsys.readouterr().out.splitlines()]
    dev = {d.id for d in docs if d.split == "dev"}
    assert len(listed) == 5 and set(listed) <= dev
