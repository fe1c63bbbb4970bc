"""The command line: its arguments, and the checked :class:`Plan` made from them.

This module loads nothing of the extractor, so that ``--help`` and ``--version`` are instant.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cleannews import __version__
from cleannews.cli.sniff import may_be_archive
from cleannews.options import Favor, InputKind, Options, pure_python_forced
from cleannews.output.formats import CSV_COLUMNS, FORMATS

if TYPE_CHECKING:
    from cleannews.batch import Job
    from cleannews.templates import SiteTemplates

EPILOG = """\
inputs:
  PATH is a file, a folder, a glob or "-" (standard input). Folders are searched
  recursively; hidden files are skipped. Files named *.html, *.htm, *.xhtml, *.txt
  or *.md (also gzipped: *.html.gz) and files without an extension are read; a
  file with another extension (.php, .aspx, .shtml...) is read when its content is
  HTML, and skipped (counted in the summary) otherwise. Globs are expanded by
  cleannews, so they can be quoted: cleannews 'pages/**/*.html'. A .txt or .md
  file is plain text whatever it holds (unless --input-kind says otherwise);
  standard input and other files are told apart by their content. The --output
  file and everything under --output-dir are never read as inputs.

output:
  One input: its article (markdown on a terminal, JSON otherwise). Several inputs
  (or a folder or glob): JSON becomes one object per line (jsonl); markdown and
  text print each article after a "==> PATH <==" line; csv prints one header and
  one row per input. JSON records carry "schema_version" and the input's "path".
  --output-dir writes one file per input (folder structure mirrored) and
  errors.jsonl listing the inputs that failed; --output writes one file. Both are
  written atomically, except jsonl --output, which gets one line per input as it
  finishes, so that an interrupted run can be continued (--resume; inputs that
  failed are tried again, and their old error line is replaced).

site templates:
  --learn-templates reads the batch twice: first it learns, per host, the blocks
  repeated on many of its pages (the same text at the same place on at least 3
  pages and half of them: promo lines, newsletter boxes, author bios), then it
  extracts every page without them ("site template: seen on 14 of 15 pages of
  HOST" in --explain). The host is that of the page's URL (a web archive record's,
  or <link rel=canonical>, og:url), else --url's, else the page file's folder.
  With --templates FILE the templates learned are saved there; without
  --learn-templates, --templates FILE uses templates saved before (with --dask
  too: every worker gets them; learning runs without --dask).

errors:
  A page that cannot be extracted is reported on stderr as "cleannews: PATH: message"
  (and as {"path": ..., "error": {"type": ..., "message": ...}} in jsonl) and the
  batch goes on. --timeout and --max-memory run the pages in worker processes that
  are killed and replaced when a page goes over the limit; so is a worker that dies.
  On a terminal, a batch ends with a summary line on stderr.

exit status:
  0    every input was extracted (or filtered out)
  1    some inputs failed
  2    usage error
  130  interrupted (Ctrl-C)
"""
_SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
_MB = 1024**2


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's layout and shows each option's default where it has one."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if action.default not in (None, False, argparse.SUPPRESS) and "default" not in text:
            text += " (default: %(default)s)"
        return text


def walk_path() -> str:
    """``"compiled"`` when the compiled tree walk is installed and not switched off, else
    ``"pure Python"``."""
    return _extension_path("cleannews.html._walk")


def inference_path() -> str:
    """The same for the text line model's compiled inference (``cleannews.text._infer``)."""
    return _extension_path("cleannews.text._infer")


