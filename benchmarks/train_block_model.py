"""Train the block classifier (``src/cleannews/data/block_model.json``) on the dev splits.

    python -m benchmarks.train_block_model [--c 1.0] [--weighting block] [--output model.json]
    python -m benchmarks.train_block_model --validate [--json OUT]   # reports, writes nothing

Blocks come from the same pipeline code as extraction (``pipeline.candidates`` and
``classifier.block_features``, densified by ``classifier.vector``), so training and inference see
identical features. Labels:
- trafilatura-eval: a block holding a "with" snippet is content, one holding a "without"
  snippet boilerplate; other blocks carry no label.
- readability and wcxb-dev: a block is content when at least half of its 4-token shingles (or,
  for shorter blocks, its whole token run) occur in the reference text (Readability's expected
  HTML as text; WCXB's reference body).
- captions (``structure.sections.caption_owner``) carry no label on a corpus whose references
  leave captions out by convention (``corpora.CAPTIONS_IN_REFERENCE``): they become figures,
  which that corpus does not score, and are not boilerplate.
Only dev-split pages are used for fitting; each corpus carries the same total weight, shared
among its blocks equally (``--weighting block``, the default) or the way its metric counts
them (``--weighting page``, measured in RESULTS.md with ``--c 0.001``): on a
snippet-scored corpus each labelled block counts once, on a shingle-scored one each page
weighs the same (the metric averages per page) and its blocks share that weight by
log1p(tokens) (with ``block``, a readability or wcxb-dev page of many short menu lines
outweighs one long article, which the metric does not). The held-out halves are scored at
the end, and the model is validated across corpora:

- own holdout: the model fitted on the dev halves of all three corpora, scored (extraction
  F1 by the corpus's metric, with its caption convention) on each corpus's holdout half;
- leave-one-corpus-out: for each corpus, a model fitted on the dev halves of the other two,
  scored on that corpus (its holdout half, and all of its pages).

``--validate`` also scores the packaged model the same way, for the keep-or-not decision: new
weights are kept only when neither the holdout nor the leave-one-out figures fall.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from sklearn.linear_model import LogisticRegression

from benchmarks.corpora import (
    CAPTIONS_IN_REFERENCE,
    CORPUS_NAMES,
    CorpusName,
    Doc,
    SnippetAnnotation,
    decode_html,
    load_corpus,
)
from benchmarks.metrics import normalize_ws, shingles, tokenize
from benchmarks.peers import load_adapter
from benchmarks.scoring import corpus_prf, reference_text, run_docs
from cleannews.blocks import Block
from cleannews.errors import RuleError
from cleannews.html import classifier
from cleannews.html.parse import parse_html
from cleannews.pipeline import candidates
from cleannews.structure.sections import caption_owner

Labeler = Callable[[Block], "int | None"]
Rows = dict[CorpusName, dict[str, list["PageRows"]]]


class Weighting(Enum):
    """How a corpus's weight is shared among its labelled blocks (see :func:`block_weights`)."""

    BLOCK = "block"
    PAGE = "page"


MODEL_PATH = (
    Path(__file__).resolve().parent.parent / "src" / "cleannews" / "data" / "block_model.json"
)
CORPORA: tuple[CorpusName, ...] = CORPUS_NAMES


def _snippet_label(block: Block, annotation: SnippetAnnotation) -> int | None:
    text = normalize_ws(block.text)

    def hit(snippets: Sequence[str]) -> bool:
        return any(
            s in text or (len(text) >= 20 and text in s) for s in map(normalize_ws, snippets)
        )

    good, bad = hit(annotation.with_), hit(annotation.without)
    if good == bad:
        return None
    return 1 if good else 0


def _reference_labeler(reference: str) -> Labeler:
    ref_shingles = shingles(reference)
    ref_tokens = " " + " ".join(tokenize(reference)) + " "

    def label(block: Block) -> int | None:
        tokens = tokenize(block.text)
        if not tokens:
            return None
        if len(tokens) < 4:
            return 1 if f" {' '.join(tokens)} " in ref_tokens else 0
        own = shingles(block.text)
        found = sum(min(n, ref_shingles[s]) for s, n in own.items())
        return 1 if found >= 0.5 * sum(own.values()) else 0

    return label


class PageRows(NamedTuple):
    """One page's labelled blocks: feature vectors, labels, token counts, and whether the
    corpus metric weighs the page as a whole (shingle F1, averaged per page) rather than
    counting each labelled block (snippet F1, summed over pages)."""

    vectors: list[list[float]]
    labels: list[int]
    tokens: list[int]
    per_page: bool


