"""The inputs of a batch: files, folders, globs and standard input, each page once, and the
output file each one gets under ``--output-dir``."""

from __future__ import annotations

import dataclasses
import glob
import gzip
import os
import sys
import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path, PurePath

from cleannews.batch import Failure, Task
from cleannews.options import Options
from cleannews.output.formats import FORMATS

#: Names always read as pages (also gzipped).
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".txt", ".md"})
#: How much of a file of another extension is read to tell whether it is a saved page.
SNIFF_BYTES = 4096


def collect(
    paths: Sequence[str],
    options: Options,
    *,
    exclude: Collection[Path] = (),
    skipped: list[str] | None = None,
) -> list[Task]:
    """One task per page the paths name, in order, each page once. Files and folders in
    ``exclude`` (the outputs) are never read; files a folder holds that are not pages are
    appended to ``skipped``."""
    tasks: list[Task] = []
    seen: set[str] = set()
    scan = _Scan(options, {os.path.realpath(p) for p in exclude}, skipped)
    for arg in paths:
        for task in scan.expand(arg):
            key = task.path if task.failure or not isinstance(task.source, Path) else _key(task)
            if key not in seen:
                seen.add(key)
                tasks.append(task)
    return tasks


def _key(task: Task) -> str:
    return os.path.realpath(task.source) if isinstance(task.source, Path) else task.path


@dataclasses.dataclass
class _Scan:
    options: Options
    excluded: set[str]
    skipped: list[str] | None

    def expand(self, arg: str) -> Iterator[Task]:
        if arg == "-":
            yield _stdin_task(self.options.max_input_bytes)
            return
        path = Path(arg)
        if path.is_dir():
            yield from self.folder(path, arg)
        elif not path.exists() and set(arg) & set("*?["):
            yield from self.glob(arg)
        elif not self.is_excluded(path):
            yield Task(arg, path, output=_base(PurePath(path.name)))

    def is_excluded(self, path: Path) -> bool:
        real = os.path.realpath(path)
        return any(real == e or real.startswith(e + os.sep) for e in self.excluded)

    def folder(self, folder: Path, arg: str) -> Iterator[Task]:
        found, errors = False, list[OSError]()
        for file in self.walk(folder, errors.append):
            found = True
            yield Task(str(file), file, output=_base(file.relative_to(folder)))
        for error in errors:  # an unreadable folder inside: reported, never silently skipped
            where = str(error.filename or arg)
            message = f"cannot read the folder: {error.strerror or error}"
            yield Task(where, Path(where), failure=Failure("InputError", message))
        if not found and not errors:
            message = "no pages in this folder (*.html, *.htm, *.txt, *.md, saved HTML files)"
            yield Task(arg, folder, failure=Failure("InputError", message))

    def walk(self, folder: Path, onerror: Callable[[OSError], object]) -> Iterator[Path]:
        """Page files under ``folder``, sorted, hidden files and folders and outputs skipped."""
        for top, dirs, files in os.walk(folder, onerror=onerror):
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and not self.is_excluded(Path(top, d))
            )
            for name in sorted(files):
                path = Path(top, name)
                if name.startswith(".") or self.is_excluded(path):
                    continue
                if is_page_name(name) or looks_like_html(path):
                    yield path
                elif self.skipped is not None:
                    self.skipped.append(str(path))

    def glob(self, pattern: str) -> Iterator[Task]:
        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            yield Task(pattern, Path(pattern), failure=Failure("InputError", "no files match"))
        for match in matches:
            path = Path(match)
            if self.is_excluded(path):
                continue
            if path.is_dir():
                yield from self.folder(path, match)
            else:
                yield Task(match, path, output=_base(PurePath(path.name)))


def is_page_name(name: str) -> bool:
    """True for page files: .html, .htm, .xhtml, .txt, .md, no extension; each also gzipped."""
    name = name.lower().removesuffix(".gz")
    suffix = PurePath(name).suffix
    return suffix in PAGE_SUFFIXES or not suffix


def looks_like_html(path: Path) -> bool:
    """Whether a file of another extension (a saved ``.php`` or ``.aspx`` page) holds HTML:
    its first bytes (decompressed when gzip) decode as text that reads as markup."""
    from cleannews.input.detect import looks_like_html as markup  # the extractor is lazy

    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
        if head.startswith(b"\x1f\x8b"):
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except (OSError, zlib.error, gzip.BadGzipFile):
        return True  # unreadable: let the batch report it rather than skip it silently
    if b"\x00" in head:
        return False  # binary (UTF-16 pages carry a byte-order mark)
    return markup(head.decode("utf-8", "replace")) or head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _stdin_task(limit: int) -> Task:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        message = f"standard input holds more than {limit:,} bytes (--max-bytes)"
        return Task("-", b"", failure=Failure("InputTooLargeError", message))
    return Task("-", data, output="stdin")


def _base(relative: PurePath) -> str:
    """Output name without extension: ``sub/page.html.gz`` -> ``sub/page``."""
    name = relative.name.removesuffix(".gz").removesuffix(".GZ")
    stem = PurePath(name).stem if PurePath(name).suffix else name
    return (relative.parent / stem).as_posix()


def name_outputs(tasks: list[Task], folder: Path, fmt: str) -> list[Task]:
    """Give each task its output file under ``folder``; a clash gets ``-2``, ``-3``..."""
    extension, used, named = FORMATS[fmt].extension, {"errors.jsonl"}, []
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


def read_url_list(path: Path) -> dict[str, str]:
    """``--url-list``: resolved path -> URL, from tab-separated lines (``#`` comments)."""
    urls: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, tab, url = line.partition("\t")
        if not tab or not url.strip():
            raise ValueError(f"--url-list {path}, line {number}: not PATH<tab>URL")
        urls[os.path.realpath(name.strip())] = url.strip()  # relative: to the current folder
    return urls


def with_urls(tasks: list[Task], urls: dict[str, str]) -> list[Task]:
    """Each task with its own URL from ``--url-list``, when it has one."""
    return [
        dataclasses.replace(t, url=urls.get(_key(t), t.url)) if isinstance(t.source, Path) else t
        for t in tasks
    ]
