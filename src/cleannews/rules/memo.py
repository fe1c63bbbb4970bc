"""Caches: functions of page content bounded in entries and key length; read-only rule data.

Class names, meta keys, titles and short texts repeat across a page and a site's pages, so
the functions that read them are cached. An ``lru_cache`` bounds its entries, not their size:
a page with megabyte-long class strings or titles would keep megabytes per entry alive until
evicted (three adversarial pages held about 90 MB). These caches compute a key longer than
``max_chars`` characters without storing it: such keys are rare and never repeat usefully.

A loader cached for the life of the process hands every caller the same object: it returns
:func:`read_only` data (mappings as ``MappingProxyType``, lists as tuples, sets as
frozensets), so that no caller can change the rules for the others.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from types import MappingProxyType
from typing import Any, TypeVar

R = TypeVar("R")

#: Keys longer than this many characters (summed over string arguments) are not cached.
MAX_KEY_CHARS = 256
#: A class name or id, a meta key: one token, short in any real page.
MAX_NAME_CHARS = 128
#: An element's class and id strings together (utility-class sites write long ones).
MAX_ATTRS_CHARS = 512


def short_key_cache(
    maxsize: int, max_chars: int = MAX_KEY_CHARS
) -> Callable[[Callable[[str], R]], Callable[[str], R]]:
    """``lru_cache(maxsize)`` for a function of one string, skipped for long strings."""

    def decorate(function: Callable[[str], R]) -> Callable[[str], R]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(key: str) -> R:
            return cached(key) if len(key) <= max_chars else function(key)

        _expose(call, cached)
        return call

    return decorate


def short_keys_cache(
    maxsize: int, max_chars: int = MAX_KEY_CHARS
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """``lru_cache(maxsize)`` for a function of positional arguments, skipped when its string
    arguments together are longer than ``max_chars``."""

    def decorate(function: Callable[..., R]) -> Callable[..., R]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(*args: Any) -> R:
            size = 0
            for arg in args:  # (a loop, not a generator: this runs for every call)
                if isinstance(arg, str):
                    size += len(arg)
            return cached(*args) if size <= max_chars else function(*args)

        _expose(call, cached)
        return call

    return decorate


def _expose(call: Callable[..., Any], cached: Any) -> None:
    """Give the guarded function the cache's ``cache_info`` and ``cache_clear``."""
    call.cache_info = cached.cache_info  # type: ignore[attr-defined]
    call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]


def read_only(value: Any) -> Any:
    """``value`` (parsed JSON) with every mapping, list and set in it made read-only."""
    if isinstance(value, dict | MappingProxyType):
        return MappingProxyType({key: read_only(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(read_only(item) for item in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value
