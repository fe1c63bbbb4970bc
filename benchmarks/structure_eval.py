"""Structure recall of cleannews and trafilatura on the readability corpus.

    python -m benchmarks.structure_eval [--split dev|holdout|all] [--details TOOL] [--json OUT]

Reference: the headings (h1-h6), list items (``li``, own text without nested lists) and table
cells (``td``/``th``, own text without nested tables) of ``readability/*/expected.html.gz``,
Readability.js's own output. Each tool gets the same decoded page and the corpus URL and
returns Markdown: cleannews ``Article.to_markdown()``, trafilatura
``extract(html, output_format="markdown", include_tables=True, include_formatting=True)``.

Both Markdown outputs are read by the same parser: ``#`` lines are headings, ``-``/``*``/``+``
and ``1.`` lines (at any indentation) list items, ``| a | b |`` lines table rows, also inside
``>`` quotations. Texts are
compared by key (case-folded ``\\w+`` tokens, inline Markdown and HTML tags removed), as
multisets per page: an expected list item is found when an output list item has the same key.

* recall: found / expected, summed over pages (per kind);
* precision: found / items of that kind in the output (over-generated structure costs here);
* "as text": share of expected items whose key appears anywhere in the output's text (the
  text survived, whatever its structure);
* heading levels: share of expected headings found with the same level.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import lxml.html
import regex
from lxml import etree

if __package__ in (None, ""):  # run as a script: python benchmarks/structure_eval.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import (
    REPEATS_IN_REFERENCE,
    Doc,
    ReadabilityAnnotation,
    decode_html,
    load_corpus,
    select,
)

KINDS = ("heading", "list_item", "cell")
TOOLS = ("cleannews", "trafilatura")
_TOKEN = regex.compile(r"\w+")
_HEADING = regex.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_ITEM = regex.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_ROW = regex.compile(r"^\s*\|(.*)\|\s*$")
_RULE_ROW = regex.compile(r"^[\s|:-]+$")
_CELL_SPLIT = regex.compile(r"(?<!\\)\|")
_IMAGE = regex.compile(r"(?<!\\)!\[(?:\\.|[^\]\\\n])*\]\([^)\n]*\)")
_LINK = regex.compile(
    r"(?<!\\)\[((?:\\.|[^\]\\\n])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"
)
_TAG = regex.compile(r"<[^>]+>")
_FENCE = regex.compile(r"^\s*(```|~~~)")
_QUOTE_MARK = regex.compile(r"^(?:\s{0,3}>\s?)+")
Item = tuple[str, int, str]  # (kind, heading level or 0, key)


def key(text: str) -> str:
    """Comparison key: case-folded word tokens joined by single spaces."""
    return " ".join(_TOKEN.findall(text.casefold()))


def _inline(text: str) -> str:
    """Markdown inline text without images, link targets, tags and escapes."""
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    return _TAG.sub(" ", text).replace("\\", "")


# --------------------------------------------------------------------------- reference


def expected_items(html: str) -> list[Item]:
    """Headings, list items and table cells of the reference HTML, in document order."""
    if not html.strip():
        return []
    root = lxml.html.fromstring(html)
    items: list[Item] = []
    for element in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"):
        tag = str(element.tag)
        if tag.startswith("h"):
            items.append(
                ("heading", int(tag[1]), key(cast(lxml.html.HtmlElement, element).text_content()))
            )
        elif tag == "li":
            items.append(("list_item", 0, key(_own_text(element, ("ul", "ol")))))
        else:
            items.append(("cell", 0, key(_own_text(element, ("table",)))))
    return [item for item in items if item[2]]


def _own_text(element: etree._Element, skip: tuple[str, ...]) -> str:
    """Text of ``element`` without the text of nested ``skip`` elements."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in skip:
            parts.append(_own_text(child, skip))
        parts.append(child.tail or "")
    return " ".join(parts)


# --------------------------------------------------------------------------- Markdown


def markdown_items(markdown: str) -> list[Item]:
    """Headings, list items and table cells of a Markdown document (fenced code skipped)."""
    items: list[Item] = []
    fenced = False
    for raw in markdown.splitlines():
        line = _QUOTE_MARK.sub("", raw)
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        items.extend(_line_items(line))
    return [item for item in items if item[2]]


def _line_items(line: str) -> Iterator[Item]:
    if match := _HEADING.match(line):
        yield "heading", len(match.group(1)), key(_inline(match.group(2)))
    elif match := _ITEM.match(line):
        yield "list_item", 0, key(_inline(match.group(1)))
    elif (match := _ROW.match(line)) and not _RULE_ROW.match(line):
        for cell in _CELL_SPLIT.split(match.group(1)):
            yield "cell", 0, key(_inline(cell))


