"""Words of page widgets (contents-list labels, slide counters, post signatures):
``data/widgets.json``.

Loaded once, validated and compiled; the results are read-only (a frozenset, a pattern, and
read-only mappings of tuples for the examples).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import regex

from cleannews.errors import RuleError
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.loader import class_words, read_json
from cleannews.rules.memo import read_only


@cache
def _data() -> Mapping[str, Any]:
    data = read_json("widgets.json")
    for key in ("toc_labels", "slide_counter_words", "signature_words"):
        items = data.get(key)
        if not isinstance(items, list) or not items or not all(isinstance(w, str) for w in items):
            raise RuleError(f"widgets.json: {key} must list strings")
    return read_only(data)  # type: ignore[no-any-return]


@cache
def toc_labels() -> frozenset[str]:
    """Labels of a contents list, case-folded ("contents", "in this article", ...)."""
    return frozenset(label.casefold() for label in _data()["toc_labels"])


@cache
def slide_counter() -> regex.Pattern[str]:
    """A slide legend's counter at the start of its text: "3/50", "3 of 50" (groups k, N)."""
    words = "|".join(regex.escape(word) for word in _data()["slide_counter_words"])
    return compile_pattern(rf"(\d{{1,3}})\s*(?:{words})\s*(\d{{1,3}})(?!\d)")


@cache
def signature_words() -> frozenset[str]:
    """Class/id words of a forum post's signature, lower case ("signature", "signatur")."""
    return frozenset(word.lower() for word in _data()["signature_words"])


def names_signature(attrs: str) -> bool:
    """True when a class name or id in ``attrs`` (an element's class and id joined by a space)
    holds a signature word ("postsignature", "ipsEntry__signature", "tapatalkSignatur")."""
    words = signature_words()
    return any(not words.isdisjoint(class_words(name)) for name in attrs.split())


@cache
def examples(section: str) -> Mapping[str, tuple[str, ...]]:
    """``examples`` or ``non_examples`` of the file, by rule (read-only)."""
    found = _data().get(section)
    if not isinstance(found, Mapping):
        raise RuleError(f"widgets.json: no {section}")
    return found
