"""Stage 7 (plain text and Markdown): the main run, the article's span among the lines.

The span is the run of lines maximising the sum of (p - threshold) x words over its lines, p
being the line model's probability (a best-span search, as for the maximum subarray): one
long confident stretch outweighs scattered confident lines. Inside the span a line is kept
from a lower probability, outside it only when the model is nearly sure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from cleannews.blocks import Block
from cleannews.text.lines import text_blocks
from cleannews.text.markdown import markdown_blocks


class Run(NamedTuple):
    """Lines ``start`` to ``end`` (exclusive); empty when ``start == end``."""

    start: int
    end: int


def text_units(text: str, *, markdown: bool) -> list[Block]:
    """The blocks of a text or Markdown page (the line model's
    input, identical for training and extraction), the text composed (NFC) first."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return markdown_blocks(text) if markdown else text_blocks(text)


def _weight(text: str) -> int:
    return max(1, len(text.split()))


def main_run(p: Sequence[float], texts: Sequence[str], threshold: float) -> Run:
    """The span maximising the sum of (p - threshold) x words (empty if every line is below
    the threshold)."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for i, (value, text) in enumerate(zip(p, texts, strict=True)):
        if total <= 0.0:
            total, start = 0.0, i
        total += (value - threshold) * _weight(text)
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return Run(best_start, best_end)


def kept_lines(
    p: Sequence[float],
    texts: Sequence[str],
    threshold: float,
    inside: float,
    outside: float,
    *,
    run: Run | None = None,
) -> list[bool]:
    """Which lines the article keeps: those of the main run with p >= ``inside``, and those
    outside it with p >= ``outside`` (``run``: the main run, when the caller has it)."""
    if run is None:
        run = main_run(p, texts, threshold)
    return [value >= (inside if run.start <= i < run.end else outside) for i, value in enumerate(p)]
