"""Where outcomes go (standard output, one ``--output`` file, one file per input under
``--output-dir``, each written atomically), and what ``--resume`` finds already done."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, TextIO

from cleannews.cli import runner as batch
from cleannews.cli.args import Plan
from cleannews.cli.runner import Failure, Job, Outcome, Task


def unfinished(tasks: list[Task], plan: Plan) -> list[Task]:
    """``--resume``: the tasks whose output is not there yet."""
    if plan.output_dir is not None:
        folder = plan.output_dir
        return [t for t in tasks if t.output is None or not (folder / t.output).exists()]
    done = recorded_paths(plan.output) if plan.output else set()
    return [t for t in tasks if record_key(t.path, t.fields) not in done]


def record_key(path: str, fields: Mapping[str, Any] | None) -> str:
    """What ``--resume`` knows an output record by: its path, and for a web archive's record
    the record id too."""
    record_id = (fields or {}).get("warc_record_id")
    return path if record_id is None else f"{path}\0{record_id}"


def recorded_paths(log: Path) -> set[str]:
    """Paths with a complete article record in a jsonl output (an error record does not count:
    ``--resume`` tries that input again, as ``--output-dir`` does); a torn last line is cut off."""
    try:
        data = log.read_bytes()
    except FileNotFoundError:
        return set()
    complete = data[: data.rfind(b"\n") + 1]
    if len(complete) < len(data):
        with log.open("r+b") as handle:
            handle.truncate(len(complete))
    paths: set[str] = set()
    for line in complete.splitlines():
        with contextlib.suppress(ValueError):
            record = json.loads(line)
            if _is_article_record(record):
                paths.add(record_key(record["path"], record))
    return paths


def _is_article_record(record: object) -> bool:
    if not isinstance(record, dict):
        return False
    return isinstance(record.get("path"), str) and "error" not in record


class Sink(Protocol):
    """Where outcomes go; ``write`` returns a failure when the output cannot be written."""

    def write(self, task: Task, outcome: Outcome) -> Failure | None: ...


class StreamSink:
    """All outcomes to one stream: jsonl records, or articles after a ``==> PATH <==`` line."""

    def __init__(self, stream: TextIO, job: Job, *, batch: bool) -> None:
        self.stream, self.format, self.batch = stream, job.format, batch
        self.first = True

    def write(self, task: Task, outcome: Outcome) -> Failure | None:
        if self.format == "jsonl" and outcome.failure is not None:
            self.stream.write(batch.error_record(task.path, outcome.failure, task.fields))
        elif outcome.rendered is not None:
            if self.batch and self.format in ("markdown", "text"):
                self.stream.write(f"{'' if self.first else chr(10)}==> {task.path} <==\n")
            self.stream.write(outcome.rendered)
            self.first = False
        self.stream.flush()
        return None


class FolderSink:
    """One file per successful input under ``folder``, each written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def write(self, task: Task, outcome: Outcome) -> Failure | None:
        if outcome.rendered is None or task.output is None:
            return None
        target = self.folder / task.output
        try:
            write_atomic(target, outcome.rendered)
        except OSError as error:
            return Failure("OSError", f"cannot write {target}: {error.strerror or error}")
        return None


def write_atomic(target: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``target``, then rename it over ``target``:
    an interrupted run never leaves a half-written file under the final name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with _atomic(target) as handle:
        handle.write(text)


@contextlib.contextmanager
def _atomic(target: Path) -> Iterator[TextIO]:
    """A file to write that replaces ``target`` when the block ends without an exception."""
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_sink(plan: Plan) -> Iterator[Sink]:
    """The sink the plan asks for, closed (and committed, for an output file) at the end."""
    if plan.output_dir is not None:
        yield FolderSink(plan.output_dir)
    elif plan.parquet and plan.output is not None:
        from cleannews.cli.parquet import ParquetSink  # pyarrow: only for --format parquet

        with ParquetSink(plan.output) as sink:
            yield sink
    elif plan.output is None:
        yield StreamSink(sys.stdout, plan.job, batch=plan.batch)
    elif plan.job.format == "jsonl":  # a log: one complete line per input, as it finishes
        with plan.output.open("a" if plan.resume else "w", encoding="utf-8") as handle:
            yield StreamSink(handle, plan.job, batch=plan.batch)
    else:
        with _atomic(plan.output) as handle:
            yield StreamSink(handle, plan.job, batch=plan.batch)