def _extension_path(module: str) -> str:
    """``"compiled"`` or ``"pure Python"`` for one optional extension module. The module is
    found, not imported: that would load lxml."""
    from importlib.util import find_spec

    if pure_python_forced() or find_spec(module) is None:
        return "pure Python"
    return "compiled"


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser; its epilog documents inputs, outputs and exit codes."""
    parser = argparse.ArgumentParser(
        prog="cleannews",
        description="Extract clean, structured articles from saved news pages (HTML or text).",
        epilog=EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="file, folder, glob or -")
    _output_options(parser.add_argument_group("output"))
    _extraction_options(parser.add_argument_group("extraction"))
    _filter_options(parser.add_argument_group("filters (skipped inputs are counted, not output)"))
    _limit_options(parser.add_argument_group("limits"))
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log each page (CPU time, page type, words, language) and the summary",
    )
    parser.add_argument(
        "--dask", metavar="ADDRESS", help="run on a Dask scheduler, or local:N (N workers)"
    )
    paths = f"{walk_path()} tree walks, {inference_path()} line model"
    version = f"cleannews {__version__} ({paths})"
    parser.add_argument("--version", action="version", version=version)
    return parser


def _output_options(out: argparse._ArgumentGroup) -> None:
    out.add_argument(
        "-f", "--format", choices=(*FORMATS, "parquet"), metavar="FORMAT",
        help=f"one of {', '.join(FORMATS)}, parquet (default: markdown on a terminal, else "
        "json; json becomes jsonl for several inputs)",
    )  # fmt: skip
    out.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE")
    out.add_argument(
        "-d", "--output-dir", metavar="DIR", type=Path,
        help="one file per input, and errors.jsonl; never read as input",
    )  # fmt: skip
    out.add_argument("--resume", action="store_true", help="skip inputs already in the output")
    out.add_argument("--explain", action="store_true", help="report what was removed, and why")
    out.add_argument(
        "--columns", type=_columns, default=",".join(CSV_COLUMNS), metavar="NAMES",
        help="comma-separated record fields for --format csv",
    )  # fmt: skip
    out.add_argument("--no-tables", action="store_true", help="leave tables out of the body")
    out.add_argument("--no-links", action="store_true", help="keep link texts, drop their URLs")
    out.add_argument("--no-images", action="store_true", help="leave images out (captions too)")


def _extraction_options(ext: argparse._ArgumentGroup) -> None:
    ext.add_argument("--url", help="the page's address (links and metadata resolve against it)")
    ext.add_argument(
        "--url-list", type=Path, metavar="FILE",
        help="tab-separated lines of PATH and URL: each input's own address",
    )  # fmt: skip
    ext.add_argument(
        "--input-kind", choices=[k.value for k in InputKind], default="auto",
        help="read inputs as HTML or as plain text; auto: .txt and .md files are text, "
        "others are told apart by their content",
    )  # fmt: skip
    ext.add_argument(
        "--favor", choices=[f.value for f in Favor], default="balanced",
        help="precision drops doubtful blocks, recall keeps them",
    )  # fmt: skip
    ext.add_argument(
        "--keep-repeats", action="store_true",
        help="keep every copy of a paragraph the page prints twice in the same markup "
        "(default: each paragraph of 60+ characters once)",
    )  # fmt: skip
    ext.add_argument(
        "--learn-templates",
        action="store_true",
        help="learn each site's templates from the batch first (saved to --templates FILE)",
    )
    ext.add_argument("--templates", metavar="FILE", type=Path, help="site templates to drop")


def _filter_options(filters: argparse._ArgumentGroup) -> None:
    filters.add_argument(
        "--only-articles", action="store_true", help="skip listings and other non-articles"
    )
    filters.add_argument(
        "--language", type=_languages, metavar="CODES",
        help="keep pages in these languages, by primary subtag: en,de",
    )  # fmt: skip
    filters.add_argument("--min-words", type=_count, metavar="N", help="skip shorter bodies")
    filters.add_argument(
        "--dedup", action="store_true",
        help="skip an input whose body repeats an earlier one's (same words)",
    )  # fmt: skip


def _limit_options(limits: argparse._ArgumentGroup) -> None:
    limits.add_argument("-j", "--jobs", type=_count, default=1, help="worker processes (0: CPUs)")
    limits.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="per page")
    limits.add_argument(
        "--max-bytes", type=_size, metavar="SIZE", help="largest input: 5000000, 512K, 64M "
        f"(default: {Options().max_input_bytes // _MB}M)",
    )  # fmt: skip
    limits.add_argument(
        "--max-elements", type=_count, metavar="N",
        help=f"largest HTML tree (default: {Options().max_elements:,})",
    )  # fmt: skip
    limits.add_argument(
        "--max-memory", type=_megabytes, metavar="MB",
        help="resident memory per worker process, in MB (or 2G): a worker over it is "
        "replaced and its page reported (Linux)",
    )  # fmt: skip


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


def _size(text: str, plain: int = 1) -> int:
    """Bytes, with an optional K, M or G suffix (powers of 1024): 512K, 64M, 2G; a bare
    number counts in units of ``plain`` bytes."""
    digits, unit = text.rstrip("kKmMgGbB"), text[len(text.rstrip("kKmMgGbB")) :]
    unit = unit.upper().removesuffix("B")
    if not digits.isdigit() or unit not in _SIZE_UNITS or int(digits) == 0:
        raise argparse.ArgumentTypeError(f"not a size (like 5000000, 512K, 64M): {text!r}")
    return int(digits) * (_SIZE_UNITS[unit] if unit else plain)


def _megabytes(text: str) -> int:
    """Megabytes (500), or a size with a unit (512K, 2G): in bytes."""
    try:
        return _size(text, plain=_MB)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"not a size in MB (like 500, 2G): {text!r}") from None


def _columns(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError("no column named")
    return names


def _languages(text: str) -> frozenset[str]:
    codes = frozenset(c.strip().lower().replace("_", "-").split("-")[0] for c in text.split(","))
    if not all(code.isalpha() and 2 <= len(code) <= 3 for code in codes):
        raise argparse.ArgumentTypeError(f"not language codes (like en,de): {text!r}")
    return codes


@dataclass(frozen=True, slots=True)
class Filters:
    """Which extracted inputs a batch keeps."""

    only_articles: bool = False
    languages: frozenset[str] | None = None
    min_words: int | None = None
    dedup: bool = False


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the command line asked for, checked."""

    paths: tuple[str, ...]
    options: Options
    format: str
    batch: bool
    output: Path | None = None
    output_dir: Path | None = None
    resume: bool = False
    jobs: int = 1
    timeout: float | None = None
    max_memory: int | None = None
    url: str | None = None
    url_list: Path | None = None
    explain: bool = False
    columns: tuple[str, ...] = CSV_COLUMNS
    filters: Filters = Filters()
    verbose: bool = False
    #: ``--format parquet``: the job renders jsonl records, the sink makes them rows.
    parquet: bool = False
    #: ``--dask``: a scheduler address, or ``local:N``.
    dask: str | None = None
    #: ``--templates FILE`` (read, or written after ``--learn-templates``).
    templates: Path | None = None
    learn_templates: bool = False
    #: The templates loaded or learned (by :func:`cleannews.cli.templates.prepare`).
    site_templates: SiteTemplates | None = None

    @property
    def job(self) -> Job:
        """What every document of the batch gets done (the batch module loads here)."""
        from cleannews.batch import Job

        return Job(
            self.options, self.url, self.format, self.explain, self.columns, self.site_templates
        )


