"""Rules for metadata read from the page body and from values: ``data/page_metadata.json``.

Loaded once, validated and compiled into a read-only :class:`PageRules`; the metadata stage
(value cleaning, bylines, dates, dek, reading time) reads it from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

import regex

from cleannews.errors import RuleError
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.loader import read_json


@dataclass(frozen=True, slots=True)
class PageRules:
    """``data/page_metadata.json``, compiled (see the file's note for each rule)."""

    author_classes: frozenset[str]
    date_classes: frozenset[str]
    subtitle_classes: frozenset[str]
    #: Class names or itemprops (compared as written, and by their words) of a modified date.
    updated_classes: frozenset[str]
    #: Words just before a date that make it the modification date ("Updated ...").
    updated: regex.Pattern[str]
    #: The start of a byline line ("By Jane").
    byline: regex.Pattern[str]
    #: A stated reading time; the one group that took part holds the minutes.
    reading_time: regex.Pattern[str]
    #: A leading label of a section or tag value ("Posted in ").
    label: regex.Pattern[str]
    #: A template leftover or null word (a placeholder, not a value).
    placeholder: regex.Pattern[str]
    #: Literal openers of the placeholder templates: a value holding none of them and longer
    #: than ``placeholder_chars`` (the longest null word) cannot be a placeholder.
    placeholder_openers: tuple[str, ...]
    placeholder_chars: int
    examples: Mapping[str, tuple[Any, ...]]
    non_examples: Mapping[str, tuple[str, ...]]


@cache
def page_rules() -> PageRules:
    """The page-metadata rules (loaded once; a RuleError when missing or malformed)."""
    data = read_json("page_metadata.json")
    try:
        return _compile(data)
    except (KeyError, TypeError, ValueError, regex.error) as exc:
        raise RuleError(f"page_metadata.json is malformed: {exc!r}") from None


def _compile(data: dict[str, Any]) -> PageRules:
    words = _strings(data["placeholder_words"], "placeholder_words")
    templates = [
        tuple(_strings(pair, "placeholder_templates")) for pair in data["placeholder_templates"]
    ]
    if not words or any(len(pair) != 2 or not all(pair) for pair in templates):
        raise ValueError("placeholder_words must list words, placeholder_templates pairs")
    spans = [regex.escape(opener) + ".*" + regex.escape(closer) for opener, closer in templates]
    nulls = "|".join(regex.escape(word) for word in words)
    return PageRules(
        author_classes=_set(data, "author_classes"),
        date_classes=_set(data, "date_classes"),
        subtitle_classes=_set(data, "subtitle_classes"),
        updated_classes=_set(data, "updated_classes"),
        updated=compile_pattern(
            rf"(?<!\w)(?:{_longest_first(data['updated_words'])})(?:\W+\p{{L}}{{1,3}})?\W*$",
            regex.I,
        ),
        byline=compile_pattern(rf"^\s*(?i:{_longest_first(data['byline_prefixes'])})\s+\p{{Lu}}"),
        reading_time=_one_group_each(_strings(data["reading_time"], "reading_time")),
        label=compile_pattern(rf"^(?:{data['label_prefixes']})\s*", regex.I),
        placeholder=compile_pattern("|".join([*spans, f"^(?:{nulls})$"]), regex.I),
        placeholder_openers=tuple(opener for opener, _ in templates),
        placeholder_chars=max(map(len, words)),
        examples=_frozen(data["examples"]),
        non_examples=_frozen(data["non_examples"]),
    )


def _set(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(_strings(data[key], key))


def _strings(items: Iterable[Any], key: str) -> list[str]:
    listed = list(items)
    if not all(isinstance(item, str) for item in listed):
        raise TypeError(f"{key} must list strings")
    return listed


def _longest_first(words: Iterable[str]) -> str:
    return "|".join(sorted(_strings(words, "words"), key=len, reverse=True))


def _one_group_each(patterns: list[str]) -> regex.Pattern[str]:
    """The alternation of ``patterns``, each of which must capture exactly one group."""
    for pattern in patterns:
        if compile_pattern(pattern).groups != 1:
            raise ValueError(f"reading_time pattern {pattern!r} must have one group")
    return compile_pattern("|".join(f"(?:{p})" for p in patterns), regex.I)


def _frozen(section: dict[str, list[Any]]) -> Mapping[str, tuple[Any, ...]]:
    """Examples by rule, read-only (an example that pairs values is a read-only mapping)."""
    return MappingProxyType(
        {
            key: tuple(MappingProxyType(dict(x)) if isinstance(x, dict) else x for x in items)
            for key, items in section.items()
        }
    )
