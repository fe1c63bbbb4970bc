"""Train the block classifier (``src/cleannews/data/block_model.json``) on the dev split.

    python -m benchmarks.train_block_model [--c 1.0] [--threshold 0.5] [--output model.json]

Blocks come from the same pipeline code as extraction (``pipeline.candidates`` and
``classifier.block_features``, densified by ``classifier.vector``), so training and inference see
identical features. Labels:
- trafilatura-eval: a block holding a "with" snippet is content, one holding a "without"
  snippet boilerplate; other blocks carry no label.
- readability: a block is content when at least half of its 4-token shingles (or, for shorter
  blocks, its whole token run) occur in Readability's expected text.
Only dev-split pages are used for fitting and for choosing the threshold; the held-out split is
scored once at the end and reported beside the dev score (also written into the model file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from benchmarks.corpora import (
    Doc,
    ReadabilityAnnotation,
    SnippetAnnotation,
    decode_html,
    load_corpus,
)
from benchmarks.metrics import html_to_text, normalize_ws, shingles, tokenize
from cleannews.blocks import Block
from cleannews.html import classifier
from cleannews.html.parse import parse_html
from cleannews.pipeline import candidates

MODEL_PATH = (
    Path(__file__).resolve().parent.parent / "src" / "cleannews" / "data" / "block_model.json"
)
CORPORA = ("trafilatura", "readability")


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


def _readability_labeler(annotation: ReadabilityAnnotation):  # type: ignore[no-untyped-def]
    reference = html_to_text(annotation.expected_html())
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


def labelled_vectors(doc: Doc) -> Iterator[tuple[list[float], int]]:
    """(feature vector, label) for each undecided, labelled block of one page."""
    root = parse_html(decode_html(doc.raw), 5_000_000)
    found = candidates(root, [])
    blocks = found.blocks
    annotation = doc.annotation
    if isinstance(annotation, SnippetAnnotation):
        labeler = lambda b: _snippet_label(b, annotation)  # noqa: E731
    else:
        labeler = _readability_labeler(annotation)
    for features in classifier.block_features(blocks, found.containers, found.names):
        label = labeler(blocks[features.place])
        if label is not None:
            yield classifier.vector(features), label


def dataset(split: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and sample weights; each corpus carries half the total weight."""
    xs, ys, ws = [], [], []
    for corpus in CORPORA:
        rows = [row for d in load_corpus(corpus) if d.split == split for row in labelled_vectors(d)]
        xs += [r[0] for r in rows]
        ys += [r[1] for r in rows]
        ws += [1.0 / len(rows)] * len(rows)
    weights = np.array(ws) * len(ws) / 2
    return np.array(xs), np.array(ys), weights


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> dict[str, object]:
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


def block_accuracy(
    spec: dict[str, object], x: np.ndarray, y: np.ndarray, threshold: float
) -> float:
    mean, scale = np.array(spec["mean"]), np.array(spec["scale"])
    z = ((x - mean) / scale) @ np.array(spec["weights"]) + float(spec["bias"])  # type: ignore[arg-type]
    return float(((1 / (1 + np.exp(-z)) >= threshold) == y).mean())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument(
        "--output",
        type=Path,
        default=MODEL_PATH,
        help="where to write the model (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    x, y, w = dataset("dev")
    spec = fit(x, y, w, args.c)
    hx, hy, _ = dataset("holdout")
    spec["threshold"] = args.threshold
    spec["note"] = (
        "Logistic block classifier (classify.py). Trained by benchmarks/train_block_model.py on "
        "the dev split of trafilatura-eval and readability (labels from their annotations); "
        "weights apply to (x - mean) / scale. Retrain after changing features."
    )
    spec["training"] = {
        "dev_blocks": len(y),
        "holdout_blocks": len(hy),
        "dev_block_accuracy": round(block_accuracy(spec, x, y, args.threshold), 4),
        "holdout_block_accuracy": round(block_accuracy(spec, hx, hy, args.threshold), 4),
        "C": args.c,
    }
    args.output.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(spec["training"]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
