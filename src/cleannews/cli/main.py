"""The ``cleannews`` command: articles from files, folders, globs or standard input.

Parsing the command line and planning the batch happen here; the documents are extracted by
:mod:`cleannews.cli.runner`, and their outputs written by the sinks below (standard output, one
``--output`` file, or one file per input under ``--output-dir``, each written atomically).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import glob
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Protocol, TextIO

from cleannews import __version__
from cleannews.cli import runner as batch
from cleannews.cli.runner import Failure, Format, Job, Outcome, Task
from cleannews.errors import BatchError
from cleannews.model import Removed
from cleannews.options import Favor, InputKind, Options

EPILOG = """\
inputs:
  PATH is a file, a folder, a glob or "-" (standard input). Folders are searched
  recursively for *.html, *.htm, *.xhtml and *.txt files (also gzipped: *.html.gz)
  and files without an extension; hidden files are skipped. Globs are expanded by
  cleannews, so they can be quoted: cleannews 'pages/**/*.html'. Gzip is decompressed.

output:
  One input: its article (markdown on a terminal, JSON otherwise). Several inputs
  (or a folder or glob): JSON becomes one object per line, each with its "path" (as
  jsonl); markdown and text print each article after a "==> PATH <==" line.
  --output-dir writes one file per input (folder structure mirrored), and --output
  one file; both are written atomically, except jsonl --output, which gets one line
  per input as it finishes, so that an interrupted run can be continued (--resume;
  inputs that failed are tried again, their new line after the old error line).

errors:
  A page that cannot be extracted is reported on stderr as "cleannews: PATH: message"
  (and as {"path": ..., "error": {"type": ..., "message": ...}} in jsonl) and the
  batch goes on. --timeout and --max-memory run the pages in worker processes that
  are killed and replaced when a page goes over the limit; so is a worker that dies.

exit status:
  0    every input was extracted
  1    some inputs failed
  2    usage error
  130  interrupted (Ctrl-C)
"""
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".txt"})
EXTENSIONS: dict[str, str] = {"json": ".json", "jsonl": ".json", "markdown": ".md", "text": ".txt"}
#: Show a progress counter (on a terminal) from this many inputs on.
PROGRESS_MIN_INPUTS = 10
_SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser; its epilog documents inputs, outputs and exit codes."""
    parser = argparse.ArgumentParser(
        prog="cleannews",
        description="Extract clean, structured articles from saved news pages (HTML or text).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, glob or -")
    out = parser.add_argument_group("output")
    out.add_argument("-f", "--format", choices=("json", "jsonl", "markdown", "text"))
    out.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE")
    out.add_argument("-d", "--output-dir", metavar="DIR", type=Path, help="one file per input")
    out.add_argument("--resume", action="store_true", help="skip inputs already in the output")
    out.add_argument("--explain", action="store_true", help="report what was removed, and why")
    ext = parser.add_argument_group("extraction")
    ext.add_argument("--url", help="the page's address (for metadata)")
    ext.add_argument("--input-kind", choices=[k.value for k in InputKind], default="auto")
    ext.add_argument("--favor", choices=[f.value for f in Favor], help="default: balanced")
    limits = parser.add_argument_group("limits")
    limits.add_argument("-j", "--jobs", type=_count, default=1, help="worker processes (0: CPUs)")
    limits.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="per page")
    limits.add_argument("--max-bytes", type=_size, metavar="SIZE", help="largest input (64M)")
    limits.add_argument("--max-elements", type=_count, metavar="N", help="largest HTML tree")
    limits.add_argument("--max-memory", type=_size, metavar="SIZE", help="per worker process")
    parser.add_argument("--version", action="version", version=f"cleannews {__version__}")
    return parser


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds: {text!r}")
    return value


