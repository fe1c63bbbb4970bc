"""The command line: its arguments, and the checked :class:`Plan` made from them."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from cleannews import __version__
from cleannews.cli.runner import Format, Job
from cleannews.options import Favor, InputKind, Options
from cleannews.warc import archive_kind

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
    out.add_argument("-f", "--format", choices=("json", "jsonl", "markdown", "text", "parquet"))
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
    limits.add_argument(
        "--dask", metavar="ADDRESS", help="run on a Dask scheduler, or local:N (N workers)"
    )
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
    #: ``--format parquet``: the job renders jsonl records, the sink makes them rows.
    parquet: bool = False
    #: ``--dask``: a scheduler address, or ``local:N``.
    dask: str | None = None


def make_plan(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Plan:
    """Check option combinations (a usage error exits with status 2) and settle defaults."""
    if args.output and args.output_dir:
        parser.error("--output and --output-dir exclude each other")
    if args.output_dir is not None and args.output_dir.exists() and not args.output_dir.is_dir():
        parser.error(f"--output-dir {args.output_dir} is not a folder")
    is_batch = len(args.paths) > 1 or not _single(args.paths[0])
    _check_scale(args, parser)
    chosen = args.format or _default_format(args)
    if chosen == "parquet":
        chosen = "jsonl"
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
        args.timeout, args.max_memory, args.format == "parquet", args.dask,
    )  # fmt: skip


def _check_scale(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Parquet output goes to one file (or, on Dask, one file per input under a folder);
    Dask writes one output per input under ``--output-dir``."""
    if args.dask is not None:
        if args.output_dir is None:
            parser.error("--dask needs --output-dir (one output file per input)")
        if args.format not in (None, "json", "jsonl", "parquet"):
            parser.error("--dask writes jsonl or parquet")
        if not args.dask.strip():
            parser.error("--dask needs a scheduler address, or local:N")
        return
    if args.format == "parquet":
        if args.output is None:
            parser.error("--format parquet needs --output FILE")
        if args.resume:
            parser.error("--resume needs jsonl output (a parquet file is written at the end)")


def _single(path: str) -> bool:
    """One file or standard input (not a folder, not a glob, not a web archive) is not a
    batch."""
    if path == "-":
        return True
    if Path(path).is_file():
        return archive_kind(path) is None
    return not Path(path).exists() and not set(path) & set("*?[")


def _default_format(args: argparse.Namespace) -> Format:
    if args.output or args.output_dir or not sys.stdout.isatty():
        return "json"
    return "markdown"
