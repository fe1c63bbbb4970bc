"""The Python API a pipeline user expects: sources of every kind, ``extract_many`` on the
command line's worker pool, ``Article.from_dict`` and the JSON Schema of the records."""

from __future__ import annotations

import copy
import gzip
import io
import json
import multiprocessing
import os
import pickle
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from lxml import etree, html

import cleannews
from cleannews.cli.main import main

PROSE = "The council voted on Tuesday to rebuild the old bridge, which closed in March. " * 8
GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden"


def page(title: str, extra: str = "") -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1><p>{PROSE}</p>{extra}<p>{PROSE}</p></article></body></html>"
    )


# --- defect 10: sources -------------------------------------------------------------------


def test_a_str_naming_a_file_is_refused_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page("Story").encode()))
    monkeypatch.chdir(tmp_path)
    for spelling in (str(path), "page.html.gz"):
        with pytest.raises(cleannews.InputError, match=r"pass pathlib\.Path"):
            cleannews.extract(spelling)
    assert cleannews.extract(path).title == "Story"
    assert isinstance(cleannews.extract("page.html.gz\nis text"), cleannews.Article)


def test_binary_file_objects_and_lxml_trees_are_sources(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page("Story"))
    with path.open("rb") as handle:
        assert cleannews.extract(handle).title == "Story"
    assert cleannews.extract(io.BytesIO(gzip.compress(path.read_bytes()))).title == "Story"
    tree = html.parse(str(path))
    assert isinstance(tree, etree._ElementTree)
    assert cleannews.extract(tree).title == "Story"
    with pytest.raises(cleannews.InputError, match="unsupported source type"):
        cleannews.extract(3.5)  # type: ignore[arg-type]


def test_help_of_extract_documents_parameters_errors_and_an_example() -> None:
    doc = cleannews.extract.__doc__ or ""
    for word in ("source", "url", "options", "Raises", "InputError", "ParseError", "Example"):
        assert word in doc
    assert len(doc.splitlines()) > 20


# --- extract_many -------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "pages"
    root.mkdir()
    for number in range(6):
        (root / f"p{number}.html").write_text(page(f"Story {number}"))
    (root / "bad.html").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    return root


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_many_yields_every_source_in_order(folder: Path, jobs: int) -> None:
    paths = sorted(folder.iterdir())
    results = list(cleannews.extract_many(paths, jobs=jobs))
    assert [source for source, _ in results] == paths
    by_name = {source.name: result for source, result in results}  # type: ignore[union-attr]
    assert isinstance(by_name["bad.html"], cleannews.DecodeError)
    assert all(isinstance(by_name[f"p{n}.html"], cleannews.Article) for n in range(6))
    assert by_name["p3.html"].title == "Story 3"  # type: ignore[union-attr]


def test_extract_many_takes_any_source_and_options(folder: Path) -> None:
    text = "A headline\n\n" + PROSE
    sources = [page("From str"), page("From bytes").encode(), text, folder / "p1.html"]
    options = cleannews.Options(input_kind=cleannews.InputKind.AUTO)
    results = list(cleannews.extract_many(sources, jobs=2, options=options, url="https://e.org/"))
    titles = [r.title for _, r in results if isinstance(r, cleannews.Article)]
    assert titles == ["From str", "From bytes", "A headline", "Story 1"]
    assert {r.url for _, r in results if isinstance(r, cleannews.Article)} == {"https://e.org/"}


def every_field_changed() -> cleannews.Options:
    return cleannews.Options(
        input_kind=cleannews.InputKind.MARKDOWN,
        favor=cleannews.Favor.RECALL,
        tables=False,
        captions=True,
        repeats=True,
        links=False,
        images=False,
        reference_time=datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
        words_per_minute=180,
        max_input_bytes=1234,
        max_elements=567,
    )


def test_options_round_trip_through_pickle() -> None:
    options = every_field_changed()
    assert options != cleannews.Options()
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(options, protocol)) == options
    assert copy.deepcopy(options) == options


