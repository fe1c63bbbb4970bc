"""Rules are data: class/id tokens and boilerplate phrases live in ``data/*.json``.

Each file is loaded once, validated and compiled, then cached for the life of the process.
"""

from __future__ import annotations

import bisect
import enum
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

import regex

from cleannews.errors import RuleError
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.literals import Needs, NeedsIndex, fold, needs_of_all
from cleannews.rules.memo import MAX_NAME_CHARS, short_key_cache
from cleannews.words import longer_than

# VERSION0 (simple case folding) matches the rules' phrases as well as VERSION1 and runs a
# fifth faster; the rule tests check every example either way.
_FLAGS = regex.IGNORECASE | regex.VERSION0


class Action(enum.Enum):
    """What cleaning does with an element whose class/id matches a concept."""

    REMOVE = "remove"
    HINT = "hint"


class RuleKind(enum.Enum):
    """How a phrase rule applies to a block."""

    LINE = "line"  # the whole (short) block must match
    SIGNAL = "signal"  # each match adds weight to a promo score
    HINT = "hint"  # a match is a feature for the block classifier, not a verdict
    EDGE = "edge"  # a match in a short block outside the article's body run drops it


#: Members read once (as ``cleannews.blocks`` does for block kinds and labels).
_LINE, _SIGNAL, _HINT, _EDGE = RuleKind.LINE, RuleKind.SIGNAL, RuleKind.HINT, RuleKind.EDGE


