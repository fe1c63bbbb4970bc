"""The block model's training procedure (``benchmarks/train_block_model.py``): how labelled
blocks are read from a page and how the corpora and their pages are weighted."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import numpy as np
import pytest
from benchmarks.corpora import Doc, SnippetAnnotation, WcxbAnnotation
from benchmarks.train_block_model import (
    PageRows,
    Rows,
    Settings,
    Weighting,
    _as_model,
    block_weights,
    dataset,
    labelled_page,
    train,
)

from cleannews.html import classifier

_BODY = (
    "The council voted on Tuesday to rebuild the old bridge, which has been closed since the "
    "spring floods damaged two of its piers and left the town without a crossing."
)
_PAGE = f"""<html><head><title>Bridge</title></head><body>
<nav><a href="/a">Home</a> <a href="/b">World</a> <a href="/c">Sport</a></nav>
<article><h1>Bridge to be rebuilt</h1><p>{_BODY}</p>
<p>Work starts in May and should take a year, the mayor said, at a cost the town will share
with the region and the state over the next three budgets.</p></article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>"""


def _page(tokens: list[int], per_page: bool) -> PageRows:
    width = len(classifier.feature_names())
    vectors = [[float(i)] * width for i in range(len(tokens))]
    return PageRows(vectors, [i % 2 for i in range(len(tokens))], tokens, per_page)


def _doc(tmp_path: Path, annotation: SnippetAnnotation | WcxbAnnotation) -> Doc:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(_PAGE.encode()))
    corpus = "trafilatura" if isinstance(annotation, SnippetAnnotation) else "wcxb"
    return Doc(corpus, "page", "https://example.org/bridge", path, annotation, "dev")


def test_block_weighting_gives_each_block_one() -> None:
    assert block_weights(_page([3, 50, 400], per_page=True), Weighting.BLOCK) == [1.0] * 3


def test_a_snippet_scored_page_counts_each_labelled_block_once() -> None:
    """The snippet metric sums snippet counts over pages: a page with more snippets weighs more."""
    assert block_weights(_page([3, 50, 400], per_page=False), Weighting.PAGE) == [1.0] * 3


def test_a_shingle_scored_page_shares_weight_one_by_log_length() -> None:
    weights = block_weights(_page([3, 50, 400], per_page=True), Weighting.PAGE)
    assert math.isclose(sum(weights), 1.0)
    sizes = [math.log1p(n) for n in (3, 50, 400)]
    assert weights == pytest.approx([s / sum(sizes) for s in sizes])
    assert weights[0] < weights[1] < weights[2]


def test_pages_of_one_corpus_weigh_the_same_whatever_their_block_count() -> None:
    rows: Rows = {
        "trafilatura": {"dev": [], "holdout": []},
        "readability": {"dev": [_page([10] * 2, True), _page([10] * 8, True)], "holdout": []},
        "wcxb": {"dev": [], "holdout": []},
    }
    _, _, w = dataset(rows, "dev", ("readability",), Weighting.PAGE)
    assert w[:2].sum() == pytest.approx(w[2:].sum())
    assert w.mean() == pytest.approx(1.0)


def test_each_corpus_carries_the_same_total_weight() -> None:
    rows: Rows = {
        "trafilatura": {"dev": [_page([5] * 30, False)], "holdout": []},
        "readability": {"dev": [_page([5] * 4, True)], "holdout": [_page([5] * 9, True)]},
        "wcxb": {"dev": [_page([5] * 6, True), _page([7] * 6, True)], "holdout": []},
    }
    x, y, w = dataset(rows, "dev", weighting=Weighting.PAGE)
    assert len(x) == len(y) == len(w) == 30 + 4 + 12
    totals = [w[:30].sum(), w[30:34].sum(), w[34:].sum()]
    assert totals == pytest.approx([totals[0]] * 3)
    assert w.mean() == pytest.approx(1.0)


def test_a_corpus_without_labelled_blocks_takes_no_share() -> None:
    rows: Rows = {
        "trafilatura": {"dev": [_page([], False)], "holdout": []},
        "readability": {"dev": [_page([5] * 4, True)], "holdout": []},
        "wcxb": {"dev": [], "holdout": []},
    }
    _, _, w = dataset(rows, "dev")
    assert len(w) == 4
    assert w.mean() == pytest.approx(1.0)


def test_snippet_labels_mark_content_boilerplate_and_leave_the_rest_out(tmp_path: Path) -> None:
    annotation = SnippetAnnotation(with_=("rebuild the old bridge",), without=("All rights",))
    page = labelled_page(_doc(tmp_path, annotation))
    assert not page.per_page
    assert sorted(page.labels) in ([0, 1], [1])  # the footer may already be a rule's
    assert all(len(v) == len(classifier.feature_names()) for v in page.vectors)


def test_a_reference_body_labels_every_block_it_covers(tmp_path: Path) -> None:
    reference = f"Bridge to be rebuilt\n{_BODY}"
    annotation = WcxbAnnotation(reference, "Bridge", "article", SnippetAnnotation((), ()))
    page = labelled_page(_doc(tmp_path, annotation))
    assert page.per_page
    assert 1 in page.labels and 0 in page.labels  # the second paragraph is not in the body
    assert len(page.labels) == len(page.tokens) == len(page.vectors)


def test_training_fits_a_model_the_classifier_can_run() -> None:
    rng = np.random.default_rng(0)
    width = len(classifier.feature_names())
    pages = []
    for _ in range(20):
        labels = [int(v) for v in rng.integers(0, 2, 6)]
        vectors = [[label + float(rng.normal(0, 0.3))] * width for label in labels]
        pages.append(PageRows(vectors, labels, [10] * 6, True))
    rows: Rows = {
        "trafilatura": {"dev": [], "holdout": []},
        "readability": {"dev": pages, "holdout": []},
        "wcxb": {"dev": [], "holdout": []},
    }
    spec = train(rows, ("readability",), Settings(c=1.0))
    assert spec["features"] == list(classifier.feature_names())
    assert spec["threshold"] == 0.5
    model = _as_model(spec)
    assert model.probability([1.0] * width) > 0.5 > model.probability([0.0] * width)
