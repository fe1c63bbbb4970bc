"""Text mode against HTML mode on the same pages: best-of-N CPU time per page, and the ratio.

    python -m benchmarks.text_speed [--every 8] [--repeats 3] [--how layout markdown] [--profile]

Every Nth dev page of each corpus is extracted from its HTML and from its whole-page
flattenings (``benchmarks.flatten``, cached in /tmp; ``layout`` is a scraper's page text,
``markdown`` a crawler's Markdown), in one process after a warm-up. Per page and input, the
smallest CPU time of ``--repeats`` calls counts; the report gives ms/page per corpus and input
and text/HTML ratios (the target of issues 12 and 15: at most 1.0). ``--profile`` runs one
pass of the text inputs under cProfile instead and prints the costliest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Callable, Sequence

import cleannews
from benchmarks.corpora import CorpusMissingError
from benchmarks.flatten import CORPORA, Page, flattened, pages
from cleannews import InputKind, Options

_KINDS = {"markdown": InputKind.MARKDOWN}


def best_time(call: Callable[[], object], repeats: int) -> float:
    """The smallest CPU time of ``repeats`` calls."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best


def extractor(source: str, how: str) -> Callable[[], object]:
    """One extraction of ``source`` read as ``how`` ("html" or a flattening)."""
    options = Options() if how == "html" else Options(input_kind=_KINDS.get(how, InputKind.TEXT))

    def call() -> object:
        try:
            return cleannews.extract(source, options=options)
        except cleannews.CleannewsError:
            return None

    return call


def inputs(every: int, hows: Sequence[str]) -> list[tuple[str, dict[str, str]]]:
    """(corpus, {input: source}) for every ``every``-th dev page of each corpus present."""
    chosen: list[tuple[str, dict[str, str]]] = []
    for corpus in CORPORA:
        try:
            found: list[Page] = list(pages(corpus, "dev"))[::every]
        except CorpusMissingError:
            continue
        for page in found:
            sources = {"html": page.html} | {how: flattened(page, how) for how in hows}
            chosen.append((corpus, sources))
    return chosen


def measure(chosen: list[tuple[str, dict[str, str]]], repeats: int) -> dict[tuple[str, str], float]:
    """Summed best CPU seconds per (corpus, input)."""
    totals: dict[tuple[str, str], float] = {}
    for corpus, sources in chosen:
        for how, source in sources.items():
            key = (corpus, how)
            totals[key] = totals.get(key, 0.0) + best_time(extractor(source, how), repeats)
    return totals


def report(
    totals: dict[tuple[str, str], float], counts: dict[str, int], hows: Sequence[str]
) -> str:
    lines = [
        "| corpus | pages | HTML ms | " + " | ".join(f"{h} ms | {h}/HTML" for h in hows) + " |"
    ]
    lines.append("|" + "---|" * (3 + 2 * len(hows)))
    for corpus in [*counts, "all"]:
        n = sum(counts.values()) if corpus == "all" else counts[corpus]
        cost = {
            how: sum(v for (c, h), v in totals.items() if h == how and corpus in (c, "all")) / n
            for how in ("html", *hows)
        }
        cells = " | ".join(f"{1000 * cost[h]:.2f} | {cost[h] / cost['html']:.2f}" for h in hows)
        lines.append(f"| {corpus} | {n} | {1000 * cost['html']:.2f} | {cells} |")
    return "\n".join(lines)


def profile(chosen: list[tuple[str, dict[str, str]]], hows: Sequence[str], top: int) -> None:
    profiler = cProfile.Profile()
    calls = [extractor(s[how], how) for _, s in chosen for how in hows]
    profiler.enable()
    for call in calls:
        call()
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=8, help="take every Nth dev page")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--how", nargs="+", default=["layout", "markdown"])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    chosen = inputs(args.every, args.how)
    for _, sources in chosen[:10]:  # warm-up: imports, caches, compiled rules
        for how, source in sources.items():
            extractor(source, how)()
    if args.profile:
        profile(chosen, args.how, args.top)
        return 0
    counts: dict[str, int] = {}
    for corpus, _ in chosen:
        counts[corpus] = counts.get(corpus, 0) + 1
    print(report(measure(chosen, args.repeats), counts, args.how))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
