"""Train the text line model (``src/cleannews/data/line_model.json``) on dev splits only.

    python -m benchmarks.train_line_model [--output model.json] [--exclude CORPUS]
    python -m benchmarks.train_line_model --validate [CORPUS ...] [--json OUT]  # writes no model

Every dev page of every corpus present is flattened four ways (``benchmarks.flatten``), made
into blocks by the same code as extraction (``text.lines`` / ``text.markdown`` and the phrase
filters), and each line is labelled from the page's reference (``flatten.Labeler``; unsure
lines carry no label). Features come from ``cleannews.text.linemodel`` itself, so training and
inference see identical vectors.

Stage one is fitted on every dev page; stage two on stage one's out-of-fold probabilities
(three folds by page, all flattenings of a page in one fold). Both are scikit-learn
histogram gradient-boosted trees, exported node by node to JSON for pure-Python inference.
The main-run parameters are then chosen on the dev pages (grid over the threshold and the
inside/outside keep levels, scored with each corpus's metric on the kept lines). The held-out
halves are never read for fitting: ``benchmarks.text_eval`` scores them, and ``--validate``
scores each corpus's held-out half with a model fitted on the other two corpora's dev halves
(leave-one-corpus-out, per flattening, full extraction as ``text_eval`` runs it).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import pickle
import random
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from benchmarks import text_eval
from benchmarks.corpora import CorpusMissingError
from benchmarks.flatten import CORPORA, FLATTENINGS, Labeler, Page, flattened, pages
from benchmarks.metrics import (
    ShingleScore,
    score_shingles,
    shingle_prf,
    shingles,
    snippet_counts,
    snippet_prf,
)
from cleannews.blocks import Block
from cleannews.text import linemodel
from cleannews.text.linemodel import load_line_model
from cleannews.text.mainrun import kept_lines, text_units

MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "cleannews" / "data" / "line_model.json"
#: The labelled lines (and fitted trees) are kept here between runs.
CACHE = Path(os.environ.get("CLEANNEWS_LINEDATA", "/tmp/cleannews-linedata-v3.pkl"))
#: Labelled lines sampled per page and flattening for fitting (long pages would dominate).
ROWS_PER_PAGE = 150
FOLDS = 3


@dataclass
class PageLines:
    """One page flattened one way: its lines' own features, labels, texts and tokens."""

    corpus: str
    id: str
    how: str
    own: np.ndarray
    labels: np.ndarray  # 1 content, 0 boilerplate, -1 unlabelled
    texts: list[str]
    page: Page | None = None
    #: The blocks themselves, so that new own features need no new flattening and labelling.
    blocks: list[Block] | None = None
    #: The feature names ``own`` was computed for.
    names: tuple[str, ...] = ()


def page_lines(page: Page, how: str) -> PageLines:
    blocks = text_units(flattened(page, how), markdown=how == "markdown")
    label = Labeler(page)
    labels = np.array([_label(label, b) for b in blocks], dtype=np.int8)
    own = np.array(linemodel.own_features(blocks), dtype=np.float32)
    own = own.reshape(len(blocks), len(linemodel.OWN))
    slim = Page(page.corpus, page.id, page.split, "", page.reference, page.with_,
                page.without)  # fmt: skip
    return PageLines(page.corpus, page.id, how, own, labels, [b.text for b in blocks], slim,
                     blocks, linemodel.OWN)  # fmt: skip


def refreshed(item: PageLines) -> PageLines:
    """``item`` with its own features recomputed when the feature code has changed since."""
    if item.names == linemodel.OWN or item.blocks is None:
        return item
    own = np.array(linemodel.own_features(item.blocks), dtype=np.float32)
    item.own = own.reshape(len(item.blocks), len(linemodel.OWN))
    item.names = linemodel.OWN
    return item


def _label(label: Labeler, block: Block) -> int:
    verdict = label(block.text)
    return -1 if verdict is None else verdict


def collect(split: str = "dev") -> list[PageLines]:
    """Every page of ``split`` flattened every way (cached in /tmp between runs)."""
    cache = CACHE.with_suffix(f".{split}.pkl")
    if cache.is_file():
        items: list[PageLines] = pickle.loads(cache.read_bytes())
        stale = any(item.names != linemodel.OWN for item in items)
        items = [refreshed(item) for item in items]
        if stale:
            cache.write_bytes(pickle.dumps(items))
        return items
    out: list[PageLines] = []
    for corpus in CORPORA:
        try:
            for page in pages(corpus, split):
                out.extend(page_lines(page, how) for how in FLATTENINGS)
        except CorpusMissingError as error:
            print(f"skipped: {error}", file=sys.stderr)
        print(f"{corpus}: {len(out)} page flattenings so far", file=sys.stderr)
    cache.write_bytes(pickle.dumps(out))
    return out


def fold_of(item: PageLines) -> int:
    digest = hashlib.sha256(f"{item.corpus}/{item.id}".encode()).digest()
    return digest[0] % FOLDS


