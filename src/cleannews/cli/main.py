"""The ``cleannews`` command: articles from files, folders, globs or standard input.

The command reads like its stages: :mod:`~cleannews.cli.args` checks the command line into a
plan, :mod:`~cleannews.cli.inputs` collects the pages, :mod:`~cleannews.cli.runner` extracts
them (in worker processes when asked), :mod:`~cleannews.cli.sinks` writes every outcome and
:mod:`~cleannews.cli.progress` reports on stderr.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from cleannews.cli import archives
from cleannews.cli import runner as batch
from cleannews.cli.args import Plan, build_parser, make_plan
from cleannews.cli.inputs import collect, name_outputs
from cleannews.cli.progress import Progress, explain, report
from cleannews.cli.sinks import open_sink, unfinished
from cleannews.errors import BatchError, MissingExtraError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (argparse exits with 2 on a usage error)."""
    parser = build_parser()
    plan = make_plan(parser.parse_args(argv), parser)
    try:
        return execute(plan)
    except KeyboardInterrupt:
        print("\ncleannews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except MissingExtraError as error:  # asked for a part that is not installed
        print(f"cleannews: {error}", file=sys.stderr)
        return 2
    except (BatchError, OSError) as error:
        print(f"cleannews: {error}", file=sys.stderr)
        return 1


def execute(plan: Plan) -> int:
    """Plan the tasks, run them, write and report every outcome; the exit status."""
    if plan.dask is not None:
        from cleannews.cli.cluster import execute_on_dask  # dask: only when asked for

        return execute_on_dask(plan)
    if any(archives.is_archive(path) for path in plan.paths):
        return archives.execute(plan)
    tasks = collect(plan.paths, plan.job.options)
    if plan.output_dir is not None:
        tasks = name_outputs(tasks, plan.output_dir, plan.job.format)
    if plan.resume:
        remaining = unfinished(tasks, plan)
        skipped, tasks = len(tasks) - len(remaining), remaining
        if skipped:
            print(f"cleannews: --resume: {skipped} inputs already done", file=sys.stderr)
        if not tasks:
            return 0
    failed = 0
    progress = Progress(len(tasks), sys.stderr)
    runs = batch.run(
        tasks, plan.job, jobs=plan.jobs, timeout=plan.timeout, max_memory=plan.max_memory
    )
    with open_sink(plan) as sink, contextlib.closing(runs):
        for task, outcome in runs:
            failure = sink.write(task, outcome) or outcome.failure
            if failure is not None:
                progress.clear()
                report(task.path, failure)
            elif plan.job.explain and plan.job.format in ("markdown", "text"):
                progress.clear()
                explain(task.path, outcome.removed)
            failed += failure is not None
            progress.step(failure is not None)
    progress.clear()
    return 1 if failed else 0