# --------------------------------------------------------------------------- tools


def _cleannews() -> Callable[[str, str | None], str]:
    import cleannews

    # readability's references keep written repetition (corpora.REPEATS_IN_REFERENCE)
    options = cleannews.Options(repeats=REPEATS_IN_REFERENCE["readability"])

    def run(html: str, url: str | None) -> str:
        return cleannews.extract(html, url=url, options=options).to_markdown()

    return run


def _trafilatura() -> Callable[[str, str | None], str]:
    import trafilatura

    def run(html: str, url: str | None) -> str:
        out = trafilatura.extract(
            html, url=url, output_format="markdown", include_tables=True, include_formatting=True
        )
        return out or ""

    return run


FACTORIES: dict[str, Callable[[], Callable[[str, str | None], str]]] = {
    "cleannews": _cleannews,
    "trafilatura": _trafilatura,
}


# --------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    """Per-kind counts for one tool (summed over pages)."""

    expected: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    output: Counter[str] = field(default_factory=Counter)
    as_text: Counter[str] = field(default_factory=Counter)
    heading_levels: int = 0
    seconds: float = 0.0
    misses: dict[str, list[str]] = field(default_factory=dict)

    def add(self, doc_id: str, expected: list[Item], markdown: str) -> None:
        produced = markdown_items(markdown)
        text = f" {key(_inline(markdown))} "
        missed: list[str] = []
        for kind in KINDS:
            want = Counter(k for t, _, k in expected if t == kind)
            have = Counter(k for t, _, k in produced if t == kind)
            self.expected[kind] += want.total()
            self.output[kind] += have.total()
            self.found[kind] += (want & have).total()
            self.as_text[kind] += sum(n for k, n in want.items() if f" {k} " in text)
            missed += [f"{kind}: {k[:70]}" for k in (want - have)]
        levels = Counter((lv, k) for t, lv, k in expected if t == "heading")
        self.heading_levels += (
            levels & Counter((lv, k) for t, lv, k in produced if t == "heading")
        ).total()
        if missed:
            self.misses[doc_id] = missed


def evaluate(docs: Sequence[Doc], tools: Sequence[str]) -> dict[str, Counts]:
    """Counts per tool over ``docs``."""
    runners = {name: FACTORIES[name]() for name in tools}
    counts = {name: Counts() for name in tools}
    for doc in docs:
        assert isinstance(doc.annotation, ReadabilityAnnotation)
        expected = expected_items(doc.annotation.expected_html())
        html = decode_html(doc.raw)
        for name, run in runners.items():
            start = time.perf_counter()
            try:
                markdown = run(html, doc.url)
            except Exception as exc:  # a failing page scores nothing, the run goes on
                print(f"{name} failed on {doc.id}: {exc!r}", file=sys.stderr)
                markdown = ""
            counts[name].seconds += time.perf_counter() - start
            counts[name].add(doc.id, expected, markdown)
    return counts


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def table(counts: dict[str, Counts], pages: int) -> str:
    """The results as a Markdown table."""
    lines = [
        f"Structure recall on {pages} readability pages (expected.html), Markdown output",
        "",
        "| tool | kind | expected | found | recall | precision | as text |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, c in counts.items():
        for kind in KINDS:
            exp, found = c.expected[kind], c.found[kind]
            lines.append(
                f"| {name} | {kind} | {exp} | {found} | {_ratio(found, exp)} "
                f"| {_ratio(found, c.output[kind])} | {_ratio(c.as_text[kind], exp)} |"
            )
        heads = c.expected["heading"]
        lines.append(
            f"| {name} | heading, same level | {heads} | {c.heading_levels} "
            f"| {_ratio(c.heading_levels, heads)} | | |"
        )
    lines += ["", "| tool | seconds |", "| --- | --- |"]
    lines += [f"| {name} | {c.seconds:.1f} |" for name, c in counts.items()]
    return "\n".join(lines)


def _as_json(counts: Counts) -> dict[str, Any]:
    return {
        name: dict(value) if isinstance(value, Counter) else value
        for name, value in vars(counts).items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.structure_eval")
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="all")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--details", choices=TOOLS, help="print the items TOOL missed per page")
    parser.add_argument("--json", type=Path, help="write the counts here")
    args = parser.parse_args(argv)
    docs = select(load_corpus("readability"), args.split)
    tools = [t for t in args.tools.split(",") if t]
    counts = evaluate(docs, tools)
    print(table(counts, len(docs)))
    if args.details and args.details in counts:
        for doc_id, missed in sorted(counts[args.details].misses.items()):
            print(f"\n{doc_id}:\n  " + "\n  ".join(missed))
    if args.json:
        data: dict[str, Any] = {name: _as_json(c) for name, c in counts.items()}
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
