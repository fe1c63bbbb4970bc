"""Running a checked plan: collect the inputs, extract them, filter, write and report."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
from collections.abc import Iterable, Iterator

from cleannews import batch
from cleannews.batch import Failure, Outcome, Task
from cleannews.cli import templates
from cleannews.cli.args import Filters, Plan
from cleannews.cli.inputs import collect, name_outputs, read_url_list, with_urls
from cleannews.cli.progress import (
    Counts,
    Progress,
    explain,
    message_of,
    plural,
    report,
    same_terminal,
)
from cleannews.cli.sinks import open_sink, unfinished
from cleannews.cli.sniff import may_be_archive


def execute(plan: Plan) -> int:
    """Plan the tasks, run them, write and report every outcome; the exit status."""
    if plan.dask is not None:
        from cleannews.cli.cluster import execute_on_dask  # dask: only when asked for

        return execute_on_dask(plan)
    if any(map(may_be_archive, plan.paths)):
        from cleannews.cli import archives  # the archive readers: only for a possible archive

        if any(archives.is_archive(path) for path in plan.paths):
            return archives.execute(plan)
    skipped: list[str] = []
    outputs = [p for p in (plan.output, plan.output_dir) if p is not None]
    tasks = collect(plan.paths, plan.options, exclude=outputs, skipped=skipped)
    if plan.url_list is not None:
        tasks = with_urls(tasks, read_url_list(plan.url_list))
    plan = templates.prepare(plan, lambda: tasks)
    if plan.output_dir is not None:
        tasks = name_outputs(tasks, plan.output_dir, plan.format)
    if plan.resume:
        remaining = unfinished(tasks, plan)
        done, tasks = len(tasks) - len(remaining), remaining
        if done:
            print(f"cleannews: --resume: {plural(done, 'input')} already done", file=sys.stderr)
        if not tasks:
            return 0
    counts = Counts(len(tasks), not_pages=len(skipped))
    _run(plan, tasks, counts)
    if plan.verbose or (plan.batch and sys.stderr.isatty()):
        print(f"cleannews: {counts.summary()}", file=sys.stderr)
    return 1 if counts.failed else 0


def _run(plan: Plan, tasks: list[Task], counts: Counts) -> None:
    job = plan.job
    progress = Progress(len(tasks), sys.stderr)
    shared = same_terminal(sys.stdout, sys.stderr)
    runs = batch.run(tasks, job, jobs=plan.jobs, timeout=plan.timeout, max_memory=plan.max_memory)
    keep = _Filter(plan.filters)
    with open_sink(plan) as sink, contextlib.closing(runs):
        for task, outcome in _named_options(runs):
            why = keep.reason_to_skip(task, outcome)
            if why is not None:
                reason = why.partition(" of ")[0]
                counts.filtered[reason] = counts.filtered.get(reason, 0) + 1
                sink.write(task, Outcome(skipped=why))
                progress.step(False)
                continue
            if shared:
                progress.clear()  # the article must not land after the counter
            failure = sink.write(task, outcome) or outcome.failure
            if failure is not None:
                progress.clear()
                report(task.path, failure)
            elif plan.explain and plan.format in ("markdown", "text"):
                progress.clear()
                explain(task.path, outcome.removed)
            if plan.verbose:
                progress.clear()
                _log(task, outcome)
            counts.failed += failure is not None
            counts.extracted += failure is None
            progress.step(failure is not None)
    progress.clear()


def _named_options(runs: Iterable[tuple[Task, Outcome]]) -> Iterator[tuple[Task, Outcome]]:
    """Outcomes whose messages name command-line options instead of ``Options`` fields."""
    for task, outcome in runs:
        failure = outcome.failure
        if failure is None:
            yield task, outcome
        else:
            named = dataclasses.replace(failure, message=message_of(failure))
            yield task, dataclasses.replace(outcome, failure=named)


def _log(task: Task, outcome: Outcome) -> None:
    """``--verbose``: one line per input with its time and what was found."""
    facts = outcome.facts
    found = (
        f"{facts.page_type}, {plural(facts.words, 'word')}, language {facts.language or '?'}"
        if facts is not None
        else "failed"
    )
    print(f"cleannews: {task.path}: {outcome.seconds * 1000:.1f} ms CPU, {found}", file=sys.stderr)


class _Filter:
    """The pipeline filters: page type, language, length and repeated bodies."""

    def __init__(self, filters: Filters) -> None:
        self.filters = filters
        self.seen: dict[str, str] = {}

    def reason_to_skip(self, task: Task, outcome: Outcome) -> str | None:
        facts, wanted = outcome.facts, self.filters
        if facts is None or outcome.failure is not None:
            return None
        if wanted.only_articles and facts.page_type != "article":
            return "not an article"
        language = (facts.language or "").lower().replace("_", "-").split("-")[0]
        if wanted.languages is not None and language not in wanted.languages:
            return "another language"
        if wanted.min_words is not None and facts.words < wanted.min_words:
            return "too short"
        if wanted.dedup:
            if facts.body_key in self.seen:
                return f"a duplicate of {self.seen[facts.body_key]}"
            self.seen[facts.body_key] = task.path
        return None


__all__ = ["Failure", "execute"]