@dataclass(frozen=True, slots=True)
class ClassConcept:
    """A group of class/id words that mean one thing (navigation, comments, ...)."""

    name: str
    action: Action
    weight: float
    words: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: frozenset[str]
    note: str
    examples: tuple[str, ...]
    non_examples: tuple[str, ...]
    #: Words that veto the concept within the same class name ("label" in field-label-hidden),
    #: or two adjacent words ("elementor invisible").
    unless: frozenset[str] = frozenset()
    #: Whether the block classifier has a feature for the concept (a concept read by one
    #: later rule only, added after the model was fitted, has none).
    feature: bool = True

    def matches(self, attrs: str) -> bool:
        """True when a class name or id in ``attrs`` holds one of the concept's words."""
        return any(
            self.matches_words(class_words(name))
            for name in attrs.split()
            if not names_nothing(name)
        )

    def matches_words(self, words: tuple[str, ...]) -> bool:
        """True when one word, or two or three adjacent words, belong to the concept."""
        if self.vetoed(words):
            return False
        for i, word in enumerate(words):
            if word in self.words or word.startswith(self.prefixes):
                return True
            if " ".join(words[i : i + 2]) in self.phrases:
                return True
            if " ".join(words[i : i + 3]) in self.phrases:
                return True
        return False

    def vetoed(self, words: tuple[str, ...]) -> bool:
        """True when a word of ``unless``, or two adjacent words listed there, are in
        ``words`` (one class name's)."""
        if not self.unless:
            return False
        if not self.unless.isdisjoint(words):
            return True
        return any(f"{first} {second}" in self.unless for first, second in pairwise(words))


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A boilerplate phrase rule from ``data/boilerplate/*.json``."""

    id: str
    kind: RuleKind
    reason: str
    #: The rule's pattern as compiled (with :data:`_FLAGS`), compiled on first use.
    source: str
    max_words: int
    weight: float
    note: str
    examples: tuple[str, ...]
    non_examples: tuple[str, ...]
    #: Hint rules: a block of at most this many words that matches is boilerplate whatever
    #: the block model says (0: the match is only a feature).
    veto_words: int = 0
    #: Hint rules: the line is caption furniture (a photo credit), vetoed only when captions
    #: are left out of the text (``Options.captions``).
    caption: bool = False

    def matches(self, text: str) -> bool:
        """Line rules: the whole short text matches. Edge rules: a short text contains a
        match. Signal and hint rules: the text contains a match."""
        if self.kind is _LINE:
            text = text.strip()
            return len(text.split()) <= self.max_words and bool(self.pattern.fullmatch(text))
        if self.kind is _EDGE and longer_than(text, self.max_words):
            return False
        return self.pattern.search(text) is not None

    def count(self, text: str) -> int:
        """Number of non-overlapping matches in ``text``."""
        return len(self.pattern.findall(text))

    @property
    def pattern(self) -> regex.Pattern[str]:
        """The compiled pattern. Compiled when first needed: most rules' literals rule them
        out of most texts (:func:`admitted`), and compiling all of them takes 30 ms."""
        return _compiled_rule(self.source, self.id)


_NONE: frozenset[str] = frozenset()
_CAMEL = compile_pattern(r"(?<=\p{Ll})(?=\p{Lu})")
#: Characters that separate words in class names and ids (everything but letters).
_SEPARATOR_CHARS = "-_0123456789.:/#@[]()!?*+=,;'\"\\&%$~^|<>{}`"
_SEPARATORS = str.maketrans(dict.fromkeys(_SEPARATOR_CHARS, " "))
#: The same for ASCII names as bytes, with lowercasing folded in (translating bytes through
#: a table is several times faster than ``str.lower().translate``).
_ASCII_WORDS = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ" + _SEPARATOR_CHARS.encode("ascii"),
    b"abcdefghijklmnopqrstuvwxyz" + b" " * len(_SEPARATOR_CHARS),
)


def read_json(*parts: str) -> dict[str, Any]:
    """A JSON object from the package's data folder (a RuleError when unreadable)."""
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


@lru_cache(maxsize=1024)
def _compiled_rule(source: str, rule_id: str) -> regex.Pattern[str]:
    try:
        return compile_pattern(source, _FLAGS)
    except regex.error as exc:
        raise RuleError(f"bad pattern in phrase rule {rule_id}: {exc}") from None


@cache
def class_concepts() -> tuple[ClassConcept, ...]:
    """Every class/id concept, in file order."""
    data = read_json("class_tokens.json")
    return tuple(_concept(name, spec) for name, spec in data["concepts"].items())


def feature_concepts() -> tuple[ClassConcept, ...]:
    """The concepts the block classifier has a feature for, in file order."""
    return tuple(c for c in class_concepts() if c.feature)


def _concept(name: str, spec: dict[str, Any]) -> ClassConcept:
    listed = [w.lower() for w in spec["words"]]
    return ClassConcept(
        name=name,
        action=Action(spec["action"]),
        weight=float(spec["weight"]),
        words=frozenset(w for w in listed if not w.endswith("*")),
        prefixes=tuple(w[:-1] for w in listed if w.endswith("*")),
        phrases=frozenset(p.lower() for p in spec["phrases"]),
        note=spec["note"],
        examples=tuple(spec["examples"]),
        non_examples=tuple(spec["non_examples"]),
        unless=frozenset(w.lower() for w in spec.get("unless", ())),
        feature=bool(spec.get("feature", True)),
    )


@short_key_cache(maxsize=65536, max_chars=MAX_NAME_CHARS)
def class_words(name: str) -> tuple[str, ...]:
    """Lowercase words of one class name or id: split at non-letters and camelCase."""
    return _split_words(name)


def _split_words(name: str) -> tuple[str, ...]:
    if name.startswith(_namespace_prefixes()):  # a component library's prefix is no word
        name = name.partition("-")[2]
    if not name.islower():  # split camelCase only where there is case to split on
        name = _CAMEL.sub(" ", name)
    if name.isascii():
        return tuple(name.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split())
    return tuple(name.lower().translate(_SEPARATORS).split())


@short_key_cache(maxsize=65536, max_chars=MAX_NAME_CHARS)
def name_concepts(name: str) -> frozenset[str]:
    """Names of the concepts one class name or id belongs to (cached: names repeat)."""
    if names_nothing(name):
        return frozenset()
    words = _split_words(name)  # not class_words: its cache would only hold this name again
    index = _concept_index()
    found: set[str] = set()
    for i, word in enumerate(words):
        found |= index.words.get(word, _NONE)
        if word.startswith(index.prefixes):
            found |= _prefix_concepts(word)
        if word in index.phrase_starts:  # most words start no phrase: skip the joins
            found |= index.phrases.get(" ".join(words[i : i + 2]), _NONE)
            found |= index.phrases.get(" ".join(words[i : i + 3]), _NONE)
    if found:
        for item in _with_vetoes():
            if item.name in found and item.vetoed(words):
                found.discard(item.name)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class _ConceptIndex:
    """The class/id concepts by word, prefix and phrase, for :func:`name_concepts`."""

    words: dict[str, frozenset[str]]
    prefixes: tuple[str, ...]
    phrases: dict[str, frozenset[str]]
    phrase_starts: frozenset[str]


@cache
def _concept_index() -> _ConceptIndex:
    words: dict[str, set[str]] = {}
    for item in class_concepts():
        for word in item.words:
            words.setdefault(word, set()).add(item.name)
    phrases = _phrase_index()
    return _ConceptIndex(
        words={word: frozenset(names) for word, names in words.items()},
        prefixes=tuple(p for item in class_concepts() for p in item.prefixes),
        phrases=phrases,
        phrase_starts=frozenset(phrase.split(" ")[0] for phrase in phrases),
    )


#: A hexadecimal hash with a digit before a letter ('e1ad', '3fa9c0'): a generated id or class
#: (Medium numbers every paragraph so), whose pieces split at digits are no words ('e1ad'
#: would read as 'ad'). A name ending in its digits ('ad1', 'ad12') still names an ad slot.
_HEX_HASH = compile_pattern(r"[0-9a-f]*[0-9][a-f][0-9a-f]*")
#: The characters of such a hash: a name holding any other is none, which one C-level
#: ``str.strip`` tells (most names: a regex call costs several times more).
_HEX_DIGITS = "0123456789abcdef"


def names_nothing(name: str) -> bool:
    """A class name or id that names no concept: one of the taxonomy prefixes
    (``ignored_prefixes`` in ``class_tokens.json``) or a generated hexadecimal hash."""
    if name.lower().startswith(_ignored_prefixes()):
        return True
    return not name.strip(_HEX_DIGITS) and _HEX_HASH.fullmatch(name) is not None


@cache
def _ignored_prefixes() -> tuple[str, ...]:
    return tuple(read_json("class_tokens.json").get("ignored_prefixes", ()))


@cache
def _namespace_prefixes() -> tuple[str, ...]:
    """Prefixes of ``namespace_prefixes`` in ``class_tokens.json``, each one word and a
    hyphen (``cmp-``), as the page writes them."""
    return tuple(read_json("class_tokens.json").get("namespace_prefixes", ()))


def namespace_examples() -> dict[str, list[str]]:
    """Class names with a namespace prefix and the concepts they name (the data's examples)."""
    examples: dict[str, list[str]] = read_json("class_tokens.json")["namespace_prefixes_examples"]
    return examples


@cache
def _with_vetoes() -> tuple[ClassConcept, ...]:
    return tuple(c for c in class_concepts() if c.unless)


@short_key_cache(maxsize=4096, max_chars=MAX_NAME_CHARS)
def _prefix_concepts(word: str) -> frozenset[str]:
    return frozenset(c.name for c in class_concepts() if word.startswith(c.prefixes))


@cache
def _phrase_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for item in class_concepts():
        for phrase in item.phrases:
            index.setdefault(phrase, set()).add(item.name)
    return {phrase: frozenset(names) for phrase, names in index.items()}


def concepts_in(attrs: str) -> frozenset[str]:
    """Names of every concept matched by a space-separated class/id string."""
    return frozenset().union(*map(name_concepts, attrs.split()))


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
    try:
        names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    except OSError as exc:
        raise RuleError(f"cannot list the rule files in data/boilerplate: {exc}") from None
    if not names:
        raise RuleError("no rule files in data/boilerplate (is the package installed whole?)")
    return tuple(rule for name in names for rule in _load_phrase_file(name))


def _load_phrase_file(name: str) -> list[PhraseRule]:
    data = read_json("boilerplate", name)
    return [
        PhraseRule(
            id=spec["id"],
            kind=RuleKind(spec["kind"]),
            reason=spec["reason"],
            source="(?:" + spec["pattern"] + ")",
            max_words=int(spec.get("max_words", 0)),
            weight=float(spec.get("weight", 0.0)),
            note=spec["note"],
            examples=tuple(spec["examples"]),
            non_examples=tuple(spec["non_examples"]),
            veto_words=int(spec.get("veto_words", 0)),
            caption=bool(spec.get("caption", False)),
        )
        for spec in data["rules"]
    ]


@cache
def rules_of_kind(kind: RuleKind) -> tuple[PhraseRule, ...]:
    """The phrase rules of one kind, in file order."""
    return tuple(r for r in phrase_rules() if r.kind is kind)


@cache
def rule_needs(kind: RuleKind) -> tuple[Needs | None, ...]:
    """What a text must hold for each rule of one kind to match in it (see :mod:`.literals`):
    a text holding none of it needs no regex pass for that rule."""
    return needs_of_all([r.source for r in rules_of_kind(kind)], _FLAGS)


@cache
def _needs_index(kind: RuleKind) -> NeedsIndex:
    return NeedsIndex.of(rule_needs(kind))


def admitted(kind: RuleKind, text: str) -> list[bool]:
    """For each rule of one kind, False when it provably cannot match in ``text`` (most
    texts hold none of the kind's literals, which one search tells)."""
    return _needs_index(kind).admitted(text, _literal_gate(kind))


@cache
def _literal_gate(kind: RuleKind) -> re.Pattern[str] | None:
    """A search for any literal the rules of one kind need (as :func:`_hint_literals`)."""
    words = _needs_index(kind).words
    return _trie_pattern(words) if words else None


def possible_rules(kind: RuleKind, text: str) -> list[PhraseRule]:
    """The rules of one kind that may match in ``text`` (the others provably cannot)."""
    return [rule for rule, ok in zip(rules_of_kind(kind), admitted(kind, text), strict=True) if ok]


#: Paragraphs up to this long keep their promo signal weight in :func:`signal_weight`'s cache.
SIGNAL_CACHE_CHARS = 1200


@short_key_cache(maxsize=1024, max_chars=SIGNAL_CACHE_CHARS)
def signal_weight(text: str) -> float:
    """The sum over the promo signal rules of weight x matches in ``text`` (cached: the text
    line model and the promo filter both ask it of the same paragraphs)."""
    # Most paragraphs hold none of the literals any signal needs: no regex runs at all.
    return sum((rule.weight * rule.count(text) for rule in possible_rules(_SIGNAL, text)), 0.0)


@cache
def _line_pattern() -> regex.Pattern[str]:
    parts = [f"(?P<r{i}>{r.source})" for i, r in enumerate(rules_of_kind(RuleKind.LINE))]
    return compile_pattern("|".join(parts), _FLAGS)


@cache
def _max_line_words() -> int:
    return max(r.max_words for r in rules_of_kind(RuleKind.LINE))


@short_key_cache(maxsize=4096)
def line_rule(text: str) -> PhraseRule | None:
    """The first line rule the whole (short) text matches, in one pass over all of them
    (cached: menu labels and bylines repeat on a page and across a site's pages)."""
    text = text.strip()
    line_rules = rules_of_kind(_LINE)
    if len(text.split()) > _max_line_words():
        return None
    match = _line_pattern().fullmatch(text)
    if match is None:
        return None
    first = int(match.lastgroup[1:]) if match.lastgroup else 0
    return next((r for r in line_rules[first:] if r.matches(text)), None)


#: From this length on, hint rules are tested for their literals before their regexes run.
_LITERAL_CHARS = 40


def hint_matches(text: str) -> tuple[bool, ...]:
    """Which hint rules match a short text (the block classifier's and the line model's hint
    features). Most texts hold none of the rules' literals: one
    search tells. Otherwise, in a text of a few words the regexes run at once; a longer one
    is searched only for the rules whose own literals it holds."""
    hints = rules_of_kind(_HINT)
    gate = _hint_literals()
    if gate is not None and gate.search(fold(text)) is None:
        return (False,) * len(hints)
    if len(text) < _LITERAL_CHARS:
        return tuple(rule.pattern.search(text) is not None for rule in hints)
    return tuple(
        ok and rule.pattern.search(text) is not None
        for rule, ok in zip(hints, _needs_index(_HINT).admitted(text), strict=True)  # (gated)
    )


def hint_candidates(texts: Sequence[str]) -> list[bool]:
    """For each text, False when :func:`hint_matches` provably finds no hint rule in it (it
    holds none of their literals): the texts of a page searched together, in one pass."""
    needs = rule_needs(RuleKind.HINT)
    if any(n is None or n.other for n in needs):
        return [True] * len(texts)
    return holding(texts, tuple(sorted({w for n in needs if n is not None for w in n.words})))


def holding(texts: Sequence[str], words: tuple[str, ...]) -> list[bool]:
    """For each text, whether its :func:`~cleannews.rules.literals.fold` holds one of the
    folded ``words`` (as ``any(w in fold(text) for w in words)``), found by one search over
    the folded texts joined by line breaks (a word holding one matches across no text)."""
    if any("\n" in w or not w for w in words):
        return [any(map(fold(t).__contains__, words)) for t in texts]
    folded = list(map(fold, texts))
    starts, at = [], 0
    for text in folded:
        starts.append(at)
        at += len(text) + 1
    found = [False] * len(texts)
    if words:
        for match in _trie_pattern(words).finditer("\n".join(folded)):
            found[bisect.bisect_right(starts, match.start()) - 1] = True
    return found


@lru_cache(maxsize=64)
def _trie_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A plain-``re`` search for any of ``words`` (see :func:`_hint_literals`): a text holds
    one of them exactly when it holds one of those that hold no other."""
    kept = sorted(w for w in set(words) if not any(v != w and v in w for v in words))
    return re.compile(literal_trie(kept))


@cache
def _hint_literals() -> re.Pattern[str] | None:
    """A pattern for the literals of all hint rules (see :mod:`cleannews.rules.literals`): a
    folded text it does not match in can match no hint rule. None when a rule's literals do
    not bound it.

    The pattern is plain code points, no case folding or character classes, so ``re`` and
    ``regex`` find the same; ``re`` skips positions by the words' first characters, several
    times faster here, and the words are factored into a trie (``re`` tries alternatives
    one by one)."""
    needs = rule_needs(RuleKind.HINT)
    if any(n is None or n.other for n in needs):
        return None
    return _trie_pattern(tuple(w for n in needs if n is not None for w in n.words))


def literal_trie(words: list[str]) -> str:
    """An alternation of ``words`` (sorted, none a prefix of another, none empty) factored by
    their first characters."""
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    parts = []
    for first, rest in tails.items():
        if len(rest) == 1:
            parts.append(re.escape(first + rest[0]))
        else:
            parts.append(f"{re.escape(first)}(?:{literal_trie(rest)})")
    return "|".join(parts)
