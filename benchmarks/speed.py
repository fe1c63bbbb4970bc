"""Noise-resistant speed comparison: the best of N CPU-time runs per page.

    python -m benchmarks.speed [--every 5] [--repeats 3]

On a shared machine a single pass (``benchmarks.run``) is disturbed by whatever else runs;
taking, page by page, the minimum CPU time of a few repeats measures what each extractor
costs. cleannews, trafilatura (default settings) and a bare lxml.html parse run on the same
pages (every Nth trafilatura-eval page, decoded once) in one process, after a warm-up.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

from benchmarks.corpora import decode_html, load_corpus


def best_time(extract: Callable[[str], object], text: str, repeats: int) -> float:
    """The smallest CPU time of ``repeats`` calls."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        extract(text)
        best = min(best, time.process_time() - start)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=5, help="take every Nth page")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    import trafilatura
    from lxml import html

    import cleannews

    texts = [decode_html(d.raw) for d in load_corpus("trafilatura")[:: args.every]]
    extractors: dict[str, Callable[[str], object]] = {
        "lxml-parse": html.document_fromstring,
        "cleannews": cleannews.extract,
        "trafilatura": trafilatura.extract,
    }
    for extract in extractors.values():  # warm-up: imports, caches, compiled rules
        for text in texts[:20]:
            extract(text)
    cost = {
        name: sum(best_time(extract, t, args.repeats) for t in texts) / len(texts)
        for name, extract in extractors.items()
    }
    for name, seconds in cost.items():
        print(f"{name:12} {seconds * 1000:6.2f} ms/page  {1 / seconds:7.1f} pages/s")
    print(
        f"cleannews: {cost['trafilatura'] / cost['cleannews']:.2f}x trafilatura's speed, "
        f"{cost['lxml-parse'] / cost['cleannews']:.2f}x a bare lxml parse ({len(texts)} pages)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