def _size(text: str) -> int:
    """Bytes, with an optional K, M or G suffix (powers of 1024): 512K, 64M, 2G."""
    digits, unit = text.rstrip("kKmMgGbB"), text[len(text.rstrip("kKmMgGbB")) :]
    unit = unit.upper().removesuffix("B")
    if not digits.isdigit() or unit not in _SIZE_UNITS or int(digits) == 0:
        raise argparse.ArgumentTypeError(f"not a size (like 5000000, 512K, 64M): {text!r}")
    return int(digits) * _SIZE_UNITS[unit]


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the command line asked for, checked."""

    paths: tuple[str, ...]
    job: Job
    batch: bool
    output: Path | None
    output_dir: Path | None
    resume: bool
    jobs: int
    timeout: float | None
    max_memory: int | None


def make_plan(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Plan:
    """Check option combinations (a usage error exits with status 2) and settle defaults."""
    if args.output and args.output_dir:
        parser.error("--output and --output-dir exclude each other")
    if args.output_dir is not None and args.output_dir.exists() and not args.output_dir.is_dir():
        parser.error(f"--output-dir {args.output_dir} is not a folder")
    is_batch = len(args.paths) > 1 or not _single(args.paths[0])
    chosen = args.format or _default_format(args)
    fmt: Format = "jsonl" if chosen == "json" and is_batch and not args.output_dir else chosen
    if args.resume and not (args.output_dir or (args.output and fmt == "jsonl")):
        parser.error("--resume needs --output-dir, or --output with jsonl output")
    options = Options(input_kind=InputKind(args.input_kind))
    if args.favor:
        options = dataclasses.replace(options, favor=Favor(args.favor))
    if args.max_bytes:
        options = dataclasses.replace(options, max_input_bytes=args.max_bytes)
    if args.max_elements:
        options = dataclasses.replace(options, max_elements=args.max_elements)
    job = Job(options=options, url=args.url, format=fmt, explain=args.explain)
    jobs = args.jobs or os.cpu_count() or 1
    return Plan(
        tuple(args.paths), job, is_batch, args.output, args.output_dir, args.resume, jobs,
        args.timeout, args.max_memory,
    )  # fmt: skip


def _single(path: str) -> bool:
    """One file or standard input (not a folder, and not a glob) is not a batch."""
    if path == "-" or Path(path).is_file():
        return True
    return not Path(path).exists() and not set(path) & set("*?[")


def _default_format(args: argparse.Namespace) -> Format:
    if args.output or args.output_dir or not sys.stdout.isatty():
        return "json"
    return "markdown"


# --- inputs -----------------------------------------------------------------------------


def collect(paths: Sequence[str], options: Options) -> list[Task]:
    """One task per page the paths name, in order, each page once."""
    tasks: list[Task] = []
    seen: set[str] = set()
    for arg in paths:
        for task in _expand(arg, options):
            key = task.path if task.failure or isinstance(task.source, bytes) else _key(task)
            if key not in seen:
                seen.add(key)
                tasks.append(task)
    return tasks


def _key(task: Task) -> str:
    return os.path.realpath(task.source) if isinstance(task.source, Path) else task.path


def _expand(arg: str, options: Options) -> Iterator[Task]:
    if arg == "-":
        yield _stdin_task(options.max_input_bytes)
        return
    path = Path(arg)
    if path.is_dir():
        yield from _folder(path, arg)
    elif not path.exists() and set(arg) & set("*?["):
        yield from _glob(arg)
    else:
        yield Task(arg, path, output=_base(PurePath(path.name)))


def _folder(folder: Path, arg: str) -> Iterator[Task]:
    found, errors = False, list[OSError]()
    for file in _walk(folder, errors.append):
        found = True
        yield Task(str(file), file, output=_base(file.relative_to(folder)))
    for error in errors:  # an unreadable folder inside: reported, never silently skipped
        where = str(error.filename or arg)
        message = f"cannot read the folder: {error.strerror or error}"
        yield Task(where, Path(where), failure=Failure("InputError", message))
    if not found and not errors:
        message = "no pages in this folder (*.html, *.htm, *.xhtml, *.txt, *.gz, no extension)"
        yield Task(arg, folder, failure=Failure("InputError", message))


def _walk(folder: Path, onerror: Callable[[OSError], object]) -> Iterator[Path]:
    """Page files under ``folder``, sorted, hidden files and folders skipped."""
    for top, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and is_page_name(name):
                yield Path(top, name)


def is_page_name(name: str) -> bool:
    """True for page files: .html, .htm, .xhtml, .txt, no extension; each also gzipped."""
    name = name.lower().removesuffix(".gz")
    suffix = PurePath(name).suffix
    return suffix in PAGE_SUFFIXES or not suffix


def _glob(pattern: str) -> Iterator[Task]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Task(pattern, Path(pattern), failure=Failure("InputError", "no files match"))
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _folder(path, match)
        else:
            yield Task(match, path, output=_base(PurePath(path.name)))


def _stdin_task(limit: int) -> Task:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        message = f"standard input holds more than {limit:,} bytes (--max-bytes)"
        return Task("-", b"", failure=Failure("InputTooLargeError", message))
    return Task("-", data, output="stdin")


def _base(relative: PurePath) -> str:
    """Output name without extension: ``sub/page.html.gz`` -> ``sub/page``."""
    name = relative.name.removesuffix(".gz").removesuffix(".GZ")
    stem = PurePath(name).stem if PurePath(name).suffix.lower() in PAGE_SUFFIXES else name
    return (relative.parent / stem).as_posix()


def name_outputs(tasks: list[Task], folder: Path, fmt: Format) -> list[Task]:
    """Give each task its output file under ``folder``; a clash gets ``-2``, ``-3``..."""
    extension, used, named = EXTENSIONS[fmt], set[str](), []
    for task in tasks:
        base = task.output or "page"
        name, number = base + extension, 2
        while name.casefold() in used:
            name, number = f"{base}-{number}{extension}", number + 1
        used.add(name.casefold())
        target, failure = folder / name, task.failure
        if isinstance(task.source, Path) and _same_file(target, task.source):
            failure = failure or Failure("InputError", f"{target} would overwrite the input")
        named.append(dataclasses.replace(task, output=name, failure=failure))
    return named


def _same_file(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and os.path.samefile(a, b)


def unfinished(tasks: list[Task], plan: Plan) -> list[Task]:
    """``--resume``: the tasks whose output is not there yet."""
    if plan.output_dir is not None:
        folder = plan.output_dir
        return [t for t in tasks if t.output is None or not (folder / t.output).exists()]
    done = recorded_paths(plan.output) if plan.output else set()
    return [t for t in tasks if t.path not in done]


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
                paths.add(record["path"])
    return paths


def _is_article_record(record: object) -> bool:
    if not isinstance(record, dict):
        return False
    return isinstance(record.get("path"), str) and "error" not in record


# --- outputs ----------------------------------------------------------------------------


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
            self.stream.write(batch.error_record(task.path, outcome.failure))
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
    elif plan.output is None:
        yield StreamSink(sys.stdout, plan.job, batch=plan.batch)
    elif plan.job.format == "jsonl":  # a log: one complete line per input, as it finishes
        with plan.output.open("a" if plan.resume else "w", encoding="utf-8") as handle:
            yield StreamSink(handle, plan.job, batch=plan.batch)
    else:
        with _atomic(plan.output) as handle:
            yield StreamSink(handle, plan.job, batch=plan.batch)


# --- reporting --------------------------------------------------------------------------


class Progress:
    """A carriage-return counter on stderr, when it is a terminal and there is much to do."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream, self.done, self.failed = total, stream, 0, 0
        self.enabled = total >= PROGRESS_MIN_INPUTS and stream.isatty()
        self.shown, self.last = False, 0.0

    def step(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self.enabled and (now - self.last >= 0.1 or self.done == self.total):
            line = f"\rcleannews: {self.done}/{self.total} pages, {self.failed} failed"
            self.stream.write(line)
            self.stream.flush()
            self.shown, self.last = True, now

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.shown = False


def report(path: str, failure: Failure) -> None:
    """The one-line error message of a failed input."""
    message = " ".join(failure.message.split())
    print(f"cleannews: {path}: {message}", file=sys.stderr)


def explain(path: str, removed: Sequence[Removed]) -> None:
    """What extraction removed from one page, and why, on stderr."""
    lines = [f"cleannews: {path}: removed {len(removed)} blocks"]
    for item in removed:
        text = " ".join(item.text.split())
        text = text if len(text) <= 100 else text[:99] + "…"
        lines.append(f"  [{item.rule}] {item.reason}: {text}")
    print("\n".join(lines), file=sys.stderr)


# --- the command ------------------------------------------------------------------------


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
    except (BatchError, OSError) as error:
        print(f"cleannews: {error}", file=sys.stderr)
        return 1


def execute(plan: Plan) -> int:
    """Plan the tasks, run them, write and report every outcome; the exit status."""
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
