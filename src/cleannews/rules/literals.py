"""Necessary literals of a rule pattern: cheap substring tests that rule a pattern out.

The ``regex`` module spends 20-70 ns per character on a case-insensitive rule, while
``str.__contains__`` scans for a literal in well under one. For each phrase rule this module
reads the pattern and derives what any text the pattern matches in must hold: one of a few
literal strings (compared case-folded by :func:`fold`) or, for a character class that may
match letters outside ASCII, simply a non-ASCII character. A text that holds none of them
cannot match, so the regex need not run. Anything the reader does not understand (inline
flags other than a case-sensitive group, backreferences, ...) yields no requirement: the regex
then always runs.

The folding is exact for the patterns' case-insensitive matching (``IGNORECASE | VERSION0``,
simple case folding): for every character ``c`` of :data:`ALPHABET` and every character
``x`` the pattern ``c`` matches, ``fold(x) == fold(c)`` (checked over all of Unicode by
``tests/test_fast_paths.py``). Literal characters outside the alphabet are not used.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import regex

from cleannews.rules.diskcache import cached_json, compile_pattern

#: Characters a literal may be made of (ASCII and the Latin letters of the rule files).
ALPHABET = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x250)]))
#: Characters whose lower case differs from that of a character they match case-insensitively.
ODD_CASES = (("İ", "i"), ("ı", "i"), ("ſ", "s"), ("µ", "μ"), ("\ua7dc", "ƛ"), ("\U0001df95", "ß"))
#: Characters of Windows-1252 (ASCII, Latin-1 letters, curly quotes, dashes): most texts of
#: Western languages are made of them alone, which one ``str.encode`` call tells.
REPERTOIRE = bytes(range(256)).decode("cp1252", errors="ignore")
#: More strings than this make a requirement too costly to test.
CAP = 24
#: Literals this long are rare enough: fewer of them beat longer ones.
LONG = 5
_QUANTIFIER = compile_pattern(r"\{(\d*)(?:(,)(\d*))?\}\??")
_ZERO_WIDTH = frozenset("bBAZG")
_SINGLE = frozenset("dDsSwWpPXN")


def fold(text: str) -> str:
    """The text lowercased, with the few odd case pairs mapped as the patterns match them."""
    if not text.isascii():
        for odd, plain in ODD_CASES:
            if odd in text:
                text = text.replace(odd, plain)
    return text.lower()


@dataclass(frozen=True, slots=True)
class Needs:
    """A text a pattern matches in holds one of ``words`` (folded), or, when ``other`` is
    set, it may instead hold any character outside :data:`REPERTOIRE`."""

    words: tuple[str, ...]
    other: bool

    def admits(self, text: str, folded: str) -> bool:
        """False only when the pattern cannot match in ``text`` (``folded`` is its fold)."""
        if self.other and not text.isascii() and not _in_repertoire(text):
            return True
        return any(map(folded.__contains__, self.words))


@dataclass(frozen=True, slots=True)
class NeedsIndex:
    """The requirements of several patterns at once: each distinct literal is looked for
    once per text (after one search for any of them, when given), and only the patterns
    whose literals were found, the ones without requirements and (in a text outside
    :data:`REPERTOIRE`) those admitting other characters are admitted. The same verdicts as
    :meth:`Needs.admits`."""

    size: int
    #: Folded literal -> the patterns needing it (or another of theirs).
    by_word: dict[str, tuple[int, ...]]
    words: tuple[str, ...]
    #: Patterns without requirements (always admitted) and those admitting other characters.
    always: tuple[int, ...]
    other: tuple[int, ...]

    @classmethod
    def of(cls, needs: Sequence[Needs | None]) -> NeedsIndex:
        by_word: dict[str, list[int]] = {}
        for i, need in enumerate(needs):
            for word in () if need is None else dict.fromkeys(need.words):
                by_word.setdefault(word, []).append(i)
        return cls(
            len(needs),
            {word: tuple(found) for word, found in by_word.items()},
            tuple(by_word),
            tuple(i for i, need in enumerate(needs) if need is None),
            tuple(i for i, need in enumerate(needs) if need is not None and need.other),
        )

    def admitted(self, text: str, gate: re.Pattern[str] | None = None) -> list[bool]:
        """For each pattern, False when it provably cannot match in ``text`` (``gate``: a
        search for any of :attr:`words`, which tells in one pass that a text holds none)."""
        found = [False] * self.size
        for i in self.always:
            found[i] = True
        if self.other and not text.isascii() and not _in_repertoire(text):
            for i in self.other:
                found[i] = True
        by_word, folded = self.by_word, fold(text)
        if gate is not None and gate.search(folded) is None:
            return found
        # (a comprehension's ``in``, not ``filter(folded.__contains__, ...)``: a call of the
        # method wrapper per literal costs more than a short text's scan)
        for word in [word for word in self.words if word in folded]:
            for i in by_word[word]:
                found[i] = True
        return found


@dataclass(frozen=True, slots=True)
class _Facts:
    """What a piece of pattern matches: exactly one of ``exact`` (folded, when few), and
    any match holds what ``needs`` says (None: nothing known)."""

    exact: frozenset[str] | None
    needs: Needs | None


_EMPTY = _Facts(frozenset({""}), None)
_UNKNOWN = _Facts(None, None)


class _Unsupported(Exception):
    """The pattern uses syntax the reader does not follow."""


@lru_cache(maxsize=1024)
def needs_of(pattern: str, flags: int) -> Needs | None:
    """What every text ``pattern`` (compiled with ``flags``) matches in must hold."""
    if flags & ~(regex.IGNORECASE | regex.VERSION0 | regex.UNICODE):
        return None
    try:
        reader = _Reader(pattern, flags)
        facts = reader.alternation()
    except _Unsupported:
        return None
    if reader.pos != len(pattern):
        return None
    return _best(facts)


def needs_of_all(patterns: Sequence[str], flags: int) -> tuple[Needs | None, ...]:
    """:func:`needs_of` of each pattern, kept in the disk cache (:mod:`.diskcache`) under
    the patterns, the flags and this module's own code: reading 45 patterns costs 25-75 ms
    at every start, reading the entry back well under one."""
    made_from = json.dumps([_reader_version(), flags, list(patterns)])
    found = cached_json("needs", made_from, lambda: _all_as_json(patterns, flags))
    return tuple(None if item is None else Needs(tuple(item[0]), bool(item[1])) for item in found)


def _all_as_json(patterns: Sequence[str], flags: int) -> list[list[Any] | None]:
    found = (needs_of(pattern, flags) for pattern in patterns)
    return [None if needs is None else [list(needs.words), needs.other] for needs in found]


@cache
def _reader_version() -> str:
    """A digest of this module's code: a changed reader derives other requirements."""
    try:
        return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    except OSError:
        return ""


