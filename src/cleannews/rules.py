"""Rules are data: class/id tokens and boilerplate phrases live in ``data/*.json``.

Each file is loaded once, validated and compiled, then cached for the life of the process.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex

from .errors import RuleError

_FLAGS = regex.IGNORECASE | regex.VERSION1
#: Left boundary added to class-token patterns, so "ad" never matches inside "head".
_TOKEN_BOUNDARY = r"(?<![a-z0-9])"


class Action(enum.Enum):
    """What cleaning does with an element whose class/id matches a concept."""

    REMOVE = "remove"
    HINT = "hint"


class RuleKind(enum.Enum):
    """How a phrase rule applies to a block."""

    LINE = "line"  # the whole (short) block must match
    SIGNAL = "signal"  # each match adds weight to a promo score


@dataclass(frozen=True, slots=True)
class ClassConcept:
    """A group of class/id tokens that mean one thing (navigation, comments, ...)."""

    name: str
    action: Action
    weight: float
    pattern: regex.Pattern[str]
    note: str
    examples: tuple[str, ...]
    non_examples: tuple[str, ...]

    def matches(self, attrs: str) -> bool:
        """True when the class/id string (see :func:`normalise_attrs`) holds a token."""
        return self.pattern.search(attrs) is not None


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A boilerplate phrase rule from ``data/boilerplate/*.json``."""

    id: str
    kind: RuleKind
    reason: str
    pattern: regex.Pattern[str]
    max_words: int
    weight: float
    note: str
    examples: tuple[str, ...]
    non_examples: tuple[str, ...]

    def matches(self, text: str) -> bool:
        """Line rules: the whole short text matches. Signal rules: the text contains a match."""
        if self.kind is RuleKind.LINE:
            text = text.strip()
            return len(text.split()) <= self.max_words and bool(self.pattern.fullmatch(text))
        return self.pattern.search(text) is not None

    def count(self, text: str) -> int:
        """Number of non-overlapping matches in ``text``."""
        return sum(1 for _ in self.pattern.finditer(text))


_CAMEL = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")


def normalise_attrs(value: str) -> str:
    """Lowercase a class/id string, splitting camelCase words ("mainMenu" -> "main menu")."""
    return _CAMEL.sub(" ", value).lower()


def _read_json(*parts: str) -> dict[str, Any]:
    path = resources.files("cleannews").joinpath("data")
    for part in parts:
        path = path.joinpath(part)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuleError(f"cannot load rule file data/{'/'.join(parts)}: {exc}") from None
    if not isinstance(data, dict):
        raise RuleError(f"rule file data/{'/'.join(parts)} is not a JSON object")
    return data


def _compile(pattern: str, where: str, prefix: str = "") -> regex.Pattern[str]:
    try:
        return regex.compile(prefix + "(?:" + pattern + ")", _FLAGS)
    except regex.error as exc:
        raise RuleError(f"bad pattern in {where}: {exc}") from None


@cache
def class_concepts() -> tuple[ClassConcept, ...]:
    """Every class/id concept, in file order."""
    data = _read_json("class_tokens.json")
    return tuple(
        ClassConcept(
            name=name,
            action=Action(spec["action"]),
            weight=float(spec["weight"]),
            pattern=_compile(spec["pattern"], f"class concept {name}", _TOKEN_BOUNDARY),
            note=spec["note"],
            examples=tuple(spec["examples"]),
            non_examples=tuple(spec["non_examples"]),
        )
        for name, spec in data["concepts"].items()
    )


def concept(name: str) -> ClassConcept:
    """The class/id concept called ``name``."""
    for item in class_concepts():
        if item.name == name:
            return item
    raise RuleError(f"no class concept named {name!r}")


@cache
def phrase_rules() -> tuple[PhraseRule, ...]:
    """Every boilerplate phrase rule of every language file."""
    folder = resources.files("cleannews").joinpath("data").joinpath("boilerplate")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    return tuple(rule for name in names for rule in _load_phrase_file(name))


def _load_phrase_file(name: str) -> list[PhraseRule]:
    data = _read_json("boilerplate", name)
    return [
        PhraseRule(
            id=spec["id"],
            kind=RuleKind(spec["kind"]),
            reason=spec["reason"],
            pattern=_compile(spec["pattern"], f"{name} rule {spec['id']}"),
            max_words=int(spec.get("max_words", 0)),
            weight=float(spec.get("weight", 0.0)),
            note=spec["note"],
            examples=tuple(spec["examples"]),
            non_examples=tuple(spec["non_examples"]),
        )
        for spec in data["rules"]
    ]


def rules_of_kind(kind: RuleKind) -> tuple[PhraseRule, ...]:
    """The phrase rules of one kind, in file order."""
    return tuple(r for r in phrase_rules() if r.kind is kind)
