"""Measurable properties of each block, stored in ``Block.features``."""

from __future__ import annotations

import unicodedata

from cleannews.blocks import Block
from cleannews.rules.diskcache import compile_pattern
from cleannews.words import CJK_SENTENCE_MARKS, CLOSING_MARKS, SENTENCE_MARKS, whitespace_words

_COMMAS = ",،、，"
#: The ``sentence`` feature (the model was trained on it, so it keeps its own test): the last
#: character before trailing white space is a sentence mark (also full-width) or a closing
#: quote or bracket, even without a mark before it; the closing ’ does not count.
_SENTENCE_MARKS = frozenset(SENTENCE_MARKS + CJK_SENTENCE_MARKS + CLOSING_MARKS.replace("’", ""))
_SENTENCE_END = compile_pattern(f"[{''.join(sorted(_SENTENCE_MARKS))}]\\s*$")


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
        # The block's own Features (made with it, still all zero) is filled in: building a
        # second one per block cost as much as filling it.
        f = block.features
        f.chars = float(chars)
        f.words = float(whitespace_words(text))
        f.commas = float(commas)
        f.link_density = block.link_chars / chars if chars else 0.0  # (Block.link_density)
        f.sentence = 1.0 if _ends_sentence(text) else 0.0


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END`` matches: looks at the last character, not at every one."""
    last = text[-1:]
    if last in _SENTENCE_MARKS:
        return True
    if last.isspace():  # (a superset of the pattern's \s) rare: let the pattern decide
        return _SENTENCE_END.search(text) is not None
    return False
