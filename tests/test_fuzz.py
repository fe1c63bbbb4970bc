"""Property-based tests: whatever the page, extraction returns an Article or raises a
CleannewsError, its text is valid Unicode without control characters, and the same input gives
the same output. The strategies live in ``fuzz/strategies.py``, shared with the long fuzz run
(``python -m fuzz.run``, see FUZZING.md); here each runs about 100 examples.
"""

from __future__ import annotations

import gzip

import pytest
from fuzz.kinds import KINDS
from fuzz.strategies import (
    SOURCES,
    TEXT_SOURCES,
    check,
    check_text_article,
    options,
    utf8_pages,
)
from hypothesis import HealthCheck, assume, given, settings

from cleannews import InputKind, Options

FAST = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_extract_returns_an_article_or_a_cleannews_error(name: str) -> None:
    checker = check_text_article if name in TEXT_SOURCES else check

    @FAST
    @given(source=SOURCES[name], page_options=options)
    def run(source: str | bytes, page_options: Options) -> None:
        checker(source, page_options)

    run()


@pytest.mark.parametrize("name", sorted(KINDS))
def test_archives_and_templates_keep_their_properties(name: str) -> None:
    strategy, checker = KINDS[name]

    @settings(FAST, max_examples=60)
    @given(source=strategy, page_options=options)
    def run(source: object, page_options: Options) -> None:
        checker(source, page_options)

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


def test_a_control_character_in_a_warc_header_stays_out_of_the_record() -> None:
    # found by the long run (warc): a flipped byte turned the line break after
    # WARC-Target-URI into "\rP", so the URL held a CR, and the Article's url with it
    from fuzz.kinds import check_archive

    page = b"<html><body><p>" + b"The council met on Tuesday to agree the budget. " * 5
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    head = (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: 2024-05-06T07:08:09Z\r\n"
            b"WARC-Record-ID: <urn:72bba6e1-c170-5853-aea7-8e4eb1a52cae>\r\n"
            b"Content-Length: %d\r\nWARC-Target-URI: http://www.site.example/a?0\rP"
            b"Content-Type: application/http; msgtype=response\r\n\r\n") % len(block)  # fmt: skip
    check_archive(head + block + b"\r\n\r\n")


NO_LINE_OF_TEXT = {"rule": "---\n", "gzip": gzip.compress(b"---\n---\n"), "fence": "```"}


@pytest.mark.parametrize("source", NO_LINE_OF_TEXT.values(), ids=NO_LINE_OF_TEXT.keys())
def test_markdown_that_has_no_line_of_text(source: str | bytes) -> None:
    # found by the long run (markdown, markdown-bytes): Markdown of rules, fences or table
    # rules only has no blocks, and the frame search indexed the first one (IndexError)
    article = check_text_article(source, Options(input_kind=InputKind.MARKDOWN))
    assert article is not None and article.text == ""