def labelled_page(doc: Doc) -> PageRows:
    """The undecided, labelled blocks of one page. (Unlike extraction, the page's TOC box is
    not taken out first and its thread type is not read: doing so changes a few blocks and
    lowered the validation figures slightly, see RESULTS.md.)"""
    root = parse_html(decode_html(doc.raw), 5_000_000)
    found = candidates(root, [])
    blocks = found.blocks
    annotation = doc.annotation
    labeler: Labeler
    if isinstance(annotation, SnippetAnnotation):
        labeler = lambda b: _snippet_label(b, annotation)  # noqa: E731
    else:
        labeler = _reference_labeler(reference_text(annotation))
    captions_unlabelled = not CAPTIONS_IN_REFERENCE[doc.corpus]
    page = PageRows([], [], [], not isinstance(annotation, SnippetAnnotation))
    for features in classifier.block_features(blocks, found.containers, found.names):
        block = blocks[features.place]
        if captions_unlabelled and caption_owner(block) is not None:
            continue  # the reference leaves captions out by convention, not as boilerplate
        label = labeler(block)
        if label is not None:
            page.vectors.append(classifier.vector(features))
            page.labels.append(label)
            page.tokens.append(len(tokenize(block.text)))
    return page


def labelled_rows() -> Rows:
    """Every corpus's labelled pages, by split (features computed once per page)."""
    rows: Rows = {}
    for corpus in CORPORA:
        halves: dict[str, list[PageRows]] = {"dev": [], "holdout": []}
        for doc in load_corpus(corpus):
            halves[doc.split].append(labelled_page(doc))
        rows[corpus] = halves
        counts = {split: sum(len(p.labels) for p in pages) for split, pages in halves.items()}
        print(
            f"{corpus}: {counts['dev']} dev / {counts['holdout']} holdout labelled blocks",
            file=sys.stderr,
        )
    return rows


def block_weights(page: PageRows, weighting: Weighting) -> list[float]:
    """Sample weights of one page's blocks before the corpora are balanced. ``block``: 1
    each. ``page``, as the corpus metric counts: a snippet-scored page, 1 per labelled block
    (each snippet is one count); a shingle-scored page, weight 1 for the page (the metric
    averages per page) shared by its blocks in proportion to log1p(tokens) (longer blocks
    hold more shingles; the log keeps a few long paragraphs from taking all of it)."""
    if weighting is Weighting.BLOCK or not page.per_page:
        return [1.0] * len(page.labels)
    sizes = [math.log1p(n) for n in page.tokens]
    total = sum(sizes)
    return [size / total for size in sizes] if total > 0 else [0.0] * len(sizes)


def dataset(
    rows: Rows,
    split: str,
    corpora: Iterable[CorpusName] = CORPORA,
    weighting: Weighting = Weighting.BLOCK,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and sample weights (mean 1); each corpus carries the same total
    weight, shared inside it by :func:`block_weights`."""
    xs: list[list[float]] = []
    ys: list[int] = []
    ws: list[float] = []
    chosen = [rows[c][split] for c in corpora if any(p.labels for p in rows[c][split])]
    for pages in chosen:
        weights = [w for page in pages for w in block_weights(page, weighting)]
        total = sum(weights)
        ws.extend(w / total for w in weights)
        xs.extend(v for page in pages for v in page.vectors)
        ys.extend(label for page in pages for label in page.labels)
    weights_array = np.array(ws) * len(ws) / max(len(chosen), 1)
    return np.array(xs), np.array(ys), weights_array


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> dict[str, Any]:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - mean) / scale, y, sample_weight=w)
    return {
        "features": list(classifier.feature_names()),
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "weights": model.coef_[0].round(6).tolist(),
        "bias": round(float(model.intercept_[0]), 6),
    }


def block_accuracy(spec: dict[str, Any], x: np.ndarray, y: np.ndarray, threshold: float) -> float:
    mean, scale = np.array(spec["mean"]), np.array(spec["scale"])
    z = ((x - mean) / scale) @ np.array(spec["weights"]) + float(spec["bias"])
    return float(((1 / (1 + np.exp(-z)) >= threshold) == y).mean())


def _as_model(spec: dict[str, Any]) -> classifier.BlockModel:
    """A trained spec as the classifier's inference object (scaling folded in, as
    ``classifier.block_model`` does for the packaged file)."""
    raw, mean, scale = spec["weights"], spec["mean"], spec["scale"]
    weights = tuple(w / s for w, s in zip(raw, scale, strict=True))
    bias = float(spec["bias"]) - sum(w * m for w, m in zip(weights, mean, strict=True))
    names = tuple(spec["features"])
    return classifier.BlockModel(names, weights, bias, float(spec["threshold"]))


def extraction_f1(spec: dict[str, Any] | None, corpus: CorpusName) -> dict[str, float]:
    """cleannews's F1 on one corpus (holdout half, dev half, all) with the model of ``spec``
    swapped in for the packaged one (None: the packaged model)."""
    packaged = classifier.block_model
    if spec is not None:
        model = _as_model(spec)
        classifier.block_model = lambda: model  # type: ignore[assignment]
    classifier._weights_at.cache_clear()
    try:
        results = run_docs(load_adapter("cleannews", corpus), load_corpus(corpus), warmup=False)
    finally:
        classifier.block_model = packaged
        classifier._weights_at.cache_clear()
    return {
        split: round(corpus_prf(corpus, [r for r in results if split in ("all", r.split)]).f1, 4)
        for split in ("holdout", "dev", "all")
    }


class Settings(NamedTuple):
    """How a model is fitted: inverse regularisation strength, decision threshold, and how
    each corpus's weight is shared among its blocks."""

    c: float = 1.0
    threshold: float = 0.5
    weighting: Weighting = Weighting.BLOCK


