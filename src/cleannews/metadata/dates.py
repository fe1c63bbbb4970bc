"""Find and parse publication dates in news metadata (bylines, ``<time>`` text, meta values).

Two entry points:

* :func:`parse_iso` is a strict fast path for machine-written values: ISO 8601 / RFC 3339
  ("2019-11-18T17:19:00+01:00", "2019-11-18", "20191118", "2019-11-18 17:19:00") and
  RFC 2822 ("Mon, 18 Nov 2019 17:19:00 GMT"). The whole string must be the value.
* :func:`parse_date` finds the *first* date in free text, whatever surrounds it.

Both return ``None`` when there is no date: that is "not found", not an error.

Rules shared by both:

* The value is a :class:`datetime.datetime` when a time is given, else a :class:`datetime.date`.
  It is timezone-aware when the text states a zone ("Z", "+02:00", "GMT+2", "BST", "CET", ...);
  US generic zones ("ET", "PT") follow US daylight saving time rules.
* Impossible dates (30 February) are rejected, and so are years outside
  1990..(reference year, or the current year without a reference) + 1.
* Times: "17:19 PM" stays 17:19 (a 24-hour clock wins over a stray AM/PM); a time that cannot
  exist (25:00) is dropped and the date kept.

Free-text rules (:func:`parse_date`):

* Numeric dates need a four-digit year. Year first ("2025-05-30", "2025/05/30") is always
  year-month-day. Otherwise a part above 12 decides which is the day; when both parts are at
  most 12, dotted dates ("01.02.2025") are day-first everywhere, and dates with "/" or "-" are
  month-first when the first of ``languages`` is English without a region or US English
  ("en", "en-US") or ``languages`` is None or empty, and day-first for every other language
  (including "en-GB").
* Month and weekday names, ordinals and relative words come from ``data/date_words.json``
  (en, es, fr, de, it, pt, nl, pl). ``languages`` limits the vocabulary to those languages;
  unknown codes are ignored and, when none is known, every language is used.
* Relative forms ("3 hours ago", "hace 2 días", "yesterday", "today at 10:04") need
  ``reference``; without one they are skipped. Amounts under a day give a datetime
  (reference minus the amount); days, weeks, months and years give a date. Times and results
  of relative forms keep the reference's timezone unless the text states one.
* Not dates: bare years ("2025"), month and year without a day ("May 2025"), version numbers,
  phone numbers, prices, two-digit years.
"""

from __future__ import annotations

import calendar
import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from importlib import resources
from typing import Any, NamedTuple

import regex

from cleannews.errors import RuleError
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.memo import read_only

__all__ = ["ParsedDate", "parse_date", "parse_iso"]

