"""Command-line features of issue 14: html and csv output, the Options switches, pipeline
filters, per-input URLs and --verbose."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cleannews.cli.main import main

PROSE = "The council voted on Tuesday to rebuild the old bridge, which closed in March. " * 8
GERMAN = "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke wieder aufzubauen. " * 8


def page(title: str, body: str = "", lang: str = "en") -> str:
    prose = GERMAN if lang == "de" else PROSE
    return (
        f"<html lang='{lang}'><head><title>{title}</title>"
        "<meta name='author' content='Jane Doe'></head><body><article>"
        f"<h1>{title}</h1><p><time datetime='2024-03-02'>March 2, 2024</time></p>"
        f"<p>{prose}</p>{body}<p>{prose}</p></article></body></html>"
    )


EXTRAS = (
    "<p>Read <a href='https://e.org/report'>the full report</a> for details and more.</p>"
    "<figure><img src='/bridge.jpg' alt='The bridge'><figcaption>The old bridge</figcaption>"
    "</figure><table><tr><th>Year</th><th>Cost</th></tr><tr><td>2024</td><td>5m</td></tr>"
    "<tr><td>2025</td><td>7m</td></tr></table>"
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "pages"
    root.mkdir()
    (root / "a.html").write_text(page("Bridge to be rebuilt", EXTRAS))
    (root / "b.html").write_text(page("Bridge to be rebuilt", EXTRAS))  # the same story
    (root / "c.html").write_text(page("Neue Brücke", lang="de"))
    (root / "d.html").write_text(
        "<html><body>" + "".join(f"<h3><a href='/s{n}'>Story {n} today</a></h3>" for n in range(12))
    )
    (root / "e.html").write_text("<html><head><title>Short</title></head><body><p>Hi.</p>")
    return root


def test_html_is_a_standalone_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "story.html"
    path.write_text(page("Bridge to be rebuilt", EXTRAS))
    code, out, _ = run([str(path), "-f", "html"], capsys)
    assert code == 0
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">')
    for piece in ('<meta charset="utf-8">', "<title>Bridge to be rebuilt</title>",
                  '<span class="byline">Jane Doe</span>', '<time datetime="2024-03-02">',
                  "<h1>Bridge to be rebuilt</h1>", "<th>Year</th>",
                  '<a href="https://e.org/report">the full report</a>'):  # fmt: skip
        assert piece in out

    class Balance(HTMLParser):
        depth = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.depth += tag not in ("meta", "img")

        def handle_endtag(self, tag: str) -> None:
            self.depth -= 1

    checker = Balance()
    checker.feed(out.removeprefix("<!DOCTYPE html>\n"))
    assert checker.depth == 0


def test_csv_has_one_header_and_one_row_per_input(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([str(folder), "-f", "csv", "--columns", "path,title,authors,published"],
                       capsys)  # fmt: skip
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["path", "title", "authors", "published"]
    assert len(rows) == 6
    assert rows[1] == [str(folder / "a.html"), "Bridge to be rebuilt", "Jane Doe", "2024-03-02"]


def test_switches_leave_tables_links_and_images_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.html"
    path.write_text(page("Bridge to be rebuilt", EXTRAS))
    _, full, _ = run([str(path), "-f", "markdown"], capsys)
    assert "](https://e.org/report)" in full and "![The bridge]" in full and "| Year |" in full
    _, bare, _ = run([str(path), "-f", "markdown", "--no-links", "--no-images", "--no-tables"],
                     capsys)  # fmt: skip
    assert "the full report" in bare and "](https://e.org/report)" not in bare
    assert "![The bridge]" not in bare and "The old bridge" not in bare
    assert "| Year |" not in bare
    assert "rebuild the old bridge" in bare


def test_filters_skip_and_record_what_they_leave_out(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(folder), "-f", "jsonl", "--only-articles", "--min-words", "20", "--dedup"]
    code, out, err = run([*args, "--language", "EN_gb", "-v"], capsys)
    assert code == 0
    found = {Path(r["path"]).name: r for r in map(json.loads, out.splitlines())}
    assert set(found) == {"a.html", "b.html", "c.html", "d.html", "e.html"}
    assert "title" in found["a.html"]
    assert found["b.html"]["skipped"] == f"a duplicate of {folder / 'a.html'}"
    assert found["c.html"]["skipped"] == "another language"
    assert found["d.html"]["skipped"] == "not an article"
    assert found["e.html"]["skipped"] in ("not an article", "too short")
    summary = err.splitlines()[-1]
    assert summary.startswith("cleannews: 5 pages: 1 extracted, 0 failed, ")
    assert "1 skipped (a duplicate)" in summary and "1 skipped (another language)" in summary
    assert f"cleannews: {folder / 'a.html'}: " in err and " ms CPU, article, " in err


def test_url_list_gives_each_input_its_address(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = tmp_path / "urls.tsv"
    urls.write_text(f"# path\turl\n{folder / 'a.html'}\thttps://news.example/a\n")
    code, out, _ = run([str(folder / "a.html"), str(folder / "c.html"), "-f", "jsonl",
                        "--url-list", str(urls), "--url", "https://fallback.example/"],
                       capsys)  # fmt: skip
    assert code == 0
    first, second = map(json.loads, out.splitlines())
    assert first["url"] == "https://news.example/a"
    assert second["url"] == "https://fallback.example/"


def test_a_malformed_url_list_is_an_error(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = tmp_path / "urls.tsv"
    urls.write_text("a.html https://no-tab.example/\n")
    code, _, err = run([str(folder / "a.html"), "--url-list", str(urls)], capsys)
    assert code == 1
    assert "line 1: not PATH<tab>URL" in err
