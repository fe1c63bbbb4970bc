"""Web archives on the command line. A WARC or ARC file (recognised by its magic bytes, not
its name) is read record by record, lazily, so a 1 GB archive never sits in memory: each page
record becomes one task, and one JSON record after the file's ``path`` with the record's
``url``, ``warc_record_id``, ``warc_date``, ``http_status`` and ``content_type``. Progress is
reported in bytes read; ``--resume`` skips the records already in a jsonl output by id."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from cleannews import batch
from cleannews.batch import Failure, Task
from cleannews.cli import templates
from cleannews.cli.args import Plan
from cleannews.cli.inputs import collect
from cleannews.cli.progress import report
from cleannews.cli.sinks import open_sink, record_key, recorded_paths
from cleannews.errors import CleannewsError
from cleannews.warc import ArchiveReader, archive_kind


def is_archive(path: str) -> bool:
    """True for a file that starts like a WARC or ARC archive (gzipped or not)."""
    return path != "-" and Path(path).is_file() and archive_kind(path) is not None


class ByteProgress:
    """``cleannews: 12.5 of 980.0 MB read, 3,456 records, 2 failed`` on a terminal."""

    def __init__(self, readers: Sequence[ArchiveReader], total: int, stream: TextIO) -> None:
        self.readers, self.total, self.stream = readers, total, stream
        self.done = self.failed = 0
        self.enabled, self.shown, self.last = stream.isatty(), False, 0.0

    def step(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self.enabled and now - self.last >= 0.1:
            read = sum(r.position for r in self.readers) / 1e6
            line = f"\rcleannews: {read:,.1f} of {self.total / 1e6:,.1f} MB read, "
            self.stream.write(f"{line}{self.done:,} records, {self.failed:,} failed")
            self.stream.flush()
            self.shown, self.last = True, now

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.shown = False


def execute(plan: Plan) -> int:
    """Run a batch that holds web archives (and perhaps pages); the exit status."""
    if plan.output_dir is not None:
        print("cleannews: --output-dir takes pages; for a web archive use --output FILE "
              "(jsonl or --format parquet)", file=sys.stderr)  # fmt: skip
        return 2
    if plan.job.format == "json":  # one record per page record: jsonl
        plan = dataclasses.replace(plan, format="jsonl")
    plan = dataclasses.replace(plan, batch=True)
    plan = templates.prepare(plan, lambda: _tasks(plan, _readers(plan)))
    readers = _readers(plan)
    tasks: Iterable[Task] = _tasks(plan, readers)
    if plan.resume and plan.output is not None:
        tasks = _unfinished(tasks, recorded_paths(plan.output))
    total = sum(Path(p).stat().st_size for p in readers)
    progress = ByteProgress(list(readers.values()), total, sys.stderr)
    failed = 0
    runs = batch.run(
        tasks, plan.job, jobs=plan.jobs, timeout=plan.timeout, max_memory=plan.max_memory
    )
    with open_sink(plan) as sink, contextlib.closing(runs):
        for task, outcome in runs:
            failure = sink.write(task, outcome) or outcome.failure
            if failure is not None:
                progress.clear()
                report(_where(task), failure)
            failed += failure is not None
            progress.step(failure is not None)
    progress.clear()
    _summary(readers)
    return 1 if failed else 0


def _readers(plan: Plan) -> dict[str, ArchiveReader]:
    return {p: ArchiveReader(p, plan.job.options) for p in plan.paths if is_archive(p)}


def _tasks(plan: Plan, readers: dict[str, ArchiveReader]) -> Iterator[Task]:
    for path in plan.paths:
        reader = readers.get(path)
        if reader is None:
            yield from collect([path], plan.job.options)
            continue
        try:
            for record in reader:
                fields = record.fields()
                if record.error is not None or record.text is None:
                    failure = Failure.of(record.error or CleannewsError("no payload"))
                    yield Task(path, b"", failure=failure, url=record.url, fields=fields)
                else:
                    yield Task(path, record.text, url=record.url, fields=fields)
        except CleannewsError as error:  # not readable at all (FastWARC missing, say)
            yield Task(path, b"", failure=Failure.of(error))


def _unfinished(tasks: Iterable[Task], done: set[str]) -> Iterator[Task]:
    skipped = 0
    for task in tasks:
        if record_key(task.path, task.fields) in done:
            skipped += 1
            continue
        yield task
    if skipped:
        print(f"cleannews: --resume: {skipped:,} records already done", file=sys.stderr)


def _where(task: Task) -> str:
    fields = task.fields or {}
    record = fields.get("warc_record_id") or fields.get("url")
    return f"{task.path} {record}" if record else task.path


def _summary(readers: dict[str, ArchiveReader]) -> None:
    for path, reader in readers.items():
        if reader.skipped:
            counts = ", ".join(f"{n:,} {why}" for why, n in reader.skipped.most_common())
            print(f"cleannews: {path}: skipped {counts}", file=sys.stderr)