MIN_YEAR = 1990
_FLAGS = regex.IGNORECASE
_SPACES = compile_pattern(r"\s+")
_DIGIT = compile_pattern(r"\d")
_NOT_LETTER_BEFORE = r"(?<!\p{L})"
_NOT_LETTER_AFTER = r"(?!\p{L})"
_UNIT_DELTAS = {"second": 1, "minute": 60, "hour": 3600}
_UNIT_DAYS = {"day": 1, "week": 7}
_UNIT_MONTHS = {"month": 1, "year": 12}
_LIST_KEYS = (
    "ordinals", "date_connectors", "time_connectors", "time_suffixes",
    "date_prepositions", "ago_before", "ago_after", "one",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date found in text.

    ``value`` is a datetime when a time was given (then ``has_time`` is True), else a date;
    ``matched`` is the substring of the input the value was read from.
    """

    value: date | datetime
    has_time: bool
    matched: str


class _Hit(NamedTuple):
    start: int
    end: int
    value: date | datetime


@dataclass(frozen=True, slots=True)
class _Vocab:
    """The words of the selected languages, merged (keys are case-folded)."""

    months: Mapping[str, int]
    weekdays: tuple[str, ...]
    lists: Mapping[str, tuple[str, ...]]
    units: Mapping[str, str]
    days: Mapping[str, int]
    zones: Mapping[str, int]
    us_zones: Mapping[str, int]


class _Patterns:
    """Free-text patterns for one language selection, each compiled when first used (the
    relative ones, ``ago`` and ``day_word``, are never used without a reference time: 8 of
    the 25 ms their compiling costs at start). A compiled pattern becomes an attribute, so
    later reads are plain attribute reads."""

    ymd: regex.Pattern[str]
    numeric: regex.Pattern[str]
    cjk: regex.Pattern[str]
    day_first: regex.Pattern[str]
    month_first: regex.Pattern[str]
    ago: regex.Pattern[str]
    day_word: regex.Pattern[str]
    time_after: regex.Pattern[str]
    time_before: regex.Pattern[str]

    def __init__(self, sources: dict[str, str]) -> None:
        self._sources = sources

    def __getattr__(self, name: str) -> regex.Pattern[str]:
        """Called for a pattern not compiled yet: compile it and keep it."""
        if name.startswith("_") or name not in self._sources:
            raise AttributeError(name)
        compiled = compile_pattern(self._sources[name], _FLAGS)
        setattr(self, name, compiled)
        return compiled


@dataclass(frozen=True, slots=True)
class _Context:
    vocab: _Vocab
    patterns: _Patterns
    reference: datetime | None
    month_first: bool
    max_year: int


# --------------------------------------------------------------------------- vocabulary


@functools.cache
def _words() -> Mapping[str, Any]:
    """Load and check ``data/date_words.json`` (once; read-only)."""
    path = resources.files("cleannews") / "data" / "date_words.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        languages = data["languages"]
        for name, entry in languages.items():
            _check_language(name, entry)
        for key, kind in (("zones", dict), ("us_dst_zones", dict), ("ambiguous", list)):
            if not isinstance(data[key], kind):
                raise TypeError(f"{key} must be a {kind.__name__}")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuleError(f"date_words.json is missing or malformed: {exc}") from exc
    return read_only(data)  # type: ignore[no-any-return]


def _check_language(name: str, entry: dict[str, Any]) -> None:
    if len(entry["months"]) != 12 or len(entry["weekdays"]) != 7:
        raise ValueError(f"{name}: need 12 months and 7 weekdays")
    for key in (*_LIST_KEYS, "units", "days"):
        if key not in entry:
            raise KeyError(f"{name}: {key}")


def _with_apostrophes(words: Iterable[str]) -> set[str]:
    """Case-fold words and add the typographic-apostrophe spelling of each."""
    folded = {word.casefold() for word in words}
    return folded | {word.replace("'", "\u2019") for word in folded}


@functools.cache
def _vocab(languages: tuple[str, ...]) -> _Vocab:
    """Merge the words of ``languages`` (empty: all languages, without ambiguous words)."""
    data = _words()
    entries = [data["languages"][code] for code in languages or sorted(data["languages"])]
    skip = set() if languages else _with_apostrophes(data["ambiguous"])
    months: dict[str, int] = {}
    units: dict[str, str] = {}
    days: dict[str, int] = {}
    weekdays: set[str] = set()
    lists: dict[str, set[str]] = {key: set() for key in _LIST_KEYS}
    for entry in entries:
        for number, names in enumerate(entry["months"], start=1):
            months.update(dict.fromkeys(_with_apostrophes(names), number))
        for names in entry["weekdays"]:
            weekdays |= _with_apostrophes(names)
        for unit, names in entry["units"].items():
            units.update(dict.fromkeys(_with_apostrophes(names), unit))
        for word, offset in entry["days"].items():
            days.update(dict.fromkeys(_with_apostrophes([word]) - skip, int(offset)))
        for key in _LIST_KEYS:
            lists[key] |= _with_apostrophes(entry[key])
    return _Vocab(
        months=months,
        weekdays=tuple(sorted(weekdays)),
        lists={key: tuple(sorted(words)) for key, words in lists.items()},
        units=units,
        days=days,
        zones={**data["zones"], **data["us_dst_zones"]},
        us_zones=dict(data["us_dst_zones"]),
    )


# --------------------------------------------------------------------------- patterns


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first; spaces match any run of spaces."""
    escaped = [r"\s+".join(regex.escape(part) for part in word.split()) for word in words]
    escaped.sort(key=lambda item: (-len(item), item))
    return "|".join(escaped) or r"(?!)"


def _time_parts(vocab: _Vocab) -> tuple[str, str]:
    """Return (clock, connector) pattern sources; clock is a time with optional zone."""
    ampm = r"(?P<ampm>[ap])\.?\s?m(?!\p{L})\.?"
    minutes = (
        r"\s?(?:[:.]|h(?=\s?\d))\s?(?P<minute>\d{2})(?!\d)"
        r"(?::(?P<second>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?(?!\d)"
    )
    hour = rf"(?<![\d.:])(?P<hour>\d{{1,2}})(?:{minutes}(?:\s?{ampm})?|\s?{ampm})"
    suffix = rf"(?:\s?(?:{_alt(vocab.lists['time_suffixes'])}){_NOT_LETTER_AFTER}\.?)?"
    names = _alt(vocab.zones)
    zone = (
        rf"(?:\s?\(?(?P<zname>(?-i:{names})){_NOT_LETTER_AFTER}"
        r"(?:\s?(?P<off>[+\u2212-]\d{1,2}(?::?\d{2})?))?\)?"
        r"|\s?(?P<off>[+\u2212-]\d{2}:?\d{2}))?(?!\d)"
    )
    words = _alt(vocab.lists["time_connectors"])
    token = rf"[,;@•·|/\u2013\u2014-]|(?-i:T)(?=\d)|{_NOT_LETTER_BEFORE}(?:{words})(?!\p{{L}})"
    connector = rf"(?:\s{{0,3}}(?:{token})){{0,3}}\s{{0,3}}"
    return hour + suffix + zone, connector


def _date_parts(vocab: _Vocab) -> tuple[str, str, str, str]:
    """Return (weekday prefix, month, ordinal, date connector) pattern sources."""
    weekday = rf"(?:{_NOT_LETTER_BEFORE}(?:{_alt(vocab.weekdays)}){_NOT_LETTER_AFTER}\.?,?\s*)?"
    month = rf"{_NOT_LETTER_BEFORE}(?P<month>{_alt(vocab.months)}){_NOT_LETTER_AFTER}\.?"
    ordinal = rf"(?:{_alt(vocab.lists['ordinals'])})?{_NOT_LETTER_AFTER}\.?"
    connector = rf"(?:(?:{_alt(vocab.lists['date_connectors'])})\s+)?"
    return weekday, month, ordinal, connector


def _relative_parts(vocab: _Vocab, clock: str, connector: str) -> tuple[str, str]:
    """Return (ago, day word) pattern sources."""
    one = _alt(vocab.lists["one"])
    number = rf"(?P<n>(?<![\d.,])\d{{1,4}}(?![\d.,]\d)|{_NOT_LETTER_BEFORE}(?:{one}))"
    amount = rf"{number}\s*(?P<unit>{_alt(vocab.units)}){_NOT_LETTER_AFTER}\.?"
    before = _alt(vocab.lists["ago_before"])
    after = _alt(vocab.lists["ago_after"])
    ago = (
        rf"{_NOT_LETTER_BEFORE}(?:{before})\s+{amount}"
        rf"|{amount}\s+(?:{after}){_NOT_LETTER_AFTER}"
    )
    others = _alt(word for word, offset in vocab.days.items() if offset)
    today = _alt(word for word, offset in vocab.days.items() if not offset)
    lookahead = regex.sub(r"\(\?P<\w+>", "(?:", connector + clock)
    day_word = (
        rf"{_NOT_LETTER_BEFORE}(?P<word>{others}|(?:{today})(?={lookahead}))"
        rf"{_NOT_LETTER_AFTER}"
    )
    return ago, day_word


@functools.cache
def _patterns(languages: tuple[str, ...]) -> _Patterns:
    """The free-text patterns for a language selection (once per selection)."""
    vocab = _vocab(languages)
    clock, connector = _time_parts(vocab)
    weekday, month, ordinal, date_connector = _date_parts(vocab)
    ago, day_word = _relative_parts(vocab, clock, connector)
    day = r"(?<!\w)(?<!\d[.,:])(?P<day>\d{1,2})(?!\d)"
    year = r"(?P<year>\d{4})(?!\d)"
    before_time = rf"(?:\s{{0,3}}(?:[,;@•·|\u2013\u2014-]|{_NOT_LETTER_BEFORE}"
    before_time += rf"(?:{_alt(vocab.lists['date_prepositions'])}){_NOT_LETTER_AFTER}))*"
    sources = {
        "ymd": r"(?<![\w.,/+-])(?P<year>\d{4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)"
        r"(?P<c>\d{1,2})(?!\d|[.,/-]\d)",
        "numeric": r"(?<![\w.,/+-])(?P<a>\d{1,2})(?P<sep>[./-])\s?(?P<b>\d{1,2})(?P=sep)\s?"
        r"(?P<year>\d{4})(?!\w|[.,/-]\d)",
        "cjk": r"(?<!\d)(?P<year>\d{4})\s*[年년]\s*(?P<b>\d{1,2})\s*[月월]\s*"
        r"(?P<c>\d{1,2})\s*[日일]",
        "day_first": rf"{weekday}{day}{ordinal}[\s-]*{date_connector}{month}[\s,/-]*"
        rf"{date_connector}{year}",
        "month_first": rf"{weekday}{month}[\s-]*{day}{ordinal}[\s,-]*{year}",
        "ago": ago,
        "day_word": day_word,
        "time_after": connector + clock,
        "time_before": rf"{clock}{before_time}\s{{0,3}}\Z",
    }
    return _Patterns(sources)


# --------------------------------------------------------------------------- values


def _max_year(reference: datetime | None) -> int:
    return (reference.year if reference is not None else date.today().year) + 1


def _make_date(year: int, month: int, day: int, max_year: int) -> date | None:
    """The date, or None when it does not exist or its year is out of range."""
    if not MIN_YEAR <= year <= max_year:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _us_dst(day: date) -> bool:
    """Whether US daylight saving time is in effect on ``day`` (rules in force since 2007)."""

    def first_sunday(month: int) -> date:
        first = date(day.year, month, 1)
        return first + timedelta(days=(6 - first.weekday()) % 7)

    return first_sunday(3) + timedelta(days=7) <= day < first_sunday(11)


def _offset_minutes(offset: str) -> int:
    sign = -1 if offset[0] in "-\u2212" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    if int(minutes) >= 60:
        raise ValueError(f"bad UTC offset {offset!r}")
    return sign * (int(hours) * 60 + int(minutes))


def _zone(name: str | None, offset: str | None, day: date, vocab: _Vocab) -> tzinfo | None:
    """The stated zone, or None when none is stated; ValueError when it cannot exist."""
    if name is None and offset is None:
        return None
    minutes = 0
    if name is not None:
        name = name.upper()
        minutes = vocab.zones.get(name, 0)
        if name in vocab.us_zones and _us_dst(day):
            minutes += 60
    if offset is not None:
        minutes += _offset_minutes(offset)
    return timezone(timedelta(minutes=minutes)) if minutes else UTC


def _hour24(hour: int, ampm: str | None) -> int:
    """Apply AM/PM to an hour; a 24-hour value (13..23) ignores it."""
    if ampm is None or hour > 12:
        return hour
    if ampm.lower() == "p":
        return hour if hour == 12 else hour + 12
    return 0 if hour == 12 else hour


def _clock(
    match: regex.Match[str], day: date, fallback: tzinfo | None, vocab: _Vocab
) -> datetime | None:
    """Combine ``day`` with the time in ``match``; None when the time cannot exist."""
    groups = match.groupdict()
    frac = (groups.get("frac") or "0")[:6].ljust(6, "0")
    try:
        zone = _zone(groups.get("zname"), groups.get("off"), day, vocab)
        return datetime(
            day.year, day.month, day.day,
            _hour24(int(groups["hour"]), groups.get("ampm")),
            int(groups.get("minute") or 0), int(groups.get("second") or 0), int(frac),
            tzinfo=zone or fallback,
        )  # fmt: skip
    except ValueError:
        return None


def _attach_time(text: str, hit: _Hit, fallback: tzinfo | None, ctx: _Context) -> _Hit:
    """Extend a date hit with a time written right after it, or else right before it."""
    if isinstance(hit.value, datetime):
        return hit
    after = ctx.patterns.time_after.match(text, hit.end)
    if after is not None:
        value = _clock(after, hit.value, fallback, ctx.vocab)
        if value is not None:
            return _Hit(hit.start, after.end(), value)
    before = ctx.patterns.time_before.search(text, max(0, hit.start - 48), hit.start)
    if before is not None:
        value = _clock(before, hit.value, fallback, ctx.vocab)
        if value is not None:
            return _Hit(before.start(), hit.end, value)
    return hit


# --------------------------------------------------------------------------- date kinds


def _from_ymd(match: regex.Match[str], ctx: _Context) -> date | None:
    return _make_date(int(match["year"]), int(match["b"]), int(match["c"]), ctx.max_year)


def _from_numeric(match: regex.Match[str], ctx: _Context) -> date | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    ambiguous_day_first = match["sep"] == "." or not ctx.month_first
    day_first = first > 12 or (second <= 12 and ambiguous_day_first)
    day, month = (first, second) if day_first else (second, first)
    return _make_date(year, month, day, ctx.max_year)


def _from_names(match: regex.Match[str], ctx: _Context) -> date | None:
    month = ctx.vocab.months[_SPACES.sub(" ", match["month"]).casefold()]
    return _make_date(int(match["year"]), month, int(match["day"]), ctx.max_year)


def _from_day_word(match: regex.Match[str], ctx: _Context) -> date | None:
    if ctx.reference is None:
        return None
    word = _SPACES.sub(" ", match["word"]).casefold()
    value = ctx.reference.date() + timedelta(days=ctx.vocab.days[word])
    return _make_date(value.year, value.month, value.day, ctx.max_year)


def _shift_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the end of the month."""
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, index + 1)[1]
    return date(year, index + 1, min(day.day, last))


def _from_ago(match: regex.Match[str], ctx: _Context) -> date | datetime | None:
    reference = ctx.reference
    if reference is None:
        return None
    amount = int(match["n"]) if match["n"].isdigit() else 1
    unit = ctx.vocab.units[_SPACES.sub(" ", match["unit"]).casefold()]
    try:
        if unit in _UNIT_DELTAS:
            value: date = reference - timedelta(seconds=amount * _UNIT_DELTAS[unit])
        elif unit in _UNIT_DAYS:
            value = reference.date() - timedelta(days=amount * _UNIT_DAYS[unit])
        else:
            value = _shift_months(reference.date(), -amount * _UNIT_MONTHS[unit])
    except (OverflowError, ValueError):
        return None
    return value if MIN_YEAR <= value.year <= ctx.max_year else None


_Reader = Callable[[regex.Match[str], _Context], date | datetime | None]

#: (pattern name, reader, whether a time may follow, whether it is relative to the reference)
_KINDS: tuple[tuple[str, _Reader, bool, bool], ...] = (
    ("ymd", _from_ymd, True, False),
    ("numeric", _from_numeric, True, False),
    ("cjk", _from_ymd, True, False),
    ("day_first", _from_names, True, False),
    ("month_first", _from_names, True, False),
    ("day_word", _from_day_word, True, True),
    ("ago", _from_ago, False, True),
)


def _first_of_kind(text: str, kind: tuple[str, _Reader, bool, bool], ctx: _Context) -> _Hit | None:
    """The first valid date of one kind in ``text``, with its time when one is written."""
    name, reader, timed, relative = kind
    if relative and ctx.reference is None:
        return None
    for match in getattr(ctx.patterns, name).finditer(text):
        value = reader(match, ctx)
        if value is None:
            continue
        hit = _Hit(match.start(), match.end(), value)
        if not timed or isinstance(value, datetime):
            return hit
        fallback = ctx.reference.tzinfo if relative and ctx.reference else None
        return _attach_time(text, hit, fallback, ctx)
    return None


# --------------------------------------------------------------------------- public API


def _language_key(languages: Sequence[str] | None) -> tuple[tuple[str, ...], bool]:
    """Return (known primary language codes, month-first preference)."""
    if isinstance(languages, str):
        languages = [languages]
    codes = [code.strip().replace("_", "-").lower() for code in languages or ()]
    primary = [code.split("-")[0] for code in codes]
    known = tuple(dict.fromkeys(code for code in primary if code in _words()["languages"]))
    month_first = not codes or codes[0] in ("en", "en-us")
    return known, month_first


def _context(reference: datetime | None, languages: Sequence[str] | None) -> _Context:
    known, month_first = _language_key(languages)
    max_year = _max_year(reference)
    return _Context(_vocab(known), _patterns(known), reference, month_first, max_year)


def parse_date(
    text: str,
    *,
    reference: datetime | None = None,
    languages: Sequence[str] | None = None,
) -> ParsedDate | None:
    """Find and parse the first date in ``text``; None when it holds no date.

    ``reference`` is "now" for relative forms ("3 hours ago", "yesterday") and bounds the
    year (at most its year + 1); without it relative forms are skipped and the current year
    is the bound. ``languages`` (codes such as "en", "de", "pt-BR") selects the vocabulary and
    the day/month order of ambiguous numeric dates; see the module documentation.
    """
    stripped = text.strip()
    if not stripped or (reference is None and _DIGIT.search(stripped) is None):
        return None  # every date but a relative one holds a digit
    strict = parse_iso(stripped, reference=reference)
    if strict is not None:
        return strict
    ctx = _context(reference, languages)
    hits = [hit for kind in _KINDS if (hit := _first_of_kind(text, kind, ctx)) is not None]
    if not hits:
        return None
    best = min(hits, key=lambda hit: (hit.start, -hit.end))
    return ParsedDate(best.value, isinstance(best.value, datetime), text[best.start : best.end])


@functools.cache
def _iso_patterns() -> tuple[regex.Pattern[str], ...]:
    """Compile the strict patterns of :func:`parse_iso` (once)."""
    english = _words()["languages"]["en"]
    months = _alt(name for names in english["months"] for name in names)
    weekdays = _alt(name for names in english["weekdays"] for name in names)
    zones = _alt(_words()["zones"])
    frac = r"(?:[.,](?P<frac>\d{1,9}))?"
    extended = (
        r"(?P<year>\d{4})-(?P<b>\d{2})-(?P<c>\d{2})(?:[Tt ](?P<hour>\d{2}):(?P<minute>\d{2})"
        rf"(?::(?P<second>\d{{2}}){frac})?\s?(?:(?P<zname>[Zz]|UTC|GMT)"
        r"|(?P<off>[+-]\d{2}(?::?\d{2})?))?)?"
    )
    basic = (
        r"(?P<year>\d{4})(?P<b>\d{2})(?P<c>\d{2})(?:T(?P<hour>\d{2})(?P<minute>\d{2})"
        rf"(?:(?P<second>\d{{2}}){frac})?(?:(?P<zname>Z)|(?P<off>[+-]\d{{2}}(?:\d{{2}})?))?)?"
    )
    rfc2822 = (
        rf"(?:(?:{weekdays})\s*,\s*)?(?P<c>\d{{1,2}})\s+(?P<month>{months})\s+(?P<year>\d{{4}})"
        r"(?:\s+(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
        rf"(?:\s*(?:(?P<zname>{zones})|(?P<off>[+-]\d{{4}})))?)?"
    )
    return tuple(compile_pattern(source, _FLAGS) for source in (extended, basic, rfc2822))


def parse_iso(text: str, *, reference: datetime | None = None) -> ParsedDate | None:
    """Parse a whole ISO 8601 / RFC 3339 / RFC 2822 value; None when ``text`` is not one.

    ``reference`` only bounds the year, as in :func:`parse_date`.
    """
    stripped = text.strip()
    vocab = _vocab(())
    for pattern in _iso_patterns():
        match = pattern.fullmatch(stripped)
        if match is None:
            continue
        groups = match.groupdict()
        name = groups.get("month")
        month = vocab.months[name.casefold()] if name else int(groups["b"])
        day = _make_date(int(groups["year"]), month, int(groups["c"]), _max_year(reference))
        if day is None:
            return None
        if groups["hour"] is None:
            return ParsedDate(day, False, stripped)
        value = _clock(match, day, None, vocab)
        return None if value is None else ParsedDate(value, True, stripped)
    return None