def _sample(item: PageLines, rng: random.Random) -> list[int]:
    rows = [i for i, label in enumerate(item.labels) if label >= 0]
    return rows if len(rows) <= ROWS_PER_PAGE else sorted(rng.sample(rows, ROWS_PER_PAGE))


def stage_one_matrix(item: PageLines) -> np.ndarray:
    return np.array(linemodel.stage_one(item.own.tolist()), dtype=np.float64)


def fit(x: np.ndarray, y: np.ndarray, iterations: int) -> HistGradientBoostingClassifier:
    model = HistGradientBoostingClassifier(
        max_iter=iterations, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=40,
        l2_regularization=1.0, random_state=0,
    )  # fmt: skip
    return model.fit(x, y)


def training_rows(items: Sequence[PageLines], x_of: Any) -> tuple[np.ndarray, np.ndarray]:
    rng = random.Random(0)
    xs, ys = [], []
    for item in items:
        rows = _sample(item, rng)
        if rows:
            xs.append(x_of(item)[rows])
            ys.append(item.labels[rows])
    return np.vstack(xs), np.concatenate(ys)


def train(items: Sequence[PageLines], iterations: int) -> tuple[Any, Any, dict[int, np.ndarray]]:
    """Stage one on all items, stage two on out-of-fold stage-one probabilities."""
    first_x: dict[int, np.ndarray] = {id(item): stage_one_matrix(item) for item in items}
    oof: dict[int, np.ndarray] = {}
    for fold in range(FOLDS):
        fitting = [item for item in items if fold_of(item) != fold]
        model = fit(*training_rows(fitting, lambda it: first_x[id(it)]), iterations)
        for item in items:
            if fold_of(item) == fold and len(item.labels):
                oof[id(item)] = model.predict_proba(first_x[id(item)])[:, 1]
        print(f"fold {fold}: stage one fitted", file=sys.stderr)
    first = fit(*training_rows(items, lambda it: first_x[id(it)]), iterations)
    second_x = {
        id(item): np.array(linemodel.stage_two(item.own.tolist(), oof[id(item)].tolist()))
        for item in items if len(item.labels)
    }  # fmt: skip
    second = fit(*training_rows([i for i in items if len(i.labels)],
                                lambda it: second_x[id(it)]), iterations)  # fmt: skip
    probabilities = {k: second.predict_proba(x)[:, 1] for k, x in second_x.items()}
    return first, second, probabilities


def export(model: HistGradientBoostingClassifier, names: Sequence[str]) -> dict[str, Any]:
    """The trees as parallel node arrays (feature -1 marks a leaf)."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append({
            "feature": [-1 if n["is_leaf"] else int(n["feature_idx"]) for n in nodes],
            "threshold": [float(n["num_threshold"]) for n in nodes],
            "left": [int(n["left"]) for n in nodes],
            "right": [int(n["right"]) for n in nodes],
            "value": [round(float(n["value"]), 6) if n["is_leaf"] else 0.0 for n in nodes],
        })  # fmt: skip
    return {"features": list(names), "base": float(model._baseline_prediction.ravel()[0]),
            "trees": trees}  # fmt: skip


def score(items: Sequence[PageLines], probabilities: dict[int, np.ndarray],
          params: tuple[float, float, float]) -> float:  # fmt: skip
    """Mean over corpora of each corpus's metric on the kept lines (all flattenings)."""
    shingle: dict[str, list[Any]] = {}
    snippets: dict[str, list[Any]] = {}
    for item in items:
        p = probabilities.get(id(item))
        page = item.page
        if p is None or page is None:
            continue
        keep = kept_lines(p.tolist(), item.texts, *params)
        text = "\n".join(t for t, k in zip(item.texts, keep, strict=True) if k)
        if page.reference is None:
            snippets.setdefault(item.corpus, []).append(
                snippet_counts(text, page.with_, page.without)
            )
        else:
            shingle.setdefault(item.corpus, []).append(_shingle_score(page.reference, text))
    f1s = [shingle_prf(v).f1 for v in shingle.values()]
    f1s += [snippet_prf(v).f1 for v in snippets.values()]
    return sum(f1s) / len(f1s) if f1s else 0.0


@functools.lru_cache(maxsize=4096)
def _reference_shingles(reference: str) -> Counter[tuple[str, ...]]:
    return shingles(reference)


def _shingle_score(reference: str, text: str) -> ShingleScore:
    """``metrics.shingle_score``, the reference's shingles computed once per page (the grid
    scores every page ten times)."""
    return score_shingles(_reference_shingles(reference), shingles(text))


def choose_parameters(items: Sequence[PageLines], probabilities: dict[int, np.ndarray]
                      ) -> tuple[tuple[float, float, float], float]:  # fmt: skip
    """The grid point with the best dev score, on every other dev page (for time)."""
    items = [item for item in items if fold_of(item) != 0]
    best, best_f1 = (0.5, 0.4, 0.95), -1.0
    for params in _grid():
        f1 = score(items, probabilities, params)
        print(f"{params}: {f1:.4f}", file=sys.stderr)
        if f1 > best_f1:
            best, best_f1 = params, f1
    return best, best_f1


