"""The long fuzz run: the property tests of ``tests/test_fuzz.py`` with many more examples.

    .venv/bin/python -m fuzz.run --minutes 10

Rounds of every strategy in ``fuzz.strategies.SOURCES`` and ``fuzz.kinds.KINDS`` (fresh
random seed each round) until the time is up. A failing example is shrunk by hypothesis,
printed, saved under ``fuzz/failures/`` and the run goes on. Examples slower than ``--slow``
seconds are listed, and one that takes longer than ``--hang`` seconds counts as a failure.
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

from cleannews import Options
from fuzz.kinds import KINDS
from fuzz.strategies import SOURCES, TEXT_SOURCES, check, check_text_article, options

FAILURES = Path(__file__).resolve().parent / "failures"
#: Every strategy with its check: the page strategies, then the archive and templates kinds.
STRATEGIES = {
    name: (strategy, check_text_article if name in TEXT_SOURCES else check)
    for name, strategy in SOURCES.items()
} | KINDS


class HangError(Exception):
    """An example ran past the hang limit."""


@dataclass
class Tally:
    """What a run tried and found."""

    examples: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)
    slow: list[tuple[float, str, str]] = field(default_factory=list)
    last: object = None


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise HangError("example ran past the hang limit")


def one_round(name: str, examples: int, tally: Tally, args: argparse.Namespace) -> None:
    """``examples`` examples of one strategy; a failure is shrunk, recorded and survived."""
    strategy, checker = STRATEGIES[name]

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(source=strategy, page_options=options)
    def run(source: Any, page_options: Options) -> None:
        tally.last = source
        tally.examples[name] = tally.examples.get(name, 0) + 1
        start = time.perf_counter()
        signal.alarm(args.hang)
        try:
            checker(source, page_options)
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - start
        if elapsed > args.slow:
            tally.slow.append((elapsed, name, repr(source)[:200]))

    try:
        seed(random.getrandbits(64))(run)()
    except Exception as error:  # any failure: record it with its shrunk example, then go on
        _record(name, error, tally)


def _record(name: str, error: Exception, tally: Tally) -> None:
    FAILURES.mkdir(exist_ok=True)
    number = len(tally.failures) + 1
    example = FAILURES / f"{int(time.time())}-{name}-{number}.repr"
    example.write_text(repr(tally.last), encoding="utf-8")
    failure = {
        "strategy": name,
        "error": f"{type(error).__name__}: {str(error)[:500]}",
        "example": str(example),
        "traceback": traceback.format_exc()[-3000:],
    }
    tally.failures.append(failure)
    print(f"FAILURE in {name}: {failure['error']}\n  example saved to {example}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz.run", description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--examples", type=int, default=500, help="per strategy and round")
    parser.add_argument("--slow", type=float, default=2.0, help="report examples slower than")
    parser.add_argument("--hang", type=int, default=60, help="fail examples slower than")
    parser.add_argument("--report", type=Path, help="write the tally as JSON here")
    parser.add_argument("--only", nargs="+", choices=sorted(STRATEGIES), help="these only")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGALRM, _alarm)
    tally, start = Tally(), time.monotonic()
    rounds = 0
    while time.monotonic() - start < args.minutes * 60:
        for name in args.only or STRATEGIES:
            one_round(name, args.examples, tally, args)
        rounds += 1
        done = sum(tally.examples.values())
        elapsed = time.monotonic() - start
        print(
            f"round {rounds}: {done:,} examples, {len(tally.failures)} failures, {elapsed:.0f} s",
            flush=True,
        )
    summary = {
        "minutes": round((time.monotonic() - start) / 60, 1),
        "rounds": rounds,
        "examples": tally.examples,
        "total_examples": sum(tally.examples.values()),
        "failures": tally.failures,
        "slowest": sorted(tally.slow, reverse=True)[:10],
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "failures"}, indent=2))
    if args.report:
        args.report.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
