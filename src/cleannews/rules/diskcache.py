"""Work that every process would repeat at start, kept on disk: the line model's compiled
function (``compile()`` of its 10,000-line source takes about 50 ms, a third of a one-page
run's first extraction), the literal requirements of the phrase rules (25-75 ms) and the
compiled regular expressions (:func:`compile_pattern`: ``regex`` parses a pattern in Python,
0.2-3 ms each, 85 ms for the 140 a one-page text run compiles; its pickle holds the compiled
code, which loads in about 20 us).

An entry is named by a digest of everything it is made from (the source and the Python
version; for requirements, the rules and the code that reads them), so a changed model, rule
or interpreter never reads a stale entry: it simply makes a new one. The folder is bounded:
after a write that takes it over ``MAX_ENTRIES`` entries, the oldest are deleted (one install
uses a few hundred, so several installs or versions share it without evicting each other's).
The folder is ``$CLEANNEWS_CACHE_DIR`` when set (empty: no disk cache), else
``$XDG_CACHE_HOME/cleannews`` or ``~/.cache/cleannews``.
A folder that cannot be read or written costs only the time: the work is done in memory as
without a cache. Entries are written to a temporary file and renamed, so a process never
reads a half-written one. Code entries are trusted as ``__pycache__`` files are: the folder
is made private (mode 0700), and whoever can write in it can run code as its owner.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import marshal
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

import regex

#: Set to a folder for the disk cache, or to "" for none.
CACHE_DIR_ENV = "CLEANNEWS_CACHE_DIR"
#: Entries kept in the folder; older ones are deleted when a new one is written.
MAX_ENTRIES = 2048
#: The file name endings of entries (what pruning may delete).
_ENTRY_SUFFIXES = (".marshal", ".json", ".pickle")


def cache_dir() -> Path | None:
    """The folder of the disk cache (read at each call), None when it is switched off."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleannews"


def compiled_code(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, read from the disk cache when it holds it."""
    digest = hashlib.sha256(f"{sys.version}\0{filename}\0{source}".encode()).hexdigest()
    folder = cache_dir()
    path = None if folder is None else folder / f"code-{digest[:40]}.marshal"
    if path is not None:
        try:
            code = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass  # not there yet, unreadable or damaged: compile it again
        else:
            if isinstance(code, CodeType):
                return code
    code = compile(source, filename, "exec")
    if path is not None:
        _write(path, marshal.dumps(code))
    return code


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` by renaming a complete temporary file onto it (no error:
    a cache that cannot be written only costs time)."""
    import tempfile  # only when an entry is written: its import costs a few ms

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    _prune(path.parent, keep=path)


def _prune(folder: Path, keep: Path) -> None:
    """Delete the oldest entries of ``folder`` beyond ``MAX_ENTRIES`` (never ``keep``, the
    entry just written; other files in the folder are left alone). Only names are read
    while the folder is under the bound, so the writes of a first run stay cheap."""
    try:
        names = [
            name
            for name in os.listdir(folder)
            if name.endswith(_ENTRY_SUFFIXES) and not name.startswith(".") and name != keep.name
        ]
        if len(names) < MAX_ENTRIES:
            return
        entries = sorted((os.stat(folder / name).st_mtime, name) for name in names)
    except OSError:
        return  # unreadable now, or an entry pruned meanwhile: the next write tries again
    for _, name in entries[: len(entries) + 1 - MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            (folder / name).unlink()  # gone already (another process pruned it)


def cached_json(name: str, made_from: str, make: Callable[[], Any]) -> Any:
    """``make()`` (a JSON value), read from the disk cache when an entry made from the same
    ``made_from`` text is there."""
    digest = hashlib.sha256(f"{name}\0{made_from}".encode()).hexdigest()
    folder = cache_dir()
    path = None if folder is None else folder / f"{name}-{digest[:40]}.json"
    if path is not None:
        try:
            return json.loads(path.read_bytes())
        except (OSError, ValueError):
            pass  # not there yet, unreadable or damaged: make it again
    value = make()
    if path is not None:
        _write(path, json.dumps(value).encode())
    return value


#: Patterns compiled or read in this process, by (source, flags).
_PATTERNS: dict[tuple[str | bytes, int], regex.Pattern[Any]] = {}


def compile_pattern(source: str | bytes, flags: int = 0) -> regex.Pattern[Any]:
    """``regex.compile(source, flags)``, read from the disk cache when it holds it (a pattern
    whose meaning depends on the locale is always compiled)."""
    key = (source, flags)
    found = _PATTERNS.get(key)
    if found is None:
        found = _PATTERNS[key] = _cached_pattern(source, flags)
    return found


def _cached_pattern(source: str | bytes, flags: int) -> regex.Pattern[Any]:
    folder = cache_dir()
    if folder is None or flags & regex.LOCALE or "(?L" in str(source):
        return regex.compile(source, flags)
    made_from = f"{sys.version}\0{regex.__version__}\0{regex.DEFAULT_VERSION}\0{flags}\0"
    digest = hashlib.sha256(made_from.encode() + repr(source).encode()).hexdigest()
    path = os.path.join(folder, f"re-{digest[:40]}.pickle")
    try:
        with open(path, "rb") as file:
            pattern = _PatternUnpickler(io.BytesIO(file.read())).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, regex.error):
        pass  # not there yet, unreadable or damaged: compile it again
    else:
        if isinstance(pattern, regex.Pattern) and pattern.pattern == source:
            return pattern
    pattern = regex.compile(source, flags)
    _write(Path(path), pickle.dumps(pattern, protocol=pickle.HIGHEST_PROTOCOL))
    return pattern


class _PatternUnpickler(pickle.Unpickler):
    """Reads back a pickled pattern and nothing else: the only callable an entry may name is
    the ``regex`` engine's constructor of a compiled pattern from its code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a pattern: {module}.{name}")
