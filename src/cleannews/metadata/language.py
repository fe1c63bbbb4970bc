"""Language tags: normalise the page's declared language, or guess it from the text.

:func:`normalise_tag` turns declared values ("en_US", "EN-us", "pt-br ") into BCP 47 casing
("en-US", "pt-BR") and rejects what is not a language tag. :func:`guess` is a small
pure-Python guesser: the writing system decides for scripts used by one language (Hangul,
kana, Han, Greek, Thai, ...); Latin, Cyrillic and Arabic texts are told apart by counting
frequent function words from ``data/stopwords.json``.
"""

from __future__ import annotations

import functools
import json
import string
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cleannews.errors import RuleError
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.memo import read_only

__all__ = ["Guess", "guess", "normalise_tag", "primary"]

_TAG = compile_pattern(r"([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?(?:-[a-z\d]{1,8})*")
_WORD = compile_pattern(r"\p{L}+(?:['’]\p{L}+)?")
_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "xx", "null", "none"})
#: Fewest words (or letters, for script-decided languages) worth guessing from.
MIN_WORDS = 12
MIN_LETTERS = 20
#: The best language needs this many stopword hits and this share of all words...
MIN_HITS = 3.0
MIN_SHARE = 0.08
#: ...and this lead over the runner-up: best >= MIN_LEAD * second and best - second >= MIN_GAP.
MIN_LEAD = 1.1
MIN_GAP = 1.0
#: Characters of a text the guesser reads (about 800 words of a Latin-script text).
SAMPLE_CHARS = 2000
#: Kana among Han and kana letters above this share makes a text Japanese.
KANA_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class Guess:
    """A guessed language code with a confidence in 0..1 and how it was decided."""

    language: str
    confidence: float
    method: str


def normalise_tag(value: str | None) -> str | None:
    """BCP 47 casing of a declared language ("en_us" -> "en-US"); None when not a tag."""
    if not value:
        return None
    text = value.strip().replace("_", "-").split(",")[0].split(";")[0].strip().lower()
    match = _TAG.fullmatch(text)
    if match is None or match[1] in _NOT_LANGUAGES:
        return None
    parts = [match[1]]
    if match[2]:
        parts.append(match[2].title())
    if match[3]:
        parts.append(match[3].upper())
    return "-".join(parts)


def primary(tag: str) -> str:
    """The primary language subtag of a tag ("pt-BR" -> "pt")."""
    return tag.split("-", maxsplit=1)[0].lower()


@functools.cache
def _data() -> Mapping[str, Any]:
    """Load and check ``data/stopwords.json`` (once; read-only)."""
    path = resources.files("cleannews") / "data" / "stopwords.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        for code, entry in data["languages"].items():
            if not entry["words"] or not isinstance(entry["example"], str):
                raise ValueError(f"{code}: needs words and an example")
        for codes in data["word_scripts"].values():
            missing = set(codes) - set(data["languages"])
            if missing:
                raise KeyError(f"word_scripts name unknown languages {sorted(missing)}")
        if not isinstance(data["scripts"], dict):
            raise TypeError("scripts must be an object")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuleError(f"stopwords.json is missing or malformed: {exc}") from exc
    return read_only(data)  # type: ignore[no-any-return]


@functools.cache
def _weights() -> dict[str, dict[str, float]]:
    """word -> {language: weight}; a word listed by n languages weighs 1/n in each."""
    owners: dict[str, list[str]] = {}
    for code, entry in _data()["languages"].items():
        for word in entry["words"]:
            owners.setdefault(word.casefold(), []).append(code)
    return {word: dict.fromkeys(codes, 1 / len(codes)) for word, codes in owners.items()}


_SCRIPTS = {
    name: compile_pattern(rf"\p{{Script={name}}}")
    for name in (
        "Latin", "Cyrillic", "Arabic", "Greek", "Hebrew", "Han", "Hiragana", "Katakana",
        "Hangul", "Thai", "Devanagari", "Georgian", "Armenian", "Bengali", "Tamil",
    )
}  # fmt: skip


_ASCII = compile_pattern(r"[\x00-\x7f]+")
_ASCII_LETTERS = string.ascii_letters.encode("ascii")


