"""The command line on web archives, and parquet output (read back with pyarrow)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import warcs
from cleannews.cli.main import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """A WARC (named like a page, to show that the magic bytes decide) with every fixture
    page, a corrupt record in the middle and a request record."""
    entries = warcs.fixture_entries()
    members = warcs.members([*entries[:3], warcs.other(warcs.WarcRecordType.request)])
    bad = bytearray(warcs.members(entries[3:4])[0])
    for at in range(150, 230):
        bad[at] ^= 0x5A
    path = tmp_path / "crawl.html"
    path.write_bytes(b"".join(members) + bytes(bad) + b"".join(warcs.members(entries[4:])))
    return path


def test_a_warc_gives_one_jsonl_record_per_page_record(
    crawl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run([str(crawl)], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    entries = warcs.fixture_entries()
    assert code == 1  # the corrupt record failed
    assert len(records) == len(entries)  # every page once; the corrupt one as an error
    errors = [r for r in records if "error" in r]
    assert len(errors) == 1 and "corrupt record at byte" in errors[0]["error"]["message"]
    good = [r for r in records if "error" not in r]
    assert [list(r)[:7] for r in good[:1]] == [
        ["schema_version", "path", "url", "warc_record_id", "warc_date", "http_status",
         "content_type"]
    ]  # fmt: skip
    assert all(r["path"] == str(crawl) and r["http_status"] == 200 for r in good)
    assert {r["warc_record_id"] for r in good} == {
        e.record_id for i, e in enumerate(entries) if i != 3
    }
    assert "corrupt record" in err and "skipped 1 request record" in err


def test_resume_continues_by_record_id(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    assert run([str(crawl), "-o", str(out)], capsys)[0] == 1
    lines = out.read_text().splitlines()
    out.write_text("\n".join(lines[:5]) + "\n" + lines[5][:40])  # interrupted mid-line
    code, _, err = run([str(crawl), "-o", str(out), "--resume"], capsys)
    assert code == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    ids = [r["warc_record_id"] for r in records if "error" not in r]
    assert len(ids) == len(set(ids)) == len(warcs.fixture_entries()) - 1
    done = sum("error" not in json.loads(line) for line in lines[:5])
    assert done == 4  # the corrupt record's error line does not count: it is tried again
    assert f"--resume: {done} records already done" in err


def test_jobs_2_gives_the_same_records(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run([str(crawl), "-o", str(one)], capsys)
    run([str(crawl), "-o", str(two), "--jobs", "2"], capsys)
    assert one.read_text() == two.read_text()


def test_parquet_output_has_typed_columns(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.parquet"
    code, out, _ = run([str(crawl), "--format", "parquet", "-o", str(target)], capsys)
    assert code == 1 and out == ""
    table = pq.read_table(target)
    assert table.num_rows == len(warcs.fixture_entries())
    assert table.schema.field("warc_date").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("authors").type == pa.list_(pa.string())
    assert table.schema.field("http_status").type == pa.int32()
    rows = table.to_pylist()
    blog = next(r for r in rows if r["url"] and r["url"].endswith("/blog-post"))
    assert blog["authors"] == ["Ruth Alder"] and blog["page_type"] == "article"
    assert blog["published"] == datetime(2024, 3, 2, tzinfo=UTC)
    assert json.loads(blog["sections"])[0]["content"]
    assert blog["text"].startswith(json.loads(blog["sections"])[0]["content"][0]["text"][:20])
    errors = [r for r in rows if r["error_type"]]
    assert len(errors) == 1 and errors[0]["text"] is None


def test_parquet_from_page_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "pages.parquet"
    pages = [str(p) for p in warcs.HTML_PAGES[:3]]
    assert run([*pages, "--format", "parquet", "-o", str(target)], capsys)[0] == 0
    assert pq.read_table(target).column("path").to_pylist() == pages


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "parquet"],  # to a terminal or a pipe: no
        ["--format", "parquet", "-o", "x.parquet", "--resume"],
        ["--dask", "local:2"],  # without --output-dir
        ["--dask", "local:2", "-d", "out", "--format", "markdown"],
    ],
)
def test_usage_errors(args: list[str], crawl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([str(crawl), *args])
    assert exit_.value.code == 2


def test_missing_pyarrow_names_the_extra(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = run(
        [str(crawl), "--format", "parquet", "-o", str(tmp_path / "x.parquet")], capsys
    )
    assert code == 2
    assert "pip install 'cleannews[parquet]'" in err
    assert not (tmp_path / "x.parquet").exists()


def test_only_a_file_starting_like_an_archive_may_be_one(tmp_path: Path, crawl: Path) -> None:
    from cleannews.cli.sniff import may_be_archive
    from cleannews.warc.reader import archive_kind

    page = tmp_path / "page.html"
    page.write_text("<html><body><p>WARC/ later in the page</p></body></html>")
    arc = tmp_path / "old.arc"
    arc.write_bytes(b"filedesc://old.arc 0.0.0.0 20240101000000 text/plain 76\n")
    for path in (page, arc, crawl):
        assert may_be_archive(str(path)) == (archive_kind(path) is not None)
    assert may_be_archive(str(crawl)) and may_be_archive(str(arc))
    assert not may_be_archive("-") and not may_be_archive(str(tmp_path))
    assert not may_be_archive(str(tmp_path / "missing.warc"))


def test_a_one_page_run_loads_neither_archive_readers_nor_templates(tmp_path: Path) -> None:
    import subprocess

    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>Hi</h1><p>" + "A sentence of the story. " * 20 + "</p>")
    script = (
        "import sys; from cleannews.cli.main import main; main([sys.argv[1]]); "
        "print(sorted(m for m in sys.modules if m.startswith(('cleannews.warc', "
        "'cleannews.templates', 'cleannews.cli.archives'))), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(page)], capture_output=True, text=True, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert json.loads(done.stdout)["title"] == "Hi"
