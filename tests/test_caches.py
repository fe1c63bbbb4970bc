"""Caches keyed on page content keep no huge keys; cached rule data is read-only."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest

import cleannews
from cleannews.metadata import authors, body, dates, head, language, title
from cleannews.rules import concepts, loader, memo, page_metadata, schema_types, widgets

HUGE = "x" * 1_000_000
WORDS = frozenset({"author"})

#: Every content-keyed cache with a call that hands it a huge key.
CALLS: list[tuple[Callable[..., Any], tuple[Any, ...]]] = [
    (loader.class_words, (HUGE,)),
    (loader.name_concepts, (HUGE,)),
    (loader._prefix_concepts, (HUGE,)),
    (loader.line_rule, ("Share " + HUGE,)),
    (concepts.concepts_of, (f"comments {HUGE}",)),
    (head._meta_key, ("og:" + HUGE,)),
    (body._names_match, (f"author {HUGE}", WORDS)),
    (title._variants, (HUGE + " | Site",)),
    (title.titles_agree, (HUGE, "A title")),
    (title._same_text, (HUGE, "a title")),
]


@pytest.mark.parametrize(("function", "args"), CALLS, ids=lambda f: getattr(f, "__name__", ""))
def test_a_huge_key_is_computed_but_not_cached(
    function: Callable[..., Any], args: tuple[Any, ...]
) -> None:
    function.cache_clear()  # type: ignore[attr-defined]
    first = function(*args)
    assert function(*args) == first
    assert function.cache_info().currsize == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize(("function", "args"), CALLS, ids=lambda f: getattr(f, "__name__", ""))
def test_a_short_key_is_still_cached(function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    short = tuple(arg[:20] if isinstance(arg, str) else arg for arg in args)
    function.cache_clear()  # type: ignore[attr-defined]
    function(*short)
    assert function.cache_info().currsize == 1  # type: ignore[attr-defined]


def _adversarial_page(size: int) -> str:
    junk = "w" * size
    return (
        f"<html><head><title>{junk}</title><meta name='{junk}' content='x'>"
        f"<meta property='og:title' content='{junk} | Site'></head><body>"
        f"<div class='{junk} content'><h1>{junk}</h1><p class='byline {junk}'>By Jane Doe</p>"
        f"<p class='c-{junk}'>{'The council met on Monday to discuss the budget. ' * 20}</p>"
        "</div></body></html>"
    )


def test_extracting_adversarial_pages_retains_no_page_sized_memory() -> None:
    """Three pages of megabyte class strings, meta keys and titles: what the caches keep
    afterwards is small (each page held several megabytes through the caches before)."""
    pages = [_adversarial_page(1_000_000 + i) for i in range(3)]
    cleannews.extract(_adversarial_page(10))  # load the rules first
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for page in pages:
            cleannews.extract(page)
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert retained < 1_000_000, f"{retained:,} bytes retained"


def test_long_keys_skip_the_cache_by_the_documented_limits() -> None:
    name = "a" * (memo.MAX_NAME_CHARS + 1)
    loader.class_words.cache_clear()  # type: ignore[attr-defined]
    loader.class_words(name)
    loader.class_words(name[:-1])
    assert loader.class_words.cache_info().currsize == 1  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- read-only rules


def _mutations(value: Any) -> list[Callable[[], object]]:
    return [
        lambda: value.__setitem__("new", 1),
        lambda: value.append(1),
        lambda: value.add(1),
        lambda: setattr(value, "note", ""),
    ]


def _assert_read_only(value: Any) -> None:
    for mutate in _mutations(value):
        with pytest.raises((TypeError, AttributeError)):
            mutate()


@pytest.mark.parametrize(
    "loaded",
    [
        authors.rules,
        lambda: authors.rules()["prefixes"],
        lambda: authors.rules()["examples"][0],
        dates._words,
        lambda: dates._words()["languages"]["en"]["months"],
        lambda: dates._words()["zones"],
        language._data,
        lambda: language._data()["languages"],
        page_metadata.page_rules,
        lambda: page_metadata.page_rules().examples,
        lambda: page_metadata.page_rules().examples["reading_time"][0],
        lambda: page_metadata.page_rules().author_classes,
        schema_types.type_rules,
        lambda: schema_types.type_rules()["article"],
        widgets.toc_labels,
        lambda: widgets.examples("examples"),
        loader.class_concepts,
        lambda: loader.class_concepts()[0],
        lambda: loader.class_concepts()[0].words,
        loader.phrase_rules,
        lambda: loader.phrase_rules()[0],
    ],
)
def test_cached_rule_data_is_read_only(loaded: Callable[[], Any]) -> None:
    _assert_read_only(loaded())


def test_read_only_freezes_nested_json() -> None:
    frozen = memo.read_only({"a": [1, {"b": [2]}], "c": {3}})
    assert frozen["a"][1]["b"] == (2,)
    assert frozen["c"] == frozenset({3})
    _assert_read_only(frozen["a"][1])