def _scripts(text: str) -> Counter[str]:
    """Letters per script in ``text`` (the scripts the guesser knows).

    ASCII letters are all Latin and no other ASCII character belongs to a known script, so
    they are counted in C and only the other characters are matched per script.
    """
    ascii_part = text.encode("ascii", "ignore")
    latin = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))
    rest = "" if len(ascii_part) == len(text) else _ASCII.sub("", text)
    counts = Counter(
        {name: len(pattern.findall(rest)) if rest else 0 for name, pattern in _SCRIPTS.items()}
    )
    counts["Latin"] += latin
    return counts


def guess(text: str) -> Guess | None:
    """The language of ``text``, or None when the text is too short or unclear."""
    scripts = _scripts(text[:SAMPLE_CHARS])
    total = sum(scripts.values())
    if total < MIN_LETTERS:
        return None
    script, count = scripts.most_common(1)[0]
    kana = scripts["Hiragana"] + scripts["Katakana"]
    if kana and kana > KANA_SHARE * (kana + scripts["Han"]):
        return Guess("ja", round(min(1.0, (kana + scripts["Han"]) / total), 2), "script")
    share = count / total
    if script in _data()["word_scripts"]:
        return _by_words(text, _data()["word_scripts"][script])
    if script in _data()["scripts"] and share >= 0.5:
        return Guess(_data()["scripts"][script], round(share, 2), "script")
    return None


def _words(text: str) -> list[str]:
    """The case-folded words of ``text`` (lower-casing ASCII text first is the same)."""
    if text.isascii():
        return _ascii_words(text.lower())
    words = _WORD.findall(text)  # case-folded together: casefold() works per character
    return "\x00".join(words).casefold().replace("’", "'").split("\x00") if words else []


#: Every ASCII byte but the letters and the apostrophe, mapped to a space.
_ASCII_RUNS = bytes(
    c if chr(c) in string.ascii_letters or c == ord("'") else 0x20 for c in range(256)
)


def _ascii_words(text: str) -> list[str]:
    """``_WORD.findall(text)`` of an ASCII text, found in C: a match holds only letters and
    apostrophes (the ASCII letters are the only ASCII characters of ``\\p{L}``) and needs
    nothing around it, so the matches are those of each run of such characters, and a run
    without an apostrophe is one match. Only the rare runs with an apostrophe meet the regex."""
    runs = text.encode("ascii").translate(_ASCII_RUNS).decode("ascii").split()
    if "'" not in text:
        return runs
    words: list[str] = []
    for run in runs:
        if "'" in run:
            words += _WORD.findall(run)
        else:
            words.append(run)
    return words


@functools.lru_cache(maxsize=64)
def _candidate_weights(candidates: tuple[str, ...]) -> dict[str, tuple[tuple[str, float], ...]]:
    """word -> ((language, weight), ...) for the candidate languages only."""
    table: dict[str, tuple[tuple[str, float], ...]] = {}
    for word, weights in _weights().items():
        kept = tuple((code, weight) for code, weight in weights.items() if code in candidates)
        if kept:
            table[word] = kept
    return table


def _by_words(text: str, candidates: list[str]) -> Guess | None:
    words = _words(text[:SAMPLE_CHARS])
    if len(words) < MIN_WORDS:
        return None
    weights = _candidate_weights(tuple(candidates))
    scores: dict[str, float] = dict.fromkeys(candidates, 0.0)
    for entry in filter(None, map(weights.get, words)):  # stopwords only, in text order
        for code, weight in entry:
            scores[code] += weight
    ranked = sorted(((v, k) for k, v in scores.items() if v), reverse=True)[:2]
    if not ranked:
        return None
    hits, best = ranked[0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    if hits < MIN_HITS or hits / len(words) < MIN_SHARE or not _leads(hits, second):
        return None
    confidence = min(1.0, hits / len(words) / 0.3) * (1 - second / hits)
    return Guess(best, round(confidence, 2), "stopwords")


def _leads(best: float, second: float) -> bool:
    return best >= MIN_LEAD * second and best - second >= MIN_GAP
