"""Clean author values and bylines into a list of person names.

Rules live in ``data/authors.json``. A raw value ("By Jane Doe, Staff Writer | Email the
author", "Stella Kim, Jennifer Jett", "by Lucas Nolan22 Dec 2016651") goes through:

1. markup leftovers out: HTML entities decoded, URLs, e-mail addresses and @handles removed,
   "(avec X et Y)" opened into a list, other parentheses dropped;
2. dates cut out (:func:`cleannews.metadata.dates.parse_date`), then segments at "|", "•", line
   breaks ...; segments about editors or photographers are dropped;
3. names split at commas, "and", "&", "und", "et", "y" ...; a "Last, First" pair (one
   comma, one word before it) is read as one name when ``inverted`` is allowed;
4. each name loses its "By" prefix, anything from the first noise word ("Updated",
   "Email", "Follow") or digit on, and any trailing role ("Staff Writer", "MA"); it must then
   look like a name (1-6 words, capitalised words or particles); ALL-CAPS names are
   title-cased;
5. duplicates go (case-insensitive, doubled text, a name contained in another).

Organisations ("WebMD Health News") named next to a person in the same value are dropped;
``strict`` (for bylines read from the page text) drops them always, and single words too.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex

from cleannews.errors import RuleError
from cleannews.metadata.dates import parse_date
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.memo import read_only

__all__ = ["clean_authors", "clean_name", "looks_like_name"]

_FLAGS = regex.IGNORECASE | regex.VERSION1
_URL = compile_pattern(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|(?<!\w)@\w+", _FLAGS)
_PARENS = compile_pattern(r"\([^()]*\)|\[[^\[\]]*\]|<[^<>]*>")
_SPACE = compile_pattern(r"\s+")
_EDGE = compile_pattern(r"^[\W_]+|[\W_]+$")
_DIGIT = compile_pattern(r"\d")
_NAME_WORD = compile_pattern(r"(?:\p{Lu}|\p{Lt})[\p{L}\p{M}'’.\-]*|\p{Lo}[\p{L}\p{M}]*")
_DOUBLED = compile_pattern(r"(.{3,}?)\s*\1", regex.DOTALL)
_GLUED = compile_pattern(r"(?<=\p{Ll})(?=\p{Lu}\p{Ll})")
_TRAILING_LOWER = compile_pattern(r"(?:\s+\p{Ll}+)+$")
#: One capitalised word or two before a byline prefix: "Analysis by", "Opinion by".
_LABEL = compile_pattern(r"^\p{Lu}\p{Ll}+(?:\s+\p{Ll}+)?\s+(?=\p{Ll})")
#: A name that is, or holds, an all-capitals word (CNN, BBC Culture, AP): an organisation,
#: dropped when the same value names a person.
_ACRONYM = compile_pattern(r"^\p{Lu}{2,5}$|(?<!\S)\p{Lu}{3,5}(?!\S)")
MAX_WORDS = 6
MAX_CHARS = 60
#: A name of CJK (uncased) letters longer than this is a phrase, not a name.
MAX_UNCASED_CHARS = 12


@dataclass(frozen=True, slots=True)
class _Rules:
    segments: regex.Pattern[str]
    #: "(avec X et Y)": a parenthesis listing more names (group 1).
    with_parens: regex.Pattern[str]
    names: regex.Pattern[str]
    prefix: regex.Pattern[str]
    skip: regex.Pattern[str]
    role: regex.Pattern[str]
    trailing_role: regex.Pattern[str]
    noise: regex.Pattern[str]
    organisation: regex.Pattern[str]
    particles: frozenset[str]


def _words(items: Iterable[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_WORD_KEYS = ("segment_separators", "name_separators", "with_words", "prefixes", "skip_prefixes")


@functools.cache
def rules() -> Mapping[str, Any]:
    """The raw rule file ``data/authors.json`` (loaded once; read-only)."""
    path = resources.files("cleannews") / "data" / "authors.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in _WORD_KEYS:
            if not all(isinstance(item, str) for item in data[key]):
                raise TypeError(f"{key} must list strings")
        for key in ("roles", "noise", "organisation_words", "particles", "examples"):
            if not isinstance(data[key], list):
                raise TypeError(f"{key} must be a list")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuleError(f"authors.json is missing or malformed: {exc}") from exc
    return read_only(data)  # type: ignore[no-any-return]


@functools.cache
def _rules() -> _Rules:
    data = rules()
    role = _words(data["roles"])
    try:
        return _Rules(
            segments=compile_pattern(_words(data["segment_separators"]), _FLAGS),
            with_parens=compile_pattern(
                rf"\(\s*(?:{_words(data['with_words'])})\s+([^()]*)\)", _FLAGS
            ),
            names=compile_pattern(rf"\s*,\s*|\s+(?:{_words(data['name_separators'])})\s+", _FLAGS),
            prefix=compile_pattern(rf"^(?:(?:{_words(data['prefixes'])})\b\W*)+", _FLAGS),
            skip=compile_pattern(rf"^(?:{_words(data['skip_prefixes'])})\b", _FLAGS),
            role=compile_pattern(rf"(?:(?:{role})\b\W*)+", _FLAGS),
            trailing_role=compile_pattern(rf"\s+(?:{role})(?:\s+(?:{role}))*$", _FLAGS),
            noise=compile_pattern(rf"(?<!\w)(?:{_words(data['noise'])})(?!\w)", _FLAGS),
            organisation=compile_pattern(
                rf"(?<!\w)(?:{_words(data['organisation_words'])})(?!\w)", _FLAGS
            ),
            particles=frozenset(p.casefold() for p in data["particles"]),
        )
    except regex.error as exc:
        raise RuleError(f"bad pattern in authors.json: {exc}") from exc


def clean_authors(
    values: str | Iterable[str], *, strict: bool = False, inverted: bool = False
) -> tuple[str, ...]:
    """Clean person names from raw author values, in order, without duplicates."""
    raw = [values] if isinstance(values, str) else list(values)
    names: list[str] = []
    for value in raw:
        found = [
            name
            for segment in _segments(value)
            for name in _names_in(segment, strict=strict, inverted=inverted)
        ]
        people = [n for n in found if not (_rules().organisation.search(n) or _ACRONYM.search(n))]
        names.extend(people or found)
    return _dedupe(names)


def _segments(value: str) -> list[str]:
    """Markup leftovers and dates removed, cut at segment separators; skipped ones dropped."""
    text = html.unescape(value)
    text = _URL.sub(" ", text)
    text = _rules().with_parens.sub(r", \1", text)
    text = _PARENS.sub(" ", text)
    text = _cut_dates(text)
    parts = [_SPACE.sub(" ", part).strip() for part in _rules().segments.split(text)]
    return [part for part in parts if part and not _rules().skip.match(part)]


def _cut_dates(text: str) -> str:
    for _ in range(4):
        found = parse_date(text)
        if found is None or not found.matched.strip():
            break
        text = text.replace(found.matched, " | ", 1)
    return text


def _names_in(segment: str, *, strict: bool, inverted: bool) -> list[str]:
    parts = [p.strip() for p in _rules().names.split(segment) if p and p.strip()]
    if inverted and len(parts) == 2 and _is_inverted(parts[0], parts[1]):
        parts = [f"{parts[1]} {parts[0]}"]
    cleaned = [clean_name(part, strict=strict) for part in parts]
    return [name for name in cleaned if name]


def _is_inverted(last: str, first: str) -> bool:
    """'Jong, Michiel de': one word before the comma, a short first name after it."""
    if " " in last or _rules().role.fullmatch(first) or _rules().prefix.match(last):
        return False
    words = first.split()
    return 1 <= len(words) <= 3 and looks_like_name(f"{first} {last}")


def clean_name(text: str, *, strict: bool = False) -> str | None:
    """One clean name from one candidate, or None when it is not a name."""
    rules = _rules()
    text = text.strip()
    label = _LABEL.match(text)
    if label and rules.prefix.match(text[label.end() :]) and not looks_like_name(text):
        text = text[label.end() :]  # "Analysis by Jane Doe" (but "Justus von Daniels" stays)
    name = _EDGE.sub("", _SPACE.sub(" ", rules.prefix.sub("", text)))
    if not name or rules.role.fullmatch(name):
        return None
    spaced = _GLUED.sub(" ", name)  # "Jane DoeFollow" (glued by a layout)
    noise = rules.noise.search(spaced)
    name = spaced[: noise.start()] if noise else name  # "Jane Doe Updated 3 hours ago"
    if _DIGIT.search(name):  # "Lucas Nolan22 Dec 2016651": keep a full name before digits
        name = _DIGIT.split(name, maxsplit=1)[0]
        if len(name.split()) < 2:
            return None
    name = _TRAILING_LOWER.sub("", rules.trailing_role.sub("", _EDGE.sub("", name)))
    name = _EDGE.sub("", _undouble(name))
    if not name or all(
        rules.role.fullmatch(w) or rules.organisation.fullmatch(w) for w in name.split()
    ):
        return None  # "Staff", "Redaktion", "News Desk": no one in particular
    single_or_org = rules.organisation.search(name) or " " not in name.strip()
    if strict and single_or_org and not _uncased(name):
        return None
    if not looks_like_name(name):
        return None
    return name.title() if name.isupper() and len(name) > 3 else name


def _undouble(name: str) -> str:
    """'Jane DoeJane Doe' and 'Jane Doe Jane Doe' become 'Jane Doe'."""
    match = _DOUBLED.fullmatch(name)
    return match[1].strip() if match else name


def _uncased(name: str) -> bool:
    return not any(char.isupper() or char.islower() for char in name)


def looks_like_name(name: str) -> bool:
    """1-6 words, each capitalised (or uncased script) or a name particle; no digits."""
    words = name.split()
    if not words or len(words) > MAX_WORDS or len(name) > MAX_CHARS or _DIGIT.search(name):
        return False
    if _uncased(name):
        return len(name.replace(" ", "")) <= MAX_UNCASED_CHARS
    if any(word.endswith(".") and len(word) > 4 for word in words):
        return False  # a sentence end, not an initial ("J.", "Jr.")
    capitalised = 0
    for word in words:
        if _NAME_WORD.fullmatch(word):
            capitalised += 1
        elif word.casefold() not in _rules().particles:
            return False
    return capitalised >= 1


def _dedupe(names: list[str]) -> tuple[str, ...]:
    """Drop repeats (case-insensitive) and names whose words all belong to a longer name."""
    unique: list[str] = []
    for name in names:
        if name.casefold() not in {n.casefold() for n in unique}:
            unique.append(name)
    word_sets = [set(n.casefold().split()) for n in unique]
    kept = [
        name
        for i, name in enumerate(unique)
        if not any(i != j and word_sets[i] < other for j, other in enumerate(word_sets))
    ]
    return tuple(kept)