def test_options_reach_a_spawned_worker_and_come_back() -> None:
    options = every_field_changed()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        assert pool.submit(repr, options).result(timeout=120) == repr(options)
        assert pool.submit(copy.copy, options).result(timeout=120) == options


def test_extract_many_as_completed_and_with_a_time_limit(folder: Path) -> None:
    slow = folder / "slow.html"
    slow.write_text("<html><body>" + "<p>x</p>" * 150_000)
    paths = sorted(folder.iterdir())
    results = dict(cleannews.extract_many(paths, jobs=2, timeout=1.0, ordered=False))
    assert set(results) == set(paths)
    assert isinstance(results[slow], cleannews.TimeLimitError)
    assert isinstance(results[folder / "p5.html"], cleannews.Article)


def test_extract_many_stops_its_workers_when_the_caller_stops(folder: Path) -> None:
    results = cleannews.extract_many(sorted(folder.iterdir()), jobs=2)
    next(results)
    pool_frame = results.gi_frame
    assert pool_frame is not None
    pool = pool_frame.f_locals["pool"]
    pids = pool.worker_pids()
    results.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pids)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


# --- records: from_dict, schema -----------------------------------------------------------


def schema() -> dict[str, object]:
    text = resources.files("cleannews").joinpath("data/record.schema.json").read_text()
    loaded = json.loads(text)
    assert isinstance(loaded, dict)
    return loaded


CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_from_dict_reads_back_what_to_dict_wrote(case: Path) -> None:
    article = cleannews.extract(next(case.glob("source.*")))
    again = cleannews.Article.from_dict(json.loads(article.to_json()))
    assert again == article
    assert again.to_dict() == article.to_dict()


def test_command_line_records_follow_the_shipped_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    validator = jsonschema.Draft202012Validator(schema())
    for case in CASES:
        source = next(case.glob("source.*"))
        (tmp_path / f"{case.name}{''.join(source.suffixes)}").write_bytes(source.read_bytes())
    (tmp_path / "bad.html").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    main([str(tmp_path), "-f", "jsonl", "--explain", "--dedup"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(CASES) + 1
    kinds = set()
    for line in lines:
        record = json.loads(line)
        validator.validate(record)
        assert record["schema_version"] == 1
        kinds.add("error" if "error" in record else "article")
        if "error" not in record:
            article = cleannews.Article.from_dict(record)
            assert article.text == record["text"]
    assert kinds == {"article", "error"}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"schema_version": 1, "path": "x", "title": 3})


def test_from_dict_refuses_error_records_and_other_versions() -> None:
    with pytest.raises(ValueError, match="error record"):
        cleannews.Article.from_dict({"path": "x", "error": {"type": "InputError", "message": "m"}})
    with pytest.raises(ValueError, match="schema_version"):
        cleannews.Article.from_dict({"schema_version": 2, "title": "x", "sections": []})


# --- language tags ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "tag", "primary"),
    [
        ("de-DE", "de-DE", "de"),
        ("DE_de", "de-DE", "de"),
        ("en_us", "en-US", "en"),
        ("EN", "en", "en"),
    ],
)
def test_language_is_a_bcp47_tag_with_its_primary_subtag(
    declared: str, tag: str, primary: str
) -> None:
    prose = "Der Ausschuss traf sich am Dienstag, um über den Haushalt zu beraten. " * 6
    if primary == "en":
        prose = PROSE
    article = cleannews.extract(
        f'<html lang="{declared}"><head><title>Titel</title></head><body><article>'
        f"<h1>Titel</h1><p>{prose}</p></article></body></html>"
    )
    assert (article.language, article.primary_language) == (tag, primary)


def test_web_archive_records_follow_the_schema_too(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    record = {
        "schema_version": 1, "path": "crawl.warc.gz", "url": "https://e.org/a",
        "warc_record_id": "<urn:uuid:1>", "warc_date": "2024-03-03T10:00:00+00:00",
        "http_status": 200, "content_type": "text/html",
        "error": {"type": "ArchiveError", "message": "corrupt record at byte 10"},
    }  # fmt: skip
    validator.validate(record)
