"""Stage 5: measurable properties of each block, stored in ``Block.features``."""

from __future__ import annotations

import unicodedata

import regex

from .blocks import Block

_COMMAS = ",،、，"
_SENTENCE_END = regex.compile(r"[.!?。！？…»\"”')]\s*$")


def compute(blocks: list[Block]) -> None:
    """Fill ``features`` of every block: chars, words, commas, link density, sentence end."""
    for block in blocks:
        if not unicodedata.is_normalized("NFC", block.text):
            block.text = unicodedata.normalize("NFC", block.text)  # composed, as readers expect
        text = block.text
        words = len(text.split())
        block.features = {
            "chars": float(len(text)),
            "words": float(words),
            "commas": float(sum(text.count(c) for c in _COMMAS)),
            "link_density": block.link_density,
            "sentence": 1.0 if _SENTENCE_END.search(text) else 0.0,
        }
