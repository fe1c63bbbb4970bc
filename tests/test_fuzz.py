"""Property-based tests: whatever the page, extraction returns an Article or raises a
CleannewsError, its text is valid Unicode without control characters, and the same input gives
the same output. The strategies live in ``fuzz/strategies.py``, shared with the long fuzz run
(``python -m fuzz.run``, see FUZZING.md); here each runs about 100 examples.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
if str(PROJECT_ROOT) not in sys.path:  # make the fuzz package importable
    sys.path.insert(0, str(PROJECT_ROOT))

from fuzz.strategies import SOURCES, check, options, utf8_pages  # noqa: E402

from cleannews import Options  # noqa: E402

FAST = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_extract_returns_an_article_or_a_cleannews_error(name: str) -> None:
    @FAST
    @given(source=SOURCES[name], page_options=options)
    def run(source: str | bytes, page_options: Options) -> None:
        check(source, page_options)

    run()


@FAST
@given(source=utf8_pages())
def test_str_and_utf8_bytes_give_the_same_article(source: str) -> None:
    """The strategy leaves out what bytes decode differently on purpose (a declared charset, a
    BOM, NUL, surrogates, dense control characters): nearly every example is compared."""
    from_text = check(source)
    assume(from_text is not None)  # a CleannewsError: nothing to compare
    from_bytes = check(source.encode("utf-8"))
    assume(from_bytes is not None)
    assert from_text is not None and from_bytes is not None
    assert from_bytes.to_dict() == from_text.to_dict()


#: Inputs the long fuzz run found failing (see FUZZING.md), kept as regression tests.
PAST_FAILURES = {
    # U+FFFE in a text node that a removed element's tail is appended to: lxml refused to set
    # the joined text (ValueError: All strings must be XML compatible).
    "nonchar-fffe-tail": b"<html><head><title>t</title></head>\xef\xbf\xbe<DIV ID=NAV></DIV>0",
    # JSON-LD nested deeper than the recursion limit: json.loads raised RecursionError.
    "deep-json-ld": '<script type="application/ld+json">' + "[" * 100_000 + "</script><p>x",
}


@pytest.mark.parametrize("source", PAST_FAILURES.values(), ids=PAST_FAILURES.keys())
def test_past_fuzz_failures(source: str | bytes) -> None:
    check(source)
