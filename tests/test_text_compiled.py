"""The compiled line-model inference (``cleannews.text._infer``) against the pure-Python path
of :mod:`cleannews.text.linemodel`: both stages' probabilities must be the same floats to the
last bit, on the golden pages read as text, on generated content-farm pages, on a sample of
dev pages flattened whole-page (skipped without the corpora or the flatteners), and the tree
ensembles' margins on random vectors. The extension must be built wherever the tree walk's
extension must be (``tests/test_compiled.py``); without it the pure path runs.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import cleannews
from cleannews.options import PURE_PYTHON_ENV
from cleannews.text import linemodel
from cleannews.text.mainrun import text_units
from farm import farm_page, source_from_article
from test_compiled import REQUIRE, no_extension, same_output_without

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())
#: Every Nth dev page of each corpus is compared, flattened each way.
DEV_EVERY = 12

needs_compiled = pytest.mark.skipif(
    linemodel._compiled is None and not REQUIRE, reason="the compiled inference is not built"
)


def test_the_compiled_inference_is_built_where_required() -> None:
    if REQUIRE:
        assert linemodel._compiled is not None, "cleannews.text._infer did not build"


def _both(monkeypatch: pytest.MonkeyPatch, text: str, *, markdown: bool) -> list[float]:
    """The page's probabilities on the pure path; asserts the compiled path's are equal."""
    blocks = text_units(text, markdown=markdown)
    model = linemodel.line_model()
    monkeypatch.setenv(PURE_PYTHON_ENV, "1")
    assert linemodel.inference() is None
    pure = model.probabilities(blocks)
    monkeypatch.setenv(PURE_PYTHON_ENV, "0")
    assert linemodel.inference() is not None
    fast = model.probabilities(blocks)
    assert [x.hex() for x in fast] == [x.hex() for x in pure]
    return pure


@needs_compiled
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_pages_read_as_text_score_the_same(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = next(case.glob("source.*"))
    text = source.read_text(encoding="utf-8")
    for markdown in (False, True):
        assert _both(monkeypatch, text, markdown=markdown)
    article = cleannews.extract(source)
    for flat in (article.to_text(), article.to_markdown()):
        _both(monkeypatch, flat, markdown=False)


@needs_compiled
def test_farm_pages_and_edge_sizes_score_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    article = cleannews.extract(GOLDEN / "met-police-call-handler" / "source.txt")
    source = source_from_article(article)
    assert source is not None
    for seed in range(30):
        assert len(set(_both(monkeypatch, farm_page(source, random.Random(seed)).text,
                             markdown=False))) > 5  # fmt: skip
    for text in ("One line.", "Home\n\nNews", "A\n\nB\n\nC", "x " * 300):
        _both(monkeypatch, text, markdown=False)
    assert linemodel.line_model().probabilities([]) == []


@needs_compiled
def test_dev_pages_flattened_score_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("inscriptis", reason="needs the bench extra's flatteners")
    pytest.importorskip("html2text", reason="needs the bench extra's flatteners")
    pytest.importorskip("resiliparse", reason="needs the bench extra's flatteners")
    from benchmarks.corpora import CorpusMissingError
    from benchmarks.flatten import CORPORA, FLATTENINGS, flattened, pages

    compared = 0
    for corpus in CORPORA:
        try:
            chosen = list(pages(corpus, "dev"))[::DEV_EVERY]
        except CorpusMissingError:
            continue
        for page in chosen:
            for how in FLATTENINGS:
                compared += len(
                    _both(monkeypatch, flattened(page, how), markdown=how == "markdown")
                )
    if not compared:
        pytest.skip("no corpus found (see benchmarks/corpora.py)")


@needs_compiled
def test_forest_margins_are_the_compiled_functions_to_the_last_bit() -> None:
    model = linemodel.line_model()
    rng = random.Random(11)
    for trees in (model.first, model.second):
        width = trees.forest.width
        for _ in range(300):
            vector = [rng.choice((0.0, 0.5, 1.0, -1.0, rng.uniform(-3, 9))) for _ in range(width)]
            assert trees.forest.margin(vector) == trees.margin(vector)
        with pytest.raises(ValueError):
            trees.forest.margin([0.0] * (width - 1))


@needs_compiled
def test_malformed_input_is_refused() -> None:
    from cleannews.text import _infer

    with pytest.raises(ValueError):
        _infer.Forest(0.0, [[0, -1, -1]], [[0.5, 0.0, 0.0]], [[1, -1, -1]], [[5, -1, -1]],
                      [[0.0, 1.0, 2.0]])  # fmt: skip
    forest = _infer.Forest(0.0, [[0, -1, -1]], [[0.5, 0.0, 0.0]], [[1, -1, -1]], [[2, -1, -1]],
                           [[0.0, 1.0, 2.0]])  # fmt: skip
    assert (forest.margin([0.5]), forest.margin([0.6])) == (1.0, 2.0)
    with pytest.raises(ValueError):  # rows of different lengths
        _infer.stage_one(forest, [[0.0, 1.0], [0.0]], 2, [0], [1], [1], [3], 0.0, 0.0)
    with pytest.raises(ValueError):  # a column outside the rows
        _infer.stage_one(forest, [[0.0, 1.0]], 2, [2], [1], [1], [3], 0.0, 0.0)
    with pytest.raises(ValueError):  # fewer probabilities than rows
        _infer.stage_two(forest, [[0.0, 1.0]], 2, [], [1], [3], 10, [0])


def test_without_the_extension_the_pure_path_runs() -> None:
    check = "from cleannews.text import linemodel; "
    check += "assert linemodel.inference() is None and linemodel.line_model().first.forest is None"
    page = GOLDEN / "content-farm-text" / "source.txt"
    same_output_without(no_extension("cleannews.text._infer"), check, page)
