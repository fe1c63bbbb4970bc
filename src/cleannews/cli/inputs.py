"""The inputs of a batch: files, folders, globs and standard input, each page once, and the
output file each one gets under ``--output-dir``."""

from __future__ import annotations

import dataclasses
import glob
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePath

from cleannews.batch import Failure, Format, Task
from cleannews.options import Options

PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".txt"})
EXTENSIONS: dict[str, str] = {"json": ".json", "jsonl": ".json", "markdown": ".md", "text": ".txt"}


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
