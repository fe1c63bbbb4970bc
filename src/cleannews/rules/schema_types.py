"""Declared page and object types (schema.org names, Open Graph types): ``data/schema_types.json``.

Metadata reads them to pick the JSON-LD article, web page, site and organisation authors; the
page-type classifier reads them to weigh what a page declares itself to be. Both import them
from here, so neither depends on the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

import regex

from cleannews.errors import RuleError
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.loader import read_json


@dataclass(frozen=True, slots=True)
class TypeRule:
    """A family of declared type names (``article``, ``listing``, ...)."""

    name: str
    pattern: regex.Pattern[str]
    note: str
    examples: tuple[str, ...]
    non_examples: tuple[str, ...]

    def matches(self, kind: str) -> bool:
        """True when the whole type name ``kind`` belongs to the family."""
        return self.pattern.fullmatch(kind) is not None


@cache
def type_rules() -> Mapping[str, TypeRule]:
    """Every type family by name, in file order (read-only)."""
    data = read_json("schema_types.json")
    try:
        rules = {name: _type_rule(name, spec) for name, spec in data["types"].items()}
    except (KeyError, TypeError, AttributeError) as exc:
        raise RuleError(f"schema_types.json is malformed: {exc!r}") from None
    return MappingProxyType(rules)


def _type_rule(name: str, spec: dict[str, Any]) -> TypeRule:
    flags = regex.IGNORECASE if spec["ignore_case"] else 0
    try:
        pattern = compile_pattern("(?:" + spec["pattern"] + ")", flags)
    except regex.error as exc:
        raise RuleError(f"bad pattern in schema_types.json type {name}: {exc}") from None
    return TypeRule(
        name=name,
        pattern=pattern,
        note=spec["note"],
        examples=tuple(spec["examples"]),
        non_examples=tuple(spec["non_examples"]),
    )


def type_pattern(name: str) -> regex.Pattern[str]:
    """The pattern of the type family ``name`` (a RuleError for an unknown family)."""
    rule = type_rules().get(name)
    if rule is None:
        raise RuleError(f"no type family named {name!r} in schema_types.json")
    return rule.pattern
