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

from cleannews import batch
from cleannews.batch import Failure, Outcome, Task
from cleannews.cli.args import Plan
from cleannews.output.formats import FORMATS, csv_row

#: The file under ``--output-dir`` that lists the inputs that failed, one JSON line each.
ERRORS_FILE = "errors.jsonl"


def unfinished(tasks: list[Task], plan: Plan) -> list[Task]:
    """``--resume``: the tasks whose output is not there yet. In a jsonl log, the error
    records of the inputs tried again are taken out, so that each input keeps one record."""
    if plan.output_dir is not None:
        folder = plan.output_dir
        return [t for t in tasks if t.output is None or not (folder / t.output).exists()]
    done = recorded_paths(plan.output) if plan.output else set()
    return [t for t in tasks if record_key(t.path, t.fields) not in done]


def record_key(path: str, fields: Mapping[str, Any] | None) -> str:
    """What ``--resume`` knows an output record by: the resolved file (``r2/a.html`` and
    ``$PWD/r2/a.html`` are one input), and for a web archive's record the record id too."""
    where = path if path == "-" else os.path.realpath(path)
    record_id = (fields or {}).get("warc_record_id")
    return where if record_id is None else f"{where}\0{record_id}"


def recorded_paths(log: Path) -> set[str]:
    """Resolved paths with a complete article record in a jsonl output. Error records are
    dropped from the log (``--resume`` tries those inputs again, and their new record takes
    the old one's place), and so is a torn last line."""
    try:
        data = log.read_bytes()
    except FileNotFoundError:
        return set()
    kept: list[bytes] = []
    paths: set[str] = set()
    for line in data[: data.rfind(b"\n") + 1].splitlines(keepends=True):
        try:
            record = json.loads(line)
        except ValueError:
            kept.append(line)  # not ours to judge: kept as it is
            continue
        if _is_article_record(record):
            paths.add(record_key(record["path"], record))
        if not (isinstance(record, dict) and "error" in record):
            kept.append(line)
    if b"".join(kept) != data:
        write_atomic(log, b"".join(kept).decode("utf-8", "replace"))
    return paths


def _is_article_record(record: object) -> bool:
    if not isinstance(record, dict):
        return False
    return isinstance(record.get("path"), str) and "error" not in record


class Sink(Protocol):
    """Where outcomes go; ``write`` returns a failure when the output cannot be written."""

    def write(self, task: Task, outcome: Outcome) -> Failure | None: ...


class StreamSink:
    """All outcomes to one stream: jsonl records, csv rows under one header, or articles
    after a ``==> PATH <==`` line."""

    def __init__(self, stream: TextIO, plan: Plan, *, header: bool = True) -> None:
        self.stream, self.format, self.batch = stream, plan.format, plan.batch
        self.columns = plan.columns
        self.first = True
        if plan.format == "csv" and header:
            stream.write(csv_row({c: c for c in plan.columns}, plan.columns))

    def write(self, task: Task, outcome: Outcome) -> Failure | None:
        if self.format == "jsonl" and outcome.failure is not None:
            self.stream.write(batch.error_record(task.path, outcome.failure, task.fields))
        elif self.format == "jsonl" and outcome.skipped is not None:
            self.stream.write(batch.skipped_record(task.path, outcome.skipped, task.fields))
        elif outcome.rendered is not None:
            if self.batch and not FORMATS[self.format].lines:
                self.stream.write(f"{'' if self.first else chr(10)}==> {task.path} <==\n")
            self.stream.write(outcome.rendered)
            self.first = False
        self.stream.flush()
        return None


class FolderSink:
    """One file per successful input under ``folder``, each written atomically, and
    ``errors.jsonl`` listing the inputs that failed (removed when none did)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.errors: list[str] = []

    def write(self, task: Task, outcome: Outcome) -> Failure | None:
        if outcome.failure is not None:
            self.errors.append(batch.error_record(task.path, outcome.failure))
        if outcome.rendered is None or task.output is None:
            return None
        target = self.folder / task.output
        try:
            write_atomic(target, outcome.rendered)
        except OSError as error:
            failure = Failure("OSError", f"cannot write {target}: {error.strerror or error}")
            self.errors.append(batch.error_record(task.path, failure))
            return failure
        return None

    def close(self) -> None:
        target = self.folder / ERRORS_FILE
        if self.errors:
            write_atomic(target, "".join(self.errors))
        else:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()


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
        folder = FolderSink(plan.output_dir)
        yield folder
        folder.close()
    elif plan.parquet and plan.output is not None:
        from cleannews.cli.parquet import ParquetSink  # pyarrow: only for --format parquet

        with ParquetSink(plan.output) as sink:
            yield sink
    elif plan.output is None:
        yield StreamSink(sys.stdout, plan)
    elif FORMATS[plan.format].lines and plan.format == "jsonl":  # a log: a line per input
        with plan.output.open("a" if plan.resume else "w", encoding="utf-8") as handle:
            yield StreamSink(handle, plan)
    else:
        with _atomic(plan.output) as handle:
            yield StreamSink(handle, plan)
