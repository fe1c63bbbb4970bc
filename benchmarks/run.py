"""Benchmark cleannews against peer extractors on the development corpora.

    python -m benchmarks.run --corpus all --markdown --json benchmarks/out/results.json

Every (extractor, corpus) job runs in a fresh spawned process, one at a time (so peak RSS is
per extractor and timings never overlap). Pages are decoded once with the same detection for
every extractor; only the extraction call is timed. Peers that are not installed are skipped
with a message. Set CLEANNEWS_CORPORA to point at the corpora directory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, cast

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import (
    CORPUS_NAMES,
    CorpusMissingError,
    CorpusName,
    Split,
    corpora_root,
    corpus_dir,
)
from benchmarks.peers import FACTORIES
from benchmarks.report import CORPUS_LABELS, build_report, markdown
from benchmarks.scoring import summarize
from benchmarks.worker import Job, JobOutcome, run_job

DEFAULT_TIMEOUT_S = 1800.0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--corpus", choices=[*CORPUS_NAMES, "all"], default="all")
    parser.add_argument(
        "--peers",
        default=",".join(FACTORIES),
        help=f"comma-separated extractors (default: all of {', '.join(FACTORIES)})",
    )
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per corpus")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="write JSON here")
    parser.add_argument("--markdown", action="store_true", help="print RESULTS-style tables")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        help="seconds allowed per extractor and corpus (default %(default)s)",
    )
    args = parser.parse_args(argv)
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    unknown = sorted(set(peers) - set(FACTORIES))
    if unknown:
        parser.error(f"unknown peers {unknown}; choose from {', '.join(FACTORIES)}")
    args.peers = peers
    return args


def available_corpora(choice: str) -> list[CorpusName]:
    """The requested corpora that exist; a clear message for each one that does not."""
    wanted = list(CORPUS_NAMES) if choice == "all" else [cast(CorpusName, choice)]
    present: list[CorpusName] = []
    for name in wanted:
        try:
            corpus_dir(name)
        except CorpusMissingError as exc:
            print(f"skipping corpus: {exc}", file=sys.stderr)
            continue
        present.append(name)
    return present


def run_all(args: argparse.Namespace, corpora: Sequence[CorpusName]) -> list[JobOutcome]:
    """Run each extractor on each corpus, sequentially, each job in its own process."""
    outcomes: list[JobOutcome] = []
    root = corpora_root()
    split = cast(Split | Literal["all"], args.split)
    for peer in args.peers:
        for corpus in corpora:
            outcome = run_job(Job(peer, corpus, split, args.limit, root), args.timeout)
            _progress(outcome)
            outcomes.append(outcome)
            if outcome.unavailable:
                break  # same message for every corpus
    return [o for o in outcomes if not o.unavailable]


def _progress(outcome: JobOutcome) -> None:
    job = outcome.job
    label = f"[{job.peer} / {CORPUS_LABELS[job.corpus]}]"
    if outcome.unavailable:
        print(f"skipping {job.peer}: {outcome.problem}", file=sys.stderr)
    elif outcome.problem is not None:
        print(f"{label} FAILED: {outcome.problem}", file=sys.stderr)
    else:
        summary = summarize(job.corpus, outcome.results)
        print(
            f"{label} {summary.docs} pages, F1 {summary.prf.f1:.3f}, "
            f"{summary.docs_per_s:.1f} docs/s, {summary.errors} errors, "
            f"peak RSS {outcome.rss_peak_mb:.0f} MB",
            file=sys.stderr,
        )


def run_meta(args: argparse.Namespace, argv: Sequence[str] | None) -> dict[str, Any]:
    words = sys.argv[1:] if argv is None else list(argv)
    return {
        "command": "python -m benchmarks.run " + shlex.join(words),
        "corpora_root": str(corpora_root()),
        "split": args.split,
        "limit": args.limit,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "timing": "extraction call only, one process at a time, one warm-up call per job",
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    corpora = available_corpora(args.corpus)
    if not corpora:
        print("no corpora available: nothing to benchmark", file=sys.stderr)
        return 2
    report = build_report(run_all(args, corpora), run_meta(args, argv))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {args.json}", file=sys.stderr)
    if args.markdown:
        print(markdown(report, args.split))
    return 0


if __name__ == "__main__":
    sys.exit(main())
