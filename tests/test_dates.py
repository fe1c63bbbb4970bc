"""Tests for cleannews.metadata.dates: free-text and strict date parsing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

import pytest

from cleannews.errors import RuleError
from cleannews.metadata import dates
from cleannews.metadata.dates import ParsedDate, parse_date, parse_iso

REF = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
NAIVE_REF = datetime(2025, 6, 1, 12, 0)
BST = timezone(timedelta(hours=1))
CET = timezone(timedelta(hours=1))
EDT = timezone(timedelta(hours=-4))
EST = timezone(timedelta(hours=-5))
PLUS_2 = timezone(timedelta(hours=2))


def _assert_value(found: ParsedDate | None, value: date, matched: str) -> None:
    """Exact check: same type, same value, same UTC offset, same matched text."""
    assert found is not None
    assert type(found.value) is type(value)
    assert found.value == value
    assert found.has_time is isinstance(value, datetime)
    if isinstance(value, datetime):
        assert isinstance(found.value, datetime)
        assert found.value.utcoffset() == value.utcoffset()
    assert found.matched == matched


# (text, languages, value, matched)
REQUIRED = [
    ("Nov 18, 2019 @17:19 PM", None, datetime(2019, 11, 18, 17, 19), "Nov 18, 2019 @17:19 PM"),
    (
        "19 November 2019 • 1:16pm",
        None,
        datetime(2019, 11, 19, 13, 16),
        "19 November 2019 • 1:16pm",
    ),
    ("1 de diciembre de 2017", ["es"], date(2017, 12, 1), "1 de diciembre de 2017"),
    ("May 30, 2025", None, date(2025, 5, 30), "May 30, 2025"),
    ("3 min read Post on May 30, 2025", None, date(2025, 5, 30), "May 30, 2025"),
    ("30.05.2025", None, date(2025, 5, 30), "30.05.2025"),
    ("30/05/2025", None, date(2025, 5, 30), "30/05/2025"),
    ("05/30/2025", None, date(2025, 5, 30), "05/30/2025"),
    ("2025年5月30日", None, date(2025, 5, 30), "2025年5月30日"),
    ("30 mai 2025", ["fr"], date(2025, 5, 30), "30 mai 2025"),
    ("30. Mai 2025", ["de"], date(2025, 5, 30), "30. Mai 2025"),
    ("30 maggio 2025", ["it"], date(2025, 5, 30), "30 maggio 2025"),
    ("30 de maio de 2025", ["pt"], date(2025, 5, 30), "30 de maio de 2025"),
    ("30 mei 2025", ["nl"], date(2025, 5, 30), "30 mei 2025"),
    (
        "Published: Friday, 30 May 2025 10:04 BST",
        None,
        datetime(2025, 5, 30, 10, 4, tzinfo=BST),
        "Friday, 30 May 2025 10:04 BST",
    ),
    ("Sept. 5, 2024", None, date(2024, 9, 5), "Sept. 5, 2024"),
    ("5th September 2024", None, date(2024, 9, 5), "5th September 2024"),
]

MORE = [
    # languages=None uses every language's names
    ("30 mai 2025", None, date(2025, 5, 30), "30 mai 2025"),
    ("1 de diciembre de 2017", None, date(2017, 12, 1), "1 de diciembre de 2017"),
    ("MAY 30, 2025", None, date(2025, 5, 30), "MAY 30, 2025"),
    ("May 1st 2025", None, date(2025, 5, 1), "May 1st 2025"),
    ("1st of May, 2025", None, date(2025, 5, 1), "1st of May, 2025"),
    ("1er mai 2025", ["fr"], date(2025, 5, 1), "1er mai 2025"),
    ("30-May-2025", None, date(2025, 5, 30), "30-May-2025"),
    ("Mar 5, 2024", None, date(2024, 3, 5), "Mar 5, 2024"),
    ("Lunes, 5 de marzo del 2024", ["es"], date(2024, 3, 5), "Lunes, 5 de marzo del 2024"),
    ("30 März 2025", ["de"], date(2025, 3, 30), "30 März 2025"),
    ("3 août 2025", ["fr"], date(2025, 8, 3), "3 août 2025"),
    ("30. 5. 2025", ["de"], date(2025, 5, 30), "30. 5. 2025"),
    ("30/5/2025", None, date(2025, 5, 30), "30/5/2025"),
    ("2025/05/30", None, date(2025, 5, 30), "2025/05/30"),
    ("2025년 5월 30일", None, date(2025, 5, 30), "2025년 5월 30일"),
    ("He said on 30 May 2025 and 1 June 2025", None, date(2025, 5, 30), "30 May 2025"),
    # times and zones
    ("Nov 18, 2019 at 5 PM", None, datetime(2019, 11, 18, 17, 0), "Nov 18, 2019 at 5 PM"),
    ("May 30, 2025 12:30 am", None, datetime(2025, 5, 30, 0, 30), "May 30, 2025 12:30 am"),
    ("May 30, 2025 12:30 PM", None, datetime(2025, 5, 30, 12, 30), "May 30, 2025 12:30 PM"),
    (
        "May 30, 2025 10:04 +0200",
        None,
        datetime(2025, 5, 30, 10, 4, tzinfo=PLUS_2),
        "May 30, 2025 10:04 +0200",
    ),
    (
        "30 May 2025 10:04 GMT+2",
        None,
        datetime(2025, 5, 30, 10, 4, tzinfo=PLUS_2),
        "30 May 2025 10:04 GMT+2",
    ),
    (
        "18 November 2019 17:19 CET",
        None,
        datetime(2019, 11, 18, 17, 19, tzinfo=CET),
        "18 November 2019 17:19 CET",
    ),
    (
        "30 May 2025 10:04 UTC",
        None,
        datetime(2025, 5, 30, 10, 4, tzinfo=UTC),
        "30 May 2025 10:04 UTC",
    ),
    (
        "Published 2025-05-30T10:04:00Z by AP",
        None,
        datetime(2025, 5, 30, 10, 4, tzinfo=UTC),
        "2025-05-30T10:04:00Z",
    ),
    (
        "Updated 10:04 AM EDT, Fri May 30, 2025",
        None,
        datetime(2025, 5, 30, 10, 4, tzinfo=EDT),
        "10:04 AM EDT, Fri May 30, 2025",
    ),
    (
        "Updated 10:04 AM ET, Thu Jan 30, 2025",
        None,
        datetime(2025, 1, 30, 10, 4, tzinfo=EST),
        "10:04 AM ET, Thu Jan 30, 2025",
    ),
    (
        "Posted at 5:30 pm on 30 May 2025",
        None,
        datetime(2025, 5, 30, 17, 30),
        "5:30 pm on 30 May 2025",
    ),
    ("30 mai 2025 à 10h30", ["fr"], datetime(2025, 5, 30, 10, 30), "30 mai 2025 à 10h30"),
    (
        "am 30.05.2025 um 10.04 Uhr",
        ["de"],
        datetime(2025, 5, 30, 10, 4),
        "30.05.2025 um 10.04 Uhr",
    ),
    (
        "Fr., 30. Mai 2025, 10:04 Uhr",
        ["de"],
        datetime(2025, 5, 30, 10, 4),
        "Fr., 30. Mai 2025, 10:04 Uhr",
    ),
    (
        "30 de mayo de 2025 a las 10:04 h",
        ["es"],
        datetime(2025, 5, 30, 10, 4),
        "30 de mayo de 2025 a las 10:04 h",
    ),
    (
        "segunda-feira, 5 de março de 2024 às 10h04",
        ["pt"],
        datetime(2024, 3, 5, 10, 4),
        "segunda-feira, 5 de março de 2024 às 10h04",
    ),
    (
        "venerdì 30 maggio 2025 alle ore 10:04",
        ["it"],
        datetime(2025, 5, 30, 10, 4),
        "venerdì 30 maggio 2025 alle ore 10:04",
    ),
    (
        "vrijdag 30 mei 2025 om 10:04 uur",
        ["nl"],
        datetime(2025, 5, 30, 10, 4),
        "vrijdag 30 mei 2025 om 10:04 uur",
    ),
    (
        "2025-05-30 10:04:05.5 +01:00",
        None,
        datetime(2025, 5, 30, 10, 4, 5, 500000, tzinfo=BST),
        "2025-05-30 10:04:05.5 +01:00",
    ),
    # a time that cannot exist is dropped, the date kept
    ("30 May 2025 25:61", None, date(2025, 5, 30), "30 May 2025"),
    # numbers after a date that are not times
    ("May 30, 2025 10 Comments", None, date(2025, 5, 30), "May 30, 2025"),
    ("May 30, 2025 - 3 comments", None, date(2025, 5, 30), "May 30, 2025"),
    ("May 30, 2025 2 min read", None, date(2025, 5, 30), "May 30, 2025"),
    # a zone abbreviation only counts after a time, and case-sensitively
    ("30 mai 2025 est une date", ["fr"], date(2025, 5, 30), "30 mai 2025"),
]


@pytest.mark.parametrize(("text", "languages", "value", "matched"), REQUIRED + MORE)
def test_parse_date(text: str, languages: Sequence[str] | None, value: date, matched: str) -> None:
    _assert_value(parse_date(text, reference=REF, languages=languages), value, matched)


# ambiguous day/month: day-first unless the first language is "en"/"en-US" or none is given;
# dotted dates are always day-first
@pytest.mark.parametrize(
    ("text", "languages", "value"),
    [
        ("01/02/2025", None, date(2025, 1, 2)),
        ("01/02/2025", [], date(2025, 1, 2)),
        ("01/02/2025", ["en"], date(2025, 1, 2)),
        ("01/02/2025", "en-US", date(2025, 1, 2)),
        ("01/02/2025", ["en_US", "fr"], date(2025, 1, 2)),
        ("01/02/2025", ["en-GB"], date(2025, 2, 1)),
        ("01/02/2025", ["fr"], date(2025, 2, 1)),
        ("01-02-2025", ["de", "en"], date(2025, 2, 1)),
        ("01/02/2025", ["ja"], date(2025, 2, 1)),
        ("01.02.2025", None, date(2025, 2, 1)),
        ("01.02.2025", ["en"], date(2025, 2, 1)),
        ("05/30/2025", ["fr"], date(2025, 5, 30)),
        ("30/05/2025", ["en"], date(2025, 5, 30)),
        ("12/12/2025", ["en"], date(2025, 12, 12)),
    ],
)
def test_numeric_order(text: str, languages: Sequence[str] | None, value: date) -> None:
    _assert_value(parse_date(text, reference=REF, languages=languages), value, text)


# relative forms, against REF (2025-06-01 12:00 UTC)
@pytest.mark.parametrize(
    ("text", "languages", "value", "matched"),
    [
        ("Updated 3 hours ago", None, datetime(2025, 6, 1, 9, 0, tzinfo=UTC), "3 hours ago"),
        ("2 days ago", None, date(2025, 5, 30), "2 days ago"),
        ("yesterday", None, date(2025, 5, 31), "yesterday"),
        (
            "Yesterday at 10:04",
            None,
            datetime(2025, 5, 31, 10, 4, tzinfo=UTC),
            "Yesterday at 10:04",
        ),
        ("today at 10:04", None, datetime(2025, 6, 1, 10, 4, tzinfo=UTC), "today at 10:04"),
        ("today, 10:04 CET", None, datetime(2025, 6, 1, 10, 4, tzinfo=CET), "today, 10:04 CET"),
        ("an hour ago", None, datetime(2025, 6, 1, 11, 0, tzinfo=UTC), "an hour ago"),
        ("5m ago", None, datetime(2025, 6, 1, 11, 55, tzinfo=UTC), "5m ago"),
        ("30 seconds ago", None, datetime(2025, 6, 1, 11, 59, 30, tzinfo=UTC), "30 seconds ago"),
        ("2 weeks ago", None, date(2025, 5, 18), "2 weeks ago"),
        ("1 month ago", None, date(2025, 5, 1), "1 month ago"),
        ("2 years ago", None, date(2023, 6, 1), "2 years ago"),
        ("hace 3 horas", ["es"], datetime(2025, 6, 1, 9, 0, tzinfo=UTC), "hace 3 horas"),
        ("ayer a las 10:04", ["es"], datetime(2025, 5, 31, 10, 4, tzinfo=UTC), "ayer a las 10:04"),
        ("il y a 2 jours", ["fr"], date(2025, 5, 30), "il y a 2 jours"),
        ("hier à 10h30", ["fr"], datetime(2025, 5, 31, 10, 30, tzinfo=UTC), "hier à 10h30"),
        ("avant-hier", ["fr"], date(2025, 5, 30), "avant-hier"),
        ("vor einer Stunde", ["de"], datetime(2025, 6, 1, 11, 0, tzinfo=UTC), "vor einer Stunde"),
        ("gestern", ["de"], date(2025, 5, 31), "gestern"),
        ("un'ora fa", ["it"], datetime(2025, 6, 1, 11, 0, tzinfo=UTC), "un'ora fa"),
        ("3 giorni fa", ["it"], date(2025, 5, 29), "3 giorni fa"),
        ("há 3 dias", ["pt"], date(2025, 5, 29), "há 3 dias"),
        ("2 horas atrás", ["pt"], datetime(2025, 6, 1, 10, 0, tzinfo=UTC), "2 horas atrás"),
        ("3 uur geleden", ["nl"], datetime(2025, 6, 1, 9, 0, tzinfo=UTC), "3 uur geleden"),
        ("gisteren", ["nl"], date(2025, 5, 31), "gisteren"),
    ],
)
def test_relative(text: str, languages: Sequence[str] | None, value: date, matched: str) -> None:
    _assert_value(parse_date(text, reference=REF, languages=languages), value, matched)


def test_relative_keeps_naive_reference_naive() -> None:
    found = parse_date("Updated 3 hours ago", reference=NAIVE_REF)
    _assert_value(found, datetime(2025, 6, 1, 9, 0), "3 hours ago")


def test_month_end_is_clamped() -> None:
    found = parse_date("1 month ago", reference=datetime(2025, 3, 31, 8, 0))
    _assert_value(found, date(2025, 2, 28), "1 month ago")


@pytest.mark.parametrize(
    "text", ["Updated 3 hours ago", "2 days ago", "yesterday", "hace 3 horas", "today at 10:04"]
)
def test_relative_without_reference_is_none(text: str) -> None:
    assert parse_date(text) is None


def test_relative_without_reference_skips_to_absolute() -> None:
    found = parse_date("2 days ago (May 30, 2025)")
    _assert_value(found, date(2025, 5, 30), "May 30, 2025")


def test_first_date_wins_between_kinds() -> None:
    found = parse_date("yesterday, not 30 May 2025", reference=REF)
    _assert_value(found, date(2025, 5, 31), "yesterday")


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        ("Feb 30, 2024", None),
        ("30 February 2024", None),
        ("2019-02-30", None),
        ("31/04/2025", None),
        ("13/13/2025", None),
        ("29.02.2025", None),
        ("v2.10.3", None),
        ("v1.2.2020", None),
        ("release 4.12.2019.1", None),
        ("1.0.2025", None),
        ("10.10.10.2020", None),
        ("+1 (555) 123-4567", None),
        ("555-123-4567", None),
        ("Tel: 030 1234 5678", None),
        ("Call 0800 12 2019", None),
        ("+33 1 23 45 67 89", None),
        ("$19.99", None),
        ("€1.299,00", None),
        ("Price: $2025", None),
        ("2025", None),
        ("© 2025 Example News", None),
        ("Copyright 1999-2025", None),
        ("May 2025", None),
        ("He was 30 in May 2025", None),
        ("10:04", None),
        ("ISBN 978-3-16-148410-0", None),
        ("5 May 1989", None),
        ("31 December 1989", None),
        ("1 January 2027", None),
        ("2027-01-01", None),
        ("30/05/25", None),
        ("USA Today", None),
        ("Today's top stories", None),
        ("Hier finden Sie alles", None),
        ("3 hours and a half", None),
        ("9999 years ago", None),
        ("", None),
        ("   ", None),
        ("no date here", None),
    ],
)
def test_not_a_date(text: str, languages: Sequence[str] | None) -> None:
    assert parse_date(text, reference=REF, languages=languages) is None


def test_languages_limit_vocabulary() -> None:
    assert parse_date("30 mai 2025", reference=REF, languages=["en"]) is None
    assert parse_date("2 days ago", reference=REF, languages=["de"]) is None
    assert parse_date("hier", reference=REF) is None
    _assert_value(parse_date("hier", reference=REF, languages=["fr"]), date(2025, 5, 31), "hier")


def test_year_bound_follows_reference() -> None:
    early = datetime(2020, 6, 1)
    _assert_value(parse_date("1 Jan 2021", reference=early), date(2021, 1, 1), "1 Jan 2021")
    assert parse_date("1 Jan 2022", reference=early) is None
    _assert_value(parse_date("1 Jan 1990", reference=early), date(1990, 1, 1), "1 Jan 1990")


def test_year_bound_without_reference_is_next_year() -> None:
    next_year = date.today().year + 1
    text = f"1 January {next_year}"
    _assert_value(parse_date(text), date(next_year, 1, 1), text)
    assert parse_date(f"1 January {next_year + 1}") is None


def test_us_generic_zone_follows_daylight_saving() -> None:
    summer = parse_date("July 4, 2025 9:00 PM PT")
    winter = parse_date("Dec 4, 2025 9:00 PM PT")
    assert summer is not None and isinstance(summer.value, datetime)
    assert winter is not None and isinstance(winter.value, datetime)
    assert summer.value.utcoffset() == timedelta(hours=-7)
    assert winter.value.utcoffset() == timedelta(hours=-8)


def test_parsed_date_is_frozen() -> None:
    found = parse_date("May 30, 2025")
    assert found is not None
    with pytest.raises(AttributeError):
        found.matched = "x"  # type: ignore[misc]


def test_long_text_finds_late_date() -> None:
    text = "lorem 12 ipsum 3.5 dolor 2019 sit amet, " * 2000 + "Posted May 30, 2025"
    _assert_value(parse_date(text), date(2025, 5, 30), "May 30, 2025")


# ------------------------------------------------------------------------------ parse_iso


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2019-11-18T17:19:00+01:00", datetime(2019, 11, 18, 17, 19, tzinfo=CET)),
        ("2019-11-18", date(2019, 11, 18)),
        ("20191118", date(2019, 11, 18)),
        ("Mon, 18 Nov 2019 17:19:00 GMT", datetime(2019, 11, 18, 17, 19, tzinfo=UTC)),
        ("2019-11-18 17:19:00", datetime(2019, 11, 18, 17, 19)),
        ("2019-11-18T17:19:00Z", datetime(2019, 11, 18, 17, 19, tzinfo=UTC)),
        ("2019-11-18T17:19Z", datetime(2019, 11, 18, 17, 19, tzinfo=UTC)),
        ("2019-11-18T17:19:00.123456789Z", datetime(2019, 11, 18, 17, 19, 0, 123456, tzinfo=UTC)),
        ("2019-11-18T17:19:00-0500", datetime(2019, 11, 18, 17, 19, tzinfo=EST)),
        ("2019-11-18T17:19:00+02", datetime(2019, 11, 18, 17, 19, tzinfo=PLUS_2)),
        ("20191118T171900Z", datetime(2019, 11, 18, 17, 19, tzinfo=UTC)),
        ("18 Nov 2019 17:19 +0100", datetime(2019, 11, 18, 17, 19, tzinfo=CET)),
        ("Sun, 01 Jun 2025 10:04:00 EDT", datetime(2025, 6, 1, 10, 4, tzinfo=EDT)),
        ("  2019-11-18  ", date(2019, 11, 18)),
    ],
)
def test_parse_iso(text: str, value: date) -> None:
    _assert_value(parse_iso(text), value, text.strip())
    _assert_value(parse_date(text), value, text.strip())


@pytest.mark.parametrize(
    "text",
    [
        "2019-02-30",
        "20190230",
        "2019-13-01",
        "2019-11-18T25:00:00Z",
        "2019-11-18T17:19:00+25:00",
        "0001-01-01T00:00:00Z",
        "2999-01-01",
        "18/11/2019",
        "Published 2019-11-18",
        "12345678",
        "",
        "v2.10.3",
    ],
)
def test_parse_iso_rejects(text: str) -> None:
    assert parse_iso(text) is None


# ------------------------------------------------------------------------------ package data


def test_date_words_is_package_data() -> None:
    path = resources.files("cleannews") / "data" / "date_words.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["note"]
    assert {"en", "es", "fr", "de", "it", "pt", "nl"} <= set(data["languages"])


def _merged(kind: str) -> Iterator[tuple[str, str, object]]:
    data = dates._words()
    for code, entry in data["languages"].items():
        if kind == "units":
            for unit, names in entry["units"].items():
                yield from ((code, name, unit) for name in names)
        else:
            for number, names in enumerate(entry["months"], start=1):
                yield from ((code, name, number) for name in names)


@pytest.mark.parametrize("kind", ["months", "units"])
def test_words_agree_across_languages(kind: str) -> None:
    meaning: dict[str, tuple[str, object]] = {}
    for code, name, value in _merged(kind):
        first = meaning.setdefault(name, (code, value))
        assert first[1] == value, f"{name!r}: {first} vs {(code, value)}"


def test_words_are_loaded_once() -> None:
    assert dates._words() is dates._words()
    assert dates._patterns(("en",)) is dates._patterns(("en",))


def test_import_does_no_work() -> None:
    code = (
        "import cleannews.metadata.dates as d;"
        "assert d._words.cache_info().currsize == 0;"
        "assert d._patterns.cache_info().currsize == 0;"
        "assert d._iso_patterns.cache_info().currsize == 0"
    )
    src = str(Path(dates.__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_malformed_words_raise_rule_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "date_words.json").write_text('{"note": "x"}', encoding="utf-8")
    monkeypatch.setattr(resources, "files", lambda _package: tmp_path)
    dates._words.cache_clear()
    try:
        with pytest.raises(RuleError):
            dates._words()
    finally:
        monkeypatch.undo()
        dates._words.cache_clear()