def _in_repertoire(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _best(facts: _Facts) -> Needs | None:
    """The cheaper of the exact strings and the requirement, as a requirement."""
    options = [facts.needs] if facts.needs is not None else []
    if facts.exact is not None and "" not in facts.exact:
        options.append(_needs(facts.exact, other=False))
    return max(options, key=_strength, default=None)


def _needs(words: frozenset[str] | set[str], other: bool) -> Needs:
    """A requirement over the fewest words: a word holding another word is redundant."""
    if len(words) == 1:  # most runs of literal characters spell one string
        return Needs(tuple(words), other)
    by_length = sorted(words, key=len)  # only a shorter word can be inside another
    kept = [
        w
        for i, w in enumerate(by_length)
        if not any(len(v) < len(w) and v in w for v in by_length[:i])
    ]
    return Needs(tuple(sorted(kept)), other)


def _strength(needs: Needs) -> tuple[bool, int, int]:
    shortest = min(map(len, needs.words), default=0)
    return (not needs.other, min(shortest, LONG), -len(needs.words))


def _union(branches: list[Needs | None]) -> Needs | None:
    """What a text holds when it holds what one of the branches needs (None: one needs
    nothing). One pass over all the words: the fewest of a union do not depend on the order."""
    if any(needs is None for needs in branches):
        return None
    known = [needs for needs in branches if needs is not None]
    words = {word for needs in known for word in needs.words}
    return _needs(words, any(needs.other for needs in known))


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) == 1 == len(right):  # one string by one: the common case, made cheap
        (a,), (b,) = left, right
        return frozenset((a + b,))
    if len(left) * len(right) > CAP:
        return None
    return frozenset(a + b for a in left for b in right)