def validate(rows: Rows, settings: Settings) -> dict[str, Any]:
    """Own-holdout and leave-one-corpus-out F1 of the training procedure, beside the packaged
    model's figures on the same pages."""
    report: dict[str, Any] = {"packaged": {}, "all_three": {}, "leave_one_out": {}}
    full = train(rows, CORPORA, settings)
    try:
        classifier.block_model()
    except RuleError as exc:  # trained on other features: nothing to compare against
        print(f"packaged model not scored: {exc}", file=sys.stderr)
        del report["packaged"]
    for corpus in CORPORA:
        if "packaged" in report:
            report["packaged"][corpus] = extraction_f1(None, corpus)
        report["all_three"][corpus] = extraction_f1(full, corpus)
        others = tuple(o for o in CORPORA if o != corpus)
        report["leave_one_out"][corpus] = extraction_f1(train(rows, others, settings), corpus)
        print(f"{corpus}: {json.dumps({k: v[corpus] for k, v in report.items()})}", file=sys.stderr)
    return report


def train(rows: Rows, corpora: Sequence[CorpusName], settings: Settings) -> dict[str, Any]:
    """A model spec fitted on the dev halves of ``corpora``."""
    x, y, w = dataset(rows, "dev", corpora, settings.weighting)
    spec = fit(x, y, w, settings.c)
    spec["threshold"] = settings.threshold
    return spec


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    defaults = Settings()
    parser.add_argument(
        "--c", type=float, default=defaults.c, help="inverse regularisation strength"
    )
    parser.add_argument("--threshold", type=float, default=defaults.threshold)
    parser.add_argument(
        "--weighting",
        type=Weighting,
        choices=list(Weighting),
        metavar="{" + ",".join(w.value for w in Weighting) + "}",
        default=defaults.weighting,
        help="share of each corpus's weight per block: 'block' equal per block (the default), "
        "'page' as the corpus's metric counts (with --c 0.001: see RESULTS.md)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=MODEL_PATH,
        help="where to write the model (default: %(default)s)",
    )
    parser.add_argument(
        "--validate",
        action="store_true",
        help="report own-holdout and leave-one-corpus-out F1 (and the packaged model's); "
        "write no model",
    )
    parser.add_argument("--json", type=Path, default=None, help="write the validation here")
    args = parser.parse_args(argv)
    settings = Settings(args.c, args.threshold, args.weighting)
    rows = labelled_rows()
    if args.validate:
        report = validate(rows, settings)
        if args.json is not None:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(report, indent=1))
        return 0
    spec = train(rows, CORPORA, settings)
    x, y, _ = dataset(rows, "dev")
    hx, hy, _ = dataset(rows, "holdout")
    spec["note"] = (
        "Logistic block classifier (classifier.py). Trained by benchmarks/train_block_model.py on "
        "the dev split of trafilatura-eval, readability and wcxb-dev (labels from their "
        "annotations, each corpus weighted equally, shared among its blocks as --weighting "
        "says); weights apply to (x - mean) / scale. Retrain after changing features."
    )
    spec["training"] = {
        "corpora": list(CORPORA),
        "dev_blocks": len(y),
        "holdout_blocks": len(hy),
        "dev_block_accuracy": round(block_accuracy(spec, x, y, args.threshold), 4),
        "holdout_block_accuracy": round(block_accuracy(spec, hx, hy, args.threshold), 4),
        "C": args.c,
        "weighting": args.weighting.value,
    }
    args.output.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(spec["training"]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
