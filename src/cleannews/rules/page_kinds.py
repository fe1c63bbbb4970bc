"""Structural and address signals of the page-type classifier: ``data/page_kinds.json``.

A price pattern (a shop's collection lists many), the words of a firm speaking to its customer
(a service page's "we" and "you"), the tag of a self-contained item (a listing's cards) and, by
page kind, the words of an address
that forum and documentation software use (``/threads/``, ``viewtopic``, a ``docs.`` host).
Loaded once, validated and compiled; the results are read-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import regex

from cleannews.errors import RuleError
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.loader import read_json

_WORD_SPLIT = compile_pattern(r"[^\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True)
class UrlWords:
    """The address words of one page kind (``thread``, ``documentation``)."""

    kind: str
    path: frozenset[str]
    host: frozenset[str]
    examples: tuple[str, ...]
    non_examples: tuple[str, ...]

    def matches(self, url: str | None) -> str | None:
        """The first word of ``url`` that names the kind, or None."""
        if not url:
            return None
        parts = urlsplit(url.strip().lower())
        for words, text in ((self.host, parts.hostname or ""), (self.path, parts.path)):
            found = next((w for w in _WORD_SPLIT.split(text) if w in words), None)
            if found:
                return found
        return None


@cache
def _data() -> Mapping[str, Any]:
    data = read_json("page_kinds.json")
    if not isinstance(data.get("price"), dict) or not isinstance(data.get("url_words"), dict):
        raise RuleError("page_kinds.json needs 'price' and 'url_words'")
    return data


#: The patterns of page_kinds.json, each with its examples and non-examples.
PATTERNS = ("price", "offer_words", "item_tag")


@cache
def pattern(name: str) -> regex.Pattern[str]:
    """One of :data:`PATTERNS`, compiled."""
    try:
        return compile_pattern(_data()[name]["pattern"])
    except (KeyError, TypeError, regex.error) as exc:
        raise RuleError(f"page_kinds.json: bad {name} pattern: {exc!r}") from None


def price_pattern() -> regex.Pattern[str]:
    """A price as written: a currency sign or code beside a number."""
    return pattern("price")


#: Joins a page's texts for one pass of a pattern of :data:`PATTERNS` over all of them: no such
#: pattern matches it and it is no word character, so no match crosses from one text into the
#: next and a text's edge bounds a word as the end of a string does (tests/test_rules.py).
TEXT_JOIN = "\0"


def count_matches(found: regex.Pattern[str], texts: Iterable[str]) -> int:
    """Non-overlapping matches of ``found`` in ``texts``, each searched on its own, counted
    in one pass (a call per text costs more than the search)."""
    return len(found.findall(TEXT_JOIN.join(texts)))


def offer_words() -> regex.Pattern[str]:
    """The words of a firm speaking to its customer ("we", "our", "you", "your")."""
    return pattern("offer_words")


def item_tag() -> regex.Pattern[str]:
    """The tag name of a self-contained item (matches the whole name)."""
    return pattern("item_tag")


def examples(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(examples, non-examples) of one of :data:`PATTERNS`."""
    spec = _data()[name]
    return tuple(spec["examples"]), tuple(spec["non_examples"])


@cache
def url_words() -> Mapping[str, UrlWords]:
    """The address words of every page kind, by kind (read-only)."""
    try:
        found = {kind: _url_words(kind, spec) for kind, spec in _data()["url_words"].items()}
    except (KeyError, TypeError) as exc:
        raise RuleError(f"page_kinds.json url_words is malformed: {exc!r}") from None
    return MappingProxyType(found)


def _url_words(kind: str, spec: dict[str, Any]) -> UrlWords:
    return UrlWords(
        kind=kind,
        path=frozenset(spec["path"]),
        host=frozenset(spec["host"]),
        examples=tuple(spec["examples"]),
        non_examples=tuple(spec["non_examples"]),
    )
