"""The compiled tree walks against the pure-Python ones, interleaved page by page.

    python -m benchmarks.walk_speed [--every 4] [--repeats 5]

On each page (every Nth trafilatura-eval page, decoded once) the two paths alternate, each
repeat timing the pure path (``CLEANNEWS_PURE_PYTHON=1``) and then the compiled one; the best
CPU time of each is kept. Alternating on the same page cancels most of a busy machine's drift.
Prints the mean ms/page of each path, the ratio, and the spread of the per-page ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from collections.abc import Sequence

import cleannews
from benchmarks.corpora import decode_html, load_corpus
from cleannews.html.compiled import built
from cleannews.options import PURE_PYTHON_ENV

_PATHS = {"pure": "1", "compiled": "0"}


def _run(text: str, path: str) -> float:
    """CPU seconds of one extraction on ``path``."""
    os.environ[PURE_PYTHON_ENV] = _PATHS[path]
    start = time.process_time()
    with contextlib.suppress(cleannews.CleannewsError):  # a refused page: the same on both
        cleannews.extract(text)
    return time.process_time() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=4, help="take every Nth page")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if not built():
        parser.error("the compiled walk is not built (pip install -e . with a C compiler)")
    texts = [decode_html(d.raw) for d in load_corpus("trafilatura")[:: args.every]]
    before = os.environ.get(PURE_PYTHON_ENV)
    for text in texts[:20]:  # warm-up: imports, caches, compiled rules
        for path in _PATHS:
            _run(text, path)
    best: dict[str, list[float]] = {path: [] for path in _PATHS}
    for text in texts:
        page = {path: float("inf") for path in _PATHS}
        for _ in range(args.repeats):
            for path in _PATHS:
                page[path] = min(page[path], _run(text, path))
        for path, seconds in page.items():
            best[path].append(seconds)
    if before is None:
        os.environ.pop(PURE_PYTHON_ENV, None)
    else:
        os.environ[PURE_PYTHON_ENV] = before
    pure, fast = (sum(best[p]) / len(texts) for p in ("pure", "compiled"))
    print(f"{len(texts)} pages: pure {pure * 1000:.2f} ms/page, compiled {fast * 1000:.2f} ms/page")
    print(f"compiled: {pure / fast:.3f}x the pure path's speed")
    ratios = sorted(p / c for p, c in zip(best["pure"], best["compiled"], strict=True) if c > 0)
    if ratios:
        tenth = len(ratios) // 10
        print(
            f"per-page ratio: median {ratios[len(ratios) // 2]:.3f}, "
            f"10th percentile {ratios[tenth]:.3f}, 90th {ratios[-1 - tenth]:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
