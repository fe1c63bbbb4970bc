"""Reporting on stderr: the progress counter, the closing summary, failed inputs, what was
removed, and (``--verbose``) each page's timings."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from cleannews.batch import Failure
from cleannews.model import Removed

#: Show a progress counter (on a terminal) from this many inputs on.
PROGRESS_MIN_INPUTS = 10
#: Library messages name the Options field; the command line names its option.
_OPTION_NAMES = {
    "Options.max_elements": "--max-elements",
    "Options.max_input_bytes": "--max-bytes",
}


def plural(count: int, noun: str) -> str:
    """``1 input``, ``2 inputs``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def same_terminal(a: TextIO, b: TextIO) -> bool:
    """Whether two streams are the same terminal (what one writes lands on the other's line)."""
    try:
        if not (a.isatty() and b.isatty()):
            return False
        first, second = os.fstat(a.fileno()), os.fstat(b.fileno())
    except (OSError, ValueError):
        return False
    return (first.st_dev, first.st_ino, first.st_rdev) == (
        second.st_dev,
        second.st_ino,
        second.st_rdev,
    )


@dataclass
class Counts:
    """What became of a batch's inputs."""

    total: int
    extracted: int = 0
    failed: int = 0
    #: Why inputs were filtered out ("not an article", "a duplicate"...), with how many.
    filtered: dict[str, int] = field(default_factory=dict)
    #: Files in the folders that are not pages.
    not_pages: int = 0
    started: float = field(default_factory=time.monotonic)

    def summary(self) -> str:
        """``181 pages: 179 extracted, 2 failed, 12.3 s``."""
        parts = [f"{self.extracted:,} extracted", f"{self.failed:,} failed"]
        parts += [f"{count:,} skipped ({why})" for why, count in self.filtered.items()]
        if self.not_pages:
            parts.append(f"{plural(self.not_pages, 'file')} not pages")
        seconds = time.monotonic() - self.started
        return f"{plural(self.total, 'page')}: {', '.join(parts)}, {seconds:.1f} s"


class Progress:
    """A carriage-return counter on stderr, when it is a terminal and there is much to do.
    Call :meth:`clear` before writing anything else to the same terminal."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream, self.done, self.failed = total, stream, 0, 0
        self.enabled = total >= PROGRESS_MIN_INPUTS and stream.isatty()
        self.shown, self.last = False, 0.0

    def step(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self.enabled and (now - self.last >= 0.1 or self.done == self.total):
            self.show()
            self.last = now

    def show(self) -> None:
        """Write the counter again (after something else was written)."""
        if self.enabled:
            line = f"\rcleannews: {self.done}/{self.total} pages, {self.failed} failed"
            self.stream.write(line)
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def message_of(failure: Failure) -> str:
    """A failure's message on one line, naming command-line options."""
    message = " ".join(failure.message.split())
    for field_name, option in _OPTION_NAMES.items():
        message = message.replace(field_name, option)
    return message


def report(path: str, failure: Failure) -> None:
    """The one-line error message of a failed input."""
    print(f"cleannews: {path}: {message_of(failure)}", file=sys.stderr)


def explain(path: str, removed: Sequence[Removed]) -> None:
    """What extraction removed from one page, and why, on stderr."""
    lines = [f"cleannews: {path}: removed {len(removed)} blocks"]
    for item in removed:
        text = " ".join(item.text.split())
        text = text if len(text) <= 100 else text[:99] + "…"
        lines.append(f"  [{item.rule}] {item.reason}: {text}")
    print("\n".join(lines), file=sys.stderr)
