"""The disk cache of start-up work: entries written once and read back, never stale, and a
folder that cannot be used costs only time (the results are always the same)."""

from __future__ import annotations

import functools
import os
import pickle
from pathlib import Path
from types import CodeType
from typing import Any

import pytest
import regex

from cleannews.rules import diskcache, literals, loader
from cleannews.rules.loader import RuleKind
from cleannews.text import linemodel

SOURCE = "def double(x):\n    return 2 * x\n"


def _double(code: CodeType) -> int:
    namespace: dict[str, object] = {}
    exec(code, namespace)  # the test's own source
    return namespace["double"](21)  # type: ignore[operator,no-any-return]


def test_code_is_written_once_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(tmp_path))
    assert _double(diskcache.compiled_code(SOURCE, "<test>")) == 42
    entries = list(tmp_path.glob("code-*.marshal"))
    assert len(entries) == 1
    assert _double(diskcache.compiled_code(SOURCE, "<test>")) == 42
    assert list(tmp_path.glob("code-*.marshal")) == entries


def test_other_source_gets_its_own_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(tmp_path))
    diskcache.compiled_code(SOURCE, "<test>")
    changed = SOURCE.replace("2 * x", "3 * x")
    assert _double(diskcache.compiled_code(changed, "<test>")) == 63
    assert len(list(tmp_path.glob("code-*.marshal"))) == 2


def test_damaged_entry_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(tmp_path))
    diskcache.compiled_code(SOURCE, "<test>")
    (entry,) = tmp_path.glob("code-*.marshal")
    entry.write_bytes(b"\x00not marshal")
    assert _double(diskcache.compiled_code(SOURCE, "<test>")) == 42
    assert diskcache.cached_json("t", "x", lambda: [1, 2]) == [1, 2]
    (data,) = tmp_path.glob("t-*.json")
    data.write_text("{broken")
    assert diskcache.cached_json("t", "x", lambda: [1, 2]) == [1, 2]


def test_switched_off_or_unusable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, "")
    assert diskcache.cache_dir() is None
    assert _double(diskcache.compiled_code(SOURCE, "<test>")) == 42
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(blocker / "cache"))  # under a file
    assert _double(diskcache.compiled_code(SOURCE, "<test>")) == 42
    assert diskcache.cached_json("t", "x", lambda: {"a": 1}) == {"a": 1}


def test_rule_needs_same_with_and_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(tmp_path))
    for kind in RuleKind:
        sources = [rule.source for rule in loader.rules_of_kind(kind)]
        direct = tuple(literals.needs_of(source, loader._FLAGS) for source in sources)
        assert literals.needs_of_all(sources, loader._FLAGS) == direct  # made and written
        assert literals.needs_of_all(sources, loader._FLAGS) == direct  # read back
    assert len(list(tmp_path.glob("needs-*.json"))) == len(RuleKind)


def test_line_model_same_with_and_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = loader.read_json("line_model.json")
    vectors = [[float((i * 7 + j * 3) % 11) / 5 for j in range(300)] for i in range(40)]
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, "")
    plain = linemodel.load_line_model(data)
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(tmp_path))
    written = linemodel.load_line_model(data)
    read = linemodel.load_line_model(data)
    for model in (written, read):
        for stage, expected in ((model.first, plain.first), (model.second, plain.second)):
            assert [stage.margin(v) for v in vectors] == [expected.margin(v) for v in vectors]
    assert len(list(tmp_path.glob("code-*.marshal"))) == 2


def test_folder_is_bounded_oldest_entries_go_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(tmp_path))
    monkeypatch.setattr(diskcache, "MAX_ENTRIES", 5)
    other = tmp_path / "notes.txt"  # not an entry: never deleted
    other.write_text("mine")
    for number in range(8):
        assert diskcache.cached_json("t", str(number), functools.partial(list, [number])) == [
            number
        ]
        (entry,) = [p for p in tmp_path.glob("t-*.json") if p.read_text() == f"[{number}]"]
        os.utime(entry, (1_000_000 + number, 1_000_000 + number))  # a distinct age each
    left = sorted(p.read_text() for p in tmp_path.glob("t-*.json"))
    assert left == ["[3]", "[4]", "[5]", "[6]", "[7]"]
    assert other.read_text() == "mine"
    assert _double(diskcache.compiled_code(SOURCE, "<test>")) == 42  # a new entry is kept
    assert len(list(tmp_path.glob("code-*.marshal"))) == 1
    assert len(list(tmp_path.glob("t-*.json"))) == 4


_PATTERNS = (
    (r"(?i)\b(?:read|more)\s+(?P<n>\d+)\p{L}*", 0),
    (r"^#{1,6}[ \t]+\S", regex.MULTILINE),
    (rb"\xed[\xa0-\xbf][\x80-\xbf]", 0),
)


def _fresh(source: str | bytes, flags: int) -> regex.Pattern[Any]:
    diskcache._PATTERNS.clear()  # this process's memo: make the next call ask the disk
    return diskcache.compile_pattern(source, flags)


def test_patterns_written_once_and_read_back_equal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(tmp_path))
    for source, flags in _PATTERNS:
        direct = regex.compile(source, flags)
        written, read = _fresh(source, flags), _fresh(source, flags)
        for pattern in (written, read):
            assert (pattern.pattern, pattern.flags) == (direct.pattern, direct.flags)
            assert pattern.groupindex == direct.groupindex
        assert read is not written  # the second came from the disk
    text = "Read 12 minutes\n## Head"
    assert _fresh(*_PATTERNS[0]).search(text).group("n") == "12"  # type: ignore[union-attr]
    assert _fresh(*_PATTERNS[1]).search(text) is not None
    assert len(list(tmp_path.glob("re-*.pickle"))) == len(_PATTERNS)


def test_pattern_entry_naming_anything_else_is_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(tmp_path))
    source, flags = _PATTERNS[0]
    _fresh(source, flags)
    (entry,) = tmp_path.glob("re-*.pickle")
    entry.write_bytes(pickle.dumps(os.getcwd))  # a callable that is not the pattern maker
    assert _fresh(source, flags).pattern == source
    entry.write_bytes(b"\x80damaged")
    assert _fresh(source, flags).pattern == source
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, "")
    assert _fresh(source, flags).flags == regex.compile(source, flags).flags