def _grid() -> Iterator[tuple[float, float, float]]:
    for threshold in (0.35, 0.5, 0.65):
        for inside in (0.25, 0.4):
            for outside in (0.8, 0.95):
                if inside <= threshold:
                    yield threshold, inside, outside


def build(items: Sequence[PageLines], iterations: int, exclude: str | None) -> dict[str, Any]:
    """Both stages and the main-run parameters fitted on ``items``, as the JSON model."""
    fitted = CACHE.with_suffix(f".fitted-{exclude or 'all'}-{iterations}.pkl")
    first, second, probabilities = train(items, iterations)
    by_key = {(i.corpus, i.id, i.how): probabilities[id(i)] for i in items
              if id(i) in probabilities}  # fmt: skip
    fitted.write_bytes(pickle.dumps((first, second, by_key)))
    return model_json(items, first, second, by_key, exclude)


def model_json(items: Sequence[PageLines], first: Any, second: Any,
               by_key: dict[tuple[str, str, str], np.ndarray], exclude: str | None
               ) -> dict[str, Any]:  # fmt: skip
    probabilities = {id(i): by_key[i.corpus, i.id, i.how] for i in items
                     if (i.corpus, i.id, i.how) in by_key}  # fmt: skip
    params, dev_f1 = choose_parameters(items, probabilities)
    print(f"dev F1 (in-sample stage two) {dev_f1:.4f} with {params}", file=sys.stderr)
    return {
        "note": "Text line model (cleannews.text.linemodel), trained by "
        "benchmarks/train_line_model.py on dev splits only"
        + (f" without {exclude}" if exclude else "")
        + ". Stage one: own, neighbour and window features; stage two: stage one's "
        "out-of-fold probabilities in context. The main run maximises (p - threshold) x "
        "tokens; inside it lines with p >= inside are kept, outside it those with p >= outside.",
        "dev_f1": round(dev_f1, 4),
        "threshold": params[0], "inside": params[1], "outside": params[2],
        "first": export(first, linemodel.stage_one_names()),
        "second": export(second, linemodel.stage_two_names()),
    }  # fmt: skip


def holdout_f1(model: dict[str, Any], corpus: str) -> dict[str, float | None]:
    """Text F1 per flattening of ``model`` on ``corpus``'s held-out half (full extraction,
    as ``benchmarks.text_eval`` scores it)."""
    loaded = load_line_model(model)
    with mock.patch("cleannews.pipeline.line_model", lambda: loaded):
        scores, _ = text_eval.evaluate((corpus,), "holdout", baselines=False, speed=False)
    return {how: scores.f1(corpus, how, "cleannews") for how in FLATTENINGS}


def validate(items: Sequence[PageLines], iterations: int,
             only: Sequence[str] = CORPORA) -> dict[str, Any]:  # fmt: skip
    """Leave-one-corpus-out: for each corpus, a model fitted on the other two corpora's dev
    halves, scored on that corpus's held-out half per flattening."""
    report: dict[str, Any] = {}
    for corpus in only:
        others = [item for item in items if item.corpus != corpus]
        print(f"leave out {corpus}: training on {len(others)} page flattenings", file=sys.stderr)
        report[corpus] = holdout_f1(build(others, iterations, corpus), corpus)
        print(f"{corpus}: {json.dumps(report[corpus])}", file=sys.stderr)
    return report


def loo_table(report: dict[str, Any]) -> str:
    lines = ["| left out (scored on its holdout) | " + " | ".join(FLATTENINGS) + " |",
             "|---|" + "---|" * len(FLATTENINGS)]  # fmt: skip
    for corpus, f1s in report.items():
        cells = " | ".join("-" if f1s[h] is None else f"{f1s[h]:.3f}" for h in FLATTENINGS)
        lines.append(f"| {corpus} | {cells} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--exclude", choices=CORPORA, help="leave this corpus out")
    parser.add_argument("--iterations", type=int, default=120)
    parser.add_argument("--reuse", action="store_true", help="reuse the last fitted trees")
    parser.add_argument("--validate", nargs="*", choices=CORPORA, metavar="CORPUS",
                        help="leave-one-corpus-out figures (of these corpora; default all); "
                        "writes no model")  # fmt: skip
    parser.add_argument("--json", type=Path, help="--validate: write the figures here")
    args = parser.parse_args(argv)
    items = [item for item in collect("dev") if item.corpus != args.exclude]
    if args.validate is not None:
        report = validate(items, args.iterations, args.validate or CORPORA)
        print(loo_table(report))
        if args.json:
            args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
        return 0
    print(f"training on {len(items)} dev page flattenings", file=sys.stderr)
    fitted = CACHE.with_suffix(f".fitted-{args.exclude or 'all'}-{args.iterations}.pkl")
    if fitted.is_file() and args.reuse:
        first, second, by_key = pickle.loads(fitted.read_bytes())
        model = model_json(items, first, second, by_key, args.exclude)
    else:
        model = build(items, args.iterations, args.exclude)
    args.output.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
