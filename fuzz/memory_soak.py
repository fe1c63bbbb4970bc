"""Memory soak: 10,000 documents through the batch path, sampling the workers' RSS.

    .venv/bin/python -m fuzz.memory_soak --documents 10000 --jobs 2

The development corpora (``../shared/corpora``, or ``$CLEANNEWS_CORPORA``) are repeated until
there are enough documents, and run through :class:`cleannews.batch.WorkerPool` exactly as
``cleannews --jobs N -f jsonl`` runs them, except that workers are never recycled (the CLI
replaces each after 1000 pages, which would hide a leak). Every ``--every`` documents the RSS of
each worker and of the parent is sampled from /proc. The report gives the samples, each
worker's peak RSS (VmHWM), and the growth from the end of the first pass over the corpora
(bounded caches are still filling then) and over the second half of the run, to its end. Exit
status 1 when a worker grew by more than ``--max-growth`` MB over the second half.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from cleannews.batch import Job, Task, WorkerPool

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = Path(os.environ.get("CLEANNEWS_CORPORA", ROOT.parent / "shared" / "corpora"))


def corpus_files(root: Path) -> list[Path]:
    """Every page of both development corpora, sorted."""
    pages = sorted((root / "trafilatura-eval" / "html").glob("*.gz"))
    return pages + sorted((root / "readability").glob("*/source.html.gz"))


def tasks(files: list[Path], count: int) -> Iterator[Task]:
    for number, path in zip(range(count), itertools.cycle(files), strict=False):
        yield Task(f"{number}:{path.name}", path)


def status_mb(pid: int, field: str) -> float:
    """A memory field of /proc/PID/status (VmRSS, VmHWM) in MB; 0 when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def soak(files: list[Path], args: argparse.Namespace) -> dict[str, object]:
    samples: list[dict[str, object]] = []
    failures: dict[str, int] = {}
    peaks: dict[int, float] = {}
    start = time.monotonic()
    with WorkerPool(Job(format="jsonl"), args.jobs, max_tasks=10**9) as pool:
        for done, (_, outcome) in enumerate(pool.run(tasks(files, args.documents)), 1):
            if outcome.failure is not None:
                failures[outcome.failure.type] = failures.get(outcome.failure.type, 0) + 1
            if done % args.every == 0 or done == args.documents:
                pids = pool.worker_pids()
                for pid in pids:
                    peaks[pid] = max(peaks.get(pid, 0.0), status_mb(pid, "VmHWM"))
                sample = {
                    "documents": done,
                    "seconds": round(time.monotonic() - start, 1),
                    "workers_rss_mb": [round(status_mb(pid, "VmRSS"), 1) for pid in pids],
                    "parent_rss_mb": round(status_mb(os.getpid(), "VmRSS"), 1),
                }
                samples.append(sample)
                print(json.dumps(sample), flush=True)
    return {"samples": samples, "failures": failures, "peaks": peaks}


def _growth(before: dict[str, object], after: dict[str, object]) -> list[float]:
    pairs = zip(before["workers_rss_mb"], after["workers_rss_mb"], strict=False)  # type: ignore[call-overload]
    return [round(b - a, 1) for a, b in pairs]


def summary(result: dict[str, object], first_pass: int) -> dict[str, object]:
    """Growth after the first pass over the corpora (caches filling up: they are bounded) and
    over the second half of the run (a leak shows there)."""
    samples = result["samples"]
    assert isinstance(samples, list)
    after_pass = next((s for s in samples if s["documents"] >= first_pass), samples[0])
    half = next(s for s in samples if s["documents"] >= samples[-1]["documents"] // 2)
    last = samples[-1]
    peaks = result["peaks"]
    assert isinstance(peaks, dict)
    return {
        "documents": last["documents"],
        "seconds": last["seconds"],
        "documents_per_second": round(last["documents"] / max(last["seconds"], 0.1), 1),
        "failures_by_type": result["failures"],
        "workers_rss_after_first_pass_mb": after_pass["workers_rss_mb"],
        "workers_rss_at_half_mb": half["workers_rss_mb"],
        "workers_rss_at_end_mb": last["workers_rss_mb"],
        "worker_growth_after_first_pass_mb": _growth(after_pass, last),
        "worker_growth_second_half_mb": _growth(half, last),
        "worker_peak_rss_mb": [round(v, 1) for v in peaks.values()],
        "parent_rss_mb": [after_pass["parent_rss_mb"], last["parent_rss_mb"]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz.memory_soak", description=__doc__)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--every", type=int, default=250, help="sample every N documents")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--max-growth", type=float, default=20.0, help="MB, over the 2nd half")
    parser.add_argument("--report", type=Path, help="write samples and summary as JSON here")
    args = parser.parse_args(argv)
    files = corpus_files(args.corpora)
    if not files:
        print(f"no corpora under {args.corpora}: set CLEANNEWS_CORPORA", file=sys.stderr)
        return 2
    result = soak(files, args)
    brief = summary(result, len(files))
    print(json.dumps(brief, indent=2))
    if args.report:
        report = {"summary": brief, "samples": result["samples"]}
        args.report.write_text(json.dumps(report, indent=2), encoding="utf-8")
    growth = brief["worker_growth_second_half_mb"]
    assert isinstance(growth, list)
    return 1 if any(g > args.max_growth for g in growth) else 0


if __name__ == "__main__":
    sys.exit(main())
