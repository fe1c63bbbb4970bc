"""Web archives: real WARC and ARC files written by the tests, read with cleannews.warc."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import brotli
import pytest
from fastwarc.warc import WarcRecordType

import warcs
from cleannews import extract
from cleannews.errors import (
    ArchiveError,
    EmptyInputError,
    InputTooLargeError,
    MissingExtraError,
)
from cleannews.options import Options
from cleannews.warc import ArchiveReader, archive_kind, extract_archive

PAGE = warcs.HTML_PAGES[0]


def test_a_page_in_a_warc_gives_the_same_article_as_the_file(tmp_path: Path) -> None:
    entries = warcs.fixture_entries()
    path = warcs.write(tmp_path / "crawl.warc.gz", entries)
    records = list(extract_archive(path))
    assert len(records) == len(entries)
    sources = warcs.HTML_PAGES + warcs.TEXT_PAGES
    for record, entry, source in zip(records, entries, sources, strict=True):
        assert record.error is None and record.article is not None
        assert record.url == entry.url and record.warc_record_id == entry.record_id
        assert record.http_status == 200 and record.warc_date is not None
        alone = extract(source, url=entry.url)
        assert record.article.to_dict() == alone.to_dict()


def test_other_records_are_skipped_and_counted(tmp_path: Path) -> None:
    kinds = ("warcinfo", "request", "revisit", "metadata")
    entries = [warcs.other(getattr(WarcRecordType, kind)) for kind in kinds]
    entries += [
        warcs.response("http://x/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        warcs.response("http://x/gone", b"<html><body>Not here</body></html>", status=404),
        warcs.response("http://x/page", PAGE.read_bytes()),
    ]
    reader = ArchiveReader(warcs.write(tmp_path / "mixed.warc", entries, compress=False))
    assert [r.url for r in reader] == ["http://x/page"]
    assert reader.skipped == {
        "warcinfo record": 1, "request record": 1, "revisit record": 1, "metadata record": 1,
        "not a page (image/png)": 1, "HTTP status 404": 1,
    }  # fmt: skip


@pytest.mark.parametrize("compress", [True, False])
def test_a_truncated_final_record_is_an_error_record(tmp_path: Path, compress: bool) -> None:
    entries = warcs.fixture_entries()[:4]
    data = b"".join(warcs.members(entries, compress=compress))
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-200])
    records = list(ArchiveReader(path))
    assert [r.text is not None for r in records] == [True, True, True, False]
    assert isinstance(records[-1].error, ArchiveError)
    assert "truncated" in str(records[-1].error)


def test_a_final_record_cut_inside_its_header_is_reported(tmp_path: Path) -> None:
    members = warcs.members(warcs.fixture_entries()[:3])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(b"".join(members[:2]) + members[2][:25])
    records = list(ArchiveReader(path))
    assert len(records) == 3 and records[2].error is not None
    assert "truncated record at byte" in str(records[2].error)


def test_a_corrupt_gzip_member_costs_only_its_record(tmp_path: Path) -> None:
    entries = warcs.fixture_entries()[:5]
    members = warcs.members(entries)
    bad = bytearray(members[2])
    for at in range(150, 230):
        bad[at] ^= 0x5A
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(b"".join(members[:2]) + bytes(bad) + b"".join(members[3:]))
    records = list(ArchiveReader(path))
    good = [r.warc_record_id for r in records if r.error is None]
    assert good == [e.record_id for i, e in enumerate(entries) if i != 2]
    errors = [r for r in records if r.error is not None]
    assert len(errors) == 1 and "corrupt record at byte" in str(errors[0].error)
    assert records.index(errors[0]) == 2


def test_a_corrupt_record_in_a_plain_warc_is_skipped(tmp_path: Path) -> None:
    entries = warcs.fixture_entries()[:4]
    raw = warcs.members(entries, compress=False)
    path = tmp_path / "bad.warc"
    path.write_bytes(raw[0] + b"XXXX" + raw[1][4:] + raw[2] + raw[3])
    records = list(ArchiveReader(path))
    assert [r.warc_record_id for r in records if r.error is None] == [
        entries[0].record_id, entries[2].record_id, entries[3].record_id,
    ]  # fmt: skip
    assert sum(r.error is not None for r in records) == 1


def test_a_record_over_the_size_limit_is_an_error_record(tmp_path: Path) -> None:
    big = b"<html><body>" + b"<p>word word word</p>" * 20_000 + b"</body></html>"
    entries = [
        warcs.response("http://x/big", big),
        warcs.response("http://x/ok", PAGE.read_bytes()),
    ]
    path = warcs.write(tmp_path / "big.warc.gz", entries)
    records = list(ArchiveReader(path, Options(max_input_bytes=100_000)))
    assert isinstance(records[0].error, InputTooLargeError)
    assert records[1].text is not None


def test_chunked_and_compressed_payloads_are_decoded(tmp_path: Path) -> None:
    body = PAGE.read_bytes()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:500], body[500:]))
    entries = [
        warcs.response(
            "http://x/gzip", gzip.compress(body), headers=(("Content-Encoding", "gzip"),)
        ),
        warcs.response("http://x/br", brotli.compress(body), headers=(("Content-Encoding", "br"),)),
        warcs.response(
            "http://x/chunked", chunked + b"0\r\n\r\n", headers=(("Transfer-Encoding", "chunked"),)
        ),
        warcs.response("http://x/decoded", body, headers=(("Content-Encoding", "gzip"),)),
    ]
    texts = [r.text for r in ArchiveReader(warcs.write(tmp_path / "enc.warc.gz", entries))]
    assert texts == [body.decode("utf-8")] * 4


def test_the_http_charset_comes_before_the_page_declaration(tmp_path: Path) -> None:
    russian = "Новости дня: в городе открыли новый мост через реку."
    body = f'<html><head><meta charset="iso-8859-1"></head><body><p>{russian}</p></body></html>'
    entries = [
        warcs.response("http://x/ru", body.encode("cp1251"), "text/html; charset=windows-1251"),
        # A lying header (Latin-1 on a UTF-8 page): the UTF-8 is kept.
        warcs.response("http://x/utf8", body.encode("utf-8"), "text/html; charset=ISO-8859-1"),
        # A header naming no real charset: the page's own declaration and detection decide.
        warcs.response("http://x/junk", body.encode("utf-8"), "text/html; charset=x-no-such"),
    ]
    records = list(extract_archive(warcs.write(tmp_path / "cs.warc.gz", entries)))
    for record in records:
        assert record.article is not None and russian in record.article.text


@pytest.mark.parametrize("compress", [True, False])
def test_arc_files_are_read(tmp_path: Path, compress: bool) -> None:
    pages = [(f"http://x/{p.parent.name}", p.read_bytes()) for p in warcs.HTML_PAGES[:3]]
    path = warcs.arc(tmp_path / "old.arc", pages, compress=compress)
    assert archive_kind(path) is not None
    reader = ArchiveReader(path)
    records = list(extract_archive(path))
    assert [r.url for r in records] == [url for url, _ in pages]
    for record, (_, body) in zip(records, pages, strict=True):
        assert record.article is not None and record.warc_date is not None
        assert record.article.to_dict() == extract(body, url=record.url).to_dict()
    list(reader)
    assert reader.skipped == {"ARC header (filedesc) record": 1}


def test_a_file_that_is_not_an_archive_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.warc.gz"
    page.write_bytes(gzip.compress(PAGE.read_bytes()))
    assert archive_kind(page) is None
    with pytest.raises(ArchiveError, match="not a WARC or ARC archive"):
        list(ArchiveReader(page))
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    with pytest.raises(EmptyInputError):
        list(ArchiveReader(empty))


def test_missing_fastwarc_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = warcs.write(tmp_path / "a.warc.gz", warcs.fixture_entries()[:1])
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)  # import fails as if not installed
    with pytest.raises(MissingExtraError, match=r"pip install 'cleannews\[warc\]'"):
        list(ArchiveReader(path))
