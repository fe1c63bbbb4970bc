"""The input stage (cleannews.input): decoding, HTML or text, and every source type."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree, html

import cleannews
import support
from cleannews import InputKind, Options
from cleannews.input.decode import declared_encoding, decode
from cleannews.input.detect import input_kind

PROSE = support.PROSE
PAGE = support.PAGE


# decode ------------------------------------------------------------------------------


def test_decode_honours_a_declared_legacy_charset() -> None:
    page = '<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1")
    assert "café “quoted”" in decode(page)


def test_decode_prefers_valid_utf8_over_a_lying_declaration() -> None:
    page = '<meta charset="iso-8859-1"><p>naïve – ok</p>'.encode()
    assert "naïve – ok" in decode(page)


def test_decode_reads_byte_order_marks() -> None:
    assert decode("<p>hé</p>".encode("utf-16")) == "<p>hé</p>"


@pytest.mark.parametrize("name", ["unicode_escape", "raw_unicode_escape", "UTF-7", "undefined"])
def test_declared_encoding_ignores_python_codecs_that_are_not_charsets(name: str) -> None:
    assert declared_encoding(f'<meta charset="{name}">'.encode()) is None


def test_declared_encoding_reads_http_equiv() -> None:
    head = b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    assert declared_encoding(head) == "shift_jis"


def test_decode_refuses_binary() -> None:
    with pytest.raises(cleannews.DecodeError, match="PNG"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(100))


# detect ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", InputKind.HTML),
        ("<div><p>one</p><p>two</p></div>", InputKind.HTML),
        ("Prices rose 3% as a < b held.\n\nSecond paragraph.", InputKind.TEXT),
        ("Plain headline\n\nBody text with <b> once.", InputKind.TEXT),
    ],
)
def test_input_kind(text: str, kind: InputKind) -> None:
    assert input_kind(text) is kind


def test_input_kind_can_be_forced() -> None:
    assert input_kind("<p>x</p><p>y</p><p>z</p>", InputKind.TEXT) is InputKind.TEXT


# extract: every source type ----------------------------------------------------------


def _same(article: cleannews.Article) -> None:
    assert article.title == "Bridge reopens"
    assert article.text == f"{PROSE}\n\n{PROSE}"


def test_extract_accepts_str_bytes_path_gzip_soup_and_lxml(tmp_path: Path) -> None:
    plain, packed = tmp_path / "page.html", tmp_path / "page.html.gz"
    plain.write_text(PAGE, encoding="utf-8")
    packed.write_bytes(gzip.compress(PAGE.encode()))
    for source in (
        PAGE,
        PAGE.encode(),
        plain,
        packed,
        gzip.compress(PAGE.encode()),
        BeautifulSoup(PAGE, "html.parser"),
        html.fromstring(PAGE),
        etree.fromstring(PAGE, etree.HTMLParser()),
    ):
        _same(cleannews.extract(source))


def test_extract_does_not_modify_a_callers_tree() -> None:
    tree = html.fromstring(PAGE)
    before = html.tostring(tree)
    cleannews.extract(tree)
    assert html.tostring(tree) == before


def test_extract_rejects_unsupported_sources() -> None:
    with pytest.raises(cleannews.InputError, match="unsupported source type int"):
        cleannews.extract(42)


def test_extract_reports_empty_input() -> None:
    with pytest.raises(cleannews.EmptyInputError):
        cleannews.extract("   \n ")


def test_forcing_text_reads_markup_as_text() -> None:
    article = cleannews.extract(PAGE, options=Options(input_kind=InputKind.TEXT))
    assert "<article>" in article.text


def test_text_with_a_control_character_is_cleaned_and_only_then() -> None:
    from cleannews.input.load import clean_text

    for code in range(0x20):
        text = f"a{chr(code)}b"
        kept = code in (0x09, 0x0A, 0x0D)
        assert (clean_text(text) == text) is kept, code
        assert (clean_text(f"é{text}\x7f") == f"é{text}") is kept, code
    assert clean_text("a\x7fb\u0085c\x9fd") == "ab\ncd"
