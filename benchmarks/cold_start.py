"""Cold start: the CPU time of whole one-page CLI runs, source trees taking turns.

    python -m benchmarks.cold_start PAGE [SRC ...] [--runs 9]

Each run is a fresh ``python -m cleannews PAGE`` process; its user + system CPU time comes
from ``RUSAGE_CHILDREN``, so other work on a busy machine disturbs it less than wall time.
Each ``SRC`` folder (a copy of another commit's ``src``, with the compiled walk beside it) is
put first on ``PYTHONPATH`` in turn; without one, the installed package runs. Bytecode is
written (``PYTHONDONTWRITEBYTECODE`` is dropped) and one untimed run per tree comes first, so
the runs measure a warm install: bytecode and the start-up disk cache in place.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Sequence


def cpu_seconds(page: str, env: dict[str, str]) -> float:
    """User + system CPU time of one CLI run on ``page``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "cleannews", page]
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page")
    parser.add_argument("trees", nargs="*", metavar="SRC", help="source folders to compare")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    envs = {tree: base | {"PYTHONPATH": tree} for tree in args.trees} or {"installed": base}
    for env in envs.values():
        cpu_seconds(args.page, env)  # bytecode and disk cache written
    times: dict[str, list[float]] = {name: [] for name in envs}
    for _ in range(args.runs):
        for name, env in envs.items():
            times[name].append(cpu_seconds(args.page, env))
    for name, found in times.items():
        low, high = min(found), max(found)
        median = statistics.median(found)
        spread = f"min {low:.3f}, max {high:.3f}, {args.runs} runs"
        print(f"{name}: median {median:.3f} s CPU ({spread})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