def make_plan(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Plan:
    """Check option combinations (a usage error exits with status 2) and settle defaults."""
    if not args.paths:
        parser.error("no PATH given (a file, folder, glob, or - for standard input)")
    _check_outputs(args, parser)
    is_batch = len(args.paths) > 1 or not _single(args.paths[0])
    chosen = args.format or _default_format(args)
    chosen = "jsonl" if chosen == "parquet" else chosen  # jsonl records become parquet rows
    fmt = "jsonl" if chosen == "json" and is_batch and not args.output_dir else chosen
    if args.resume and not (args.output_dir or (args.output and fmt == "jsonl")):
        parser.error("--resume needs --output-dir, or --output with jsonl output")
    if args.url_list is not None and not args.url_list.is_file():
        parser.error(f"--url-list {args.url_list}: no such file")
    _check_scale(args, parser)
    filters = Filters(args.only_articles, args.language, args.min_words, args.dedup)
    return Plan(
        paths=tuple(args.paths), options=_options(args), format=fmt, batch=is_batch,
        output=args.output, output_dir=args.output_dir, resume=args.resume,
        jobs=args.jobs or os.cpu_count() or 1, timeout=args.timeout,
        max_memory=args.max_memory, url=args.url, url_list=args.url_list,
        explain=args.explain, columns=args.columns, filters=filters, verbose=args.verbose,
        parquet=args.format == "parquet", dask=args.dask, templates=args.templates,
        learn_templates=args.learn_templates,
    )  # fmt: skip


def _options(args: argparse.Namespace) -> Options:
    options = Options(input_kind=InputKind(args.input_kind), favor=Favor(args.favor))
    changes: dict[str, object] = {
        "tables": not args.no_tables, "links": not args.no_links, "images": not args.no_images,
        "repeats": args.keep_repeats,
    }  # fmt: skip
    if args.max_bytes:
        changes["max_input_bytes"] = args.max_bytes
    if args.max_elements:
        changes["max_elements"] = args.max_elements
    return dataclasses.replace(options, **changes)  # type: ignore[arg-type]


def _check_outputs(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Outputs are checked, and their folders made, before anything is extracted."""
    if args.output and args.output_dir:
        parser.error("--output and --output-dir exclude each other")
    if args.output_dir is not None and args.output_dir.exists() and not args.output_dir.is_dir():
        parser.error(f"--output-dir {args.output_dir} is not a folder")
    if args.output is not None and args.output.is_dir():
        parser.error(f"--output {args.output} is a folder")
    for option, folder in (("--output", args.output), ("--output-dir", args.output_dir)):
        where = folder if option == "--output-dir" else folder and folder.parent
        if where is None:
            continue
        try:
            where.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            parser.error(f"{option} {folder}: cannot create {where}: {error.strerror or error}")
        if not os.access(where, os.W_OK):
            parser.error(f"{option} {folder}: cannot write in {where}")


def _check_scale(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Parquet output goes to one file (or, on Dask, one file per input under a folder);
    Dask writes one output per input under ``--output-dir``."""
    if args.dask is not None:
        if args.learn_templates:
            parser.error(
                "--learn-templates runs without --dask: learn first (cleannews "
                "--learn-templates --templates FILE ...), then --dask with --templates FILE"
            )
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
        if not may_be_archive(path):  # a page: the archive readers need not load
            return True
        from cleannews.warc import archive_kind  # loads the extractor: not for --help

        return archive_kind(path) is None
    return not Path(path).exists() and not set(path) & set("*?[")


def _default_format(args: argparse.Namespace) -> str:
    if args.output or args.output_dir or not sys.stdout.isatty():
        return "json"
    return "markdown"
