"""Golden cases (``fixtures/golden/<case>/``): their expected files, and adding a new case.

    python -m benchmarks.add_golden saved/page.html my-new-case

copies the page to ``fixtures/golden/my-new-case/source.html`` and writes its expected files
from what cleannews extracts now (review them before committing). Each case holds:

* content: ``expected.md`` (the body as Markdown, without the headline and metadata line),
  ``expected-text.txt`` (``Article.text``) and ``expected-content.json`` (the body's tree, the
  table of contents and the removal record);
* metadata: ``expected-metadata.json`` (every other ``Article.to_dict()`` field),

so that a change to one metadata field rewrites only the metadata files. ``tests/test_golden.py``
compares them all; ``CLEANNEWS_UPDATE_GOLDEN=1`` makes it rewrite them instead.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import cleannews

GOLDEN: Final = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
#: The to_dict() fields in expected-content.json; ``text`` is expected-text.txt; every other
#: field (new ones included) is metadata.
CONTENT_FIELDS: Final = ("toc", "toc_source", "toc_warnings", "sections", "boilerplate")
SUFFIXES: Final = (".html", ".htm", ".xhtml", ".txt")


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def body_markdown(article: cleannews.Article) -> str:
    """The body as Markdown: to_markdown() without the headline and the date/author line."""
    return dataclasses.replace(article, title="", published=None, authors=()).to_markdown()


def expected_files(article: cleannews.Article) -> dict[str, str]:
    """The text of each expected file of a case, by file name."""
    data = article.to_dict()
    content = {key: data.pop(key) for key in CONTENT_FIELDS}
    text = data.pop("text")
    return {
        "expected.md": body_markdown(article),
        "expected-text.txt": text + "\n",
        "expected-content.json": _json(content),
        "expected-metadata.json": _json(data),
    }


def source_of(case: Path) -> Path:
    """The saved page of a case (``source.html``, ``source.txt``...)."""
    return next(case.glob("source.*"))


def write_expected(case: Path) -> None:
    """(Re)write the expected files of ``case`` from what cleannews extracts now."""
    for name, text in expected_files(cleannews.extract(source_of(case))).items():
        (case / name).write_text(text, encoding="utf-8")


def add_case(source: Path, name: str, golden: Path = GOLDEN) -> Path:
    """A new case folder holding a copy of ``source`` and its expected files."""
    gz = source.suffix.lower() == ".gz"
    suffix = Path(source.stem).suffix if gz else source.suffix
    if suffix.lower() not in SUFFIXES:
        raise ValueError(f"{source}: name the page *.html or *.txt (maybe .gz), not {suffix!r}")
    case = golden / name
    if case.exists() or not name or "/" in name or name.startswith("."):
        raise ValueError(f"{case}: choose a new case name (a folder that does not exist)")
    case.mkdir(parents=True)
    try:
        shutil.copyfile(source, case / f"source{suffix.lower()}{'.gz' if gz else ''}")
        write_expected(case)
    except BaseException:
        shutil.rmtree(case)  # no half-made case
        raise
    return case


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.add_golden", description="Add a golden case from a page."
    )
    parser.add_argument("source", type=Path, help="the saved page (.html, .txt, maybe .gz)")
    parser.add_argument("name", help="the new case's folder name under fixtures/golden")
    args = parser.parse_args(argv)
    try:
        case = add_case(args.source, args.name)
    except (ValueError, OSError, cleannews.CleannewsError) as exc:
        print(f"add_golden: {exc}", file=sys.stderr)
        return 2
    print(f"added {case}: review its expected files before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
