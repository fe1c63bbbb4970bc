"""Measurable properties of each block, stored in ``Block.features``."""

from __future__ import annotations

import unicodedata

import regex

from cleannews.blocks import Block

_COMMAS = ",،、，"
_SENTENCE_END = regex.compile(r"[.!?。！？…»\"”')]\s*$")
#: The characters ``_SENTENCE_END`` accepts before trailing white space.
_SENTENCE_MARKS = frozenset(".!?。！？…»\"”')")


def compute(blocks: list[Block]) -> None:
    """Fill ``features`` of every block: chars, words, commas, link density, sentence end."""
    for block in blocks:
        text = block.text
        ascii_only = text.isascii()  # constant time; ASCII text is NFC and has ASCII commas
        if not ascii_only and not unicodedata.is_normalized("NFC", text):
            text = block.text = unicodedata.normalize("NFC", text)  # composed, as readers expect
        chars = len(text)
        commas = text.count(",")
        if not ascii_only:
            commas += sum(text.count(c) for c in _COMMAS[1:])
        block.features = {
            "chars": float(chars),
            "words": float(len(text.split())),
            "commas": float(commas),
            "link_density": block.link_chars / chars if chars else 0.0,
            "sentence": 1.0 if _ends_sentence(text) else 0.0,
        }


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END`` matches: looks at the last character, not at every one."""
    last = text[-1:]
    if last in _SENTENCE_MARKS:
        return True
    if last.isspace():  # (a superset of the pattern's \s) rare: let the pattern decide
        return _SENTENCE_END.search(text) is not None
    return False