class _Reader:
    """A recursive-descent reader of the pattern syntax the rule files use."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags, self.pos = pattern, flags, 0

    def peek(self) -> str:
        return self.pattern[self.pos] if self.pos < len(self.pattern) else ""

    def alternation(self) -> _Facts:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exact: frozenset[str] | None = frozenset()
        for branch in branches:
            exact = None if exact is None or branch.exact is None else exact | branch.exact
        needs = _union([_best(branch) for branch in branches])
        if exact is not None and len(exact) > CAP:
            exact = None
        return _Facts(exact, needs)

    def sequence(self) -> _Facts:
        items: list[_Facts] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified(self.atom()))
        return _concatenate(items)

    def quantified(self, facts: _Facts) -> _Facts:
        char = self.peek()
        if char in ("?", "*", "+"):
            self.pos += 1
            low, high = {"?": (0, 1), "*": (0, None), "+": (1, None)}[char]
        elif char == "{" and (match := _QUANTIFIER.match(self.pattern, self.pos)):
            if not (match[1] or match[3]):
                raise _Unsupported("braces without a count are literal")
            self.pos = match.end() - (1 if match.group().endswith("?") else 0)
            low = int(match[1] or 0)
            high = low if match[2] is None else (int(match[3]) if match[3] else None)
        else:
            return facts
        if self.peek() in ("?", "+"):  # lazy or possessive: the same strings match
            self.pos += 1
        return _repeat(facts, low, high)

    def atom(self) -> _Facts:
        char = self.peek()
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            return self.escape()
        if char in ("^", "$"):
            self.pos += 1
            return _EMPTY
        if char in ("*", "+", "?", "{", "}", "]"):
            raise _Unsupported(char)
        self.pos += 1
        return self.single(".") if char == "." else _literal(char, self)

    def group(self) -> _Facts:
        rest = self.pattern[self.pos :]
        # A group matched case-sensitively (``(?-i:...)``) matches some of the strings it
        # would match ignoring case: what these must hold, its matches hold.
        for opener in ("(?:", "(?P<", "(?-i:"):
            if rest.startswith(opener):
                self.pos += len(opener)
                if opener == "(?P<":
                    self.pos = self.pattern.index(">", self.pos) + 1
                return self.closed(self.alternation())
        for opener in ("(?=", "(?!", "(?<=", "(?<!"):
            if rest.startswith(opener):
                self.pos += len(opener)
                self.closed(self.alternation())
                return _EMPTY  # zero-width: the match holds none of it
        if rest.startswith("(?"):
            raise _Unsupported("inline flags or other group")
        self.pos += 1
        return self.closed(self.alternation())

    def closed(self, facts: _Facts) -> _Facts:
        if self.peek() != ")":
            raise _Unsupported("unbalanced group")
        self.pos += 1
        return facts

    def escape(self) -> _Facts:
        start, char = self.pos, self.pattern[self.pos + 1 : self.pos + 2]
        self.pos += 2
        if char in _ZERO_WIDTH:
            return _EMPTY
        if char in ("p", "P", "N") and self.peek() == "{":
            self.pos = self.pattern.index("}", self.pos) + 1
        elif char in _SINGLE:
            pass
        elif char and not char.isalnum():
            return _literal(char, self)
        else:
            raise _Unsupported(f"escape \\{char}")
        return self.single(self.pattern[start : self.pos])

    def char_class(self) -> _Facts:
        start, self.pos = self.pos, self.pos + 1
        if self.peek() == "]":
            self.pos += 1
        while self.peek() not in ("]", ""):
            if self.peek() == "[":
                raise _Unsupported("nested or set-operation class")
            self.pos += 2 if self.peek() == "\\" else 1
        if self.peek() != "]":
            raise _Unsupported("unclosed class")
        self.pos += 1
        source = self.pattern[start : self.pos]
        inner = source[1:-1]
        if inner and not regex.search(r"[\\^\-\[]", inner) and set(inner) <= ALPHABET:
            return _Facts(frozenset(map(fold, inner)), None)
        return self.single(source)

    def single(self, source: str) -> _Facts:
        """One character of a class: its members in the repertoire, or any character outside."""
        compiled = compile_pattern(source, self.flags)
        members = {fold(char) for char in REPERTOIRE if compiled.fullmatch(char)}
        if len(members) > CAP // 2:
            return _UNKNOWN
        return _Facts(None, _needs(members, other=True))


def _literal(char: str, reader: _Reader) -> _Facts:
    if char in ALPHABET:
        return _Facts(frozenset({fold(char)}), None)
    return reader.single(regex.escape(char))


def _repeat(facts: _Facts, low: int, high: int | None) -> _Facts:
    needs = _best(facts) if low >= 1 else None
    if facts.exact is None or high is None or high > 4:
        return _Facts(None, needs)
    total: frozenset[str] | None = frozenset({""}) if low == 0 else frozenset()
    power: frozenset[str] | None = frozenset({""})
    for count in range(1, high + 1):
        power = None if power is None else _product(power, facts.exact)
        if power is not None and total is not None and count >= low:
            total = total | power
        elif count >= low:
            total = None
    return _Facts(total, needs)


def _concatenate(items: list[_Facts]) -> _Facts:
    """Adjacent exact pieces multiply into longer literals; the strongest requirement wins."""
    options = [item.needs for item in items if item.needs is not None]
    whole: frozenset[str] | None = frozenset({""})
    for item in items:
        whole = None if whole is None or item.exact is None else _product(whole, item.exact)
    # max() keeps the first of the strongest: once a requirement of the strongest kind there
    # is (one literal of LONG characters) is among the options, later ones cannot win.
    done = any(_strength(option) == _STRONGEST for option in options)
    for start in range(len(items) if not done else 0):
        runs = _runs_from(items, start)
        options += runs
        if any(_strength(run) == _STRONGEST for run in runs):
            break
    return _Facts(whole, max(options, key=_strength, default=None))


#: The strongest requirement :func:`_strength` ranks: one literal at least LONG characters long.
_STRONGEST = (True, LONG, -1)


def _runs_from(items: list[_Facts], start: int) -> list[Needs]:
    """The literals of the exact pieces from ``start`` on, up to a long enough length."""
    found: list[Needs] = []
    run: frozenset[str] | None = frozenset({""})
    for item in items[start:]:
        if item.exact is None or run is None:
            break
        run = _product(run, item.exact)
        if run is not None and "" not in run:
            found.append(_needs(run, other=False))
            if min(map(len, run)) >= LONG:
                break
    return found
