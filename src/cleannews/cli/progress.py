"""Reporting on stderr: the progress counter, failed inputs, and what was removed."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import TextIO

from cleannews.batch import Failure
from cleannews.model import Removed

#: Show a progress counter (on a terminal) from this many inputs on.
PROGRESS_MIN_INPUTS = 10


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
