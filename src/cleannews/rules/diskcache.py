"""Work that every process would repeat at start, kept on disk: the line model's compiled
function (``compile()`` of its 10,000-line source takes about 50 ms, a third of a one-page
run's first extraction) and the literal requirements of the phrase rules (25-75 ms).

An entry is named by a digest of everything it is made from (the source and the Python
version; for requirements, the rules and the code that reads them), so a changed model, rule
or interpreter never reads a stale entry: it simply makes a new one (old entries stay, a
few hundred kB at most between retrainings). The folder is ``$CLEANNEWS_CACHE_DIR`` when
set (empty: no disk cache), else ``$XDG_CACHE_HOME/cleannews`` or ``~/.cache/cleannews``.
A folder that cannot be read or written costs only the time: the work is done in memory as
without a cache. Entries are written to a temporary file and renamed, so a process never
reads a half-written one. Code entries are trusted as ``__pycache__`` files are: the folder
is made private (mode 0700), and whoever can write in it can run code as its owner.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

#: Set to a folder for the disk cache, or to "" for none.
CACHE_DIR_ENV = "CLEANNEWS_CACHE_DIR"
#: Entries kept in the folder; older ones are deleted when a new one is written.
MAX_ENTRIES = 64
#: The file name endings of entries (what pruning may delete).
_ENTRY_SUFFIXES = (".marshal", ".json")


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
    entry just written; other files in the folder are left alone)."""
    try:
        entries = [
            (entry.stat().st_mtime, entry)
            for entry in folder.iterdir()
            if entry.suffix in _ENTRY_SUFFIXES and not entry.name.startswith(".") and entry != keep
        ]
    except OSError:
        return  # unreadable now: the next write tries again
    entries.sort()
    for _, entry in entries[: max(0, len(entries) + 1 - MAX_ENTRIES)]:
        with contextlib.suppress(OSError):
            entry.unlink()  # gone already (another process pruned it) or not ours to delete


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
