"""Page-type accuracy of cleannews on the seven labelled page types of WCXB (wcxb-dev).

    python -m benchmarks.pagetype_eval [--split dev|holdout|all] [--details TYPE] [--markdown]

Reference: ``wcxb-dev/truth.json``, whose ``page_type`` is one of article, service, forum,
listing, documentation, collection, product. Each has a cleannews type of its own (a forum
page is a thread), in ``EXPECTED``; the table is the confusion matrix, one column per
cleannews type. All wcxb-dev pages say
``"split": "dev"``; like every corpus here, they are halved by ``corpora.split_of`` (tune on
``dev``, report ``holdout``). Each page is extracted with its URL from truth.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator

import cleannews
from benchmarks.corpora import corpora_root, split_of

#: The cleannews page type each WCXB type should get.
EXPECTED = {
    "article": "article",
    "documentation": "documentation",
    "forum": "thread",
    "listing": "listing",
    "collection": "collection",
    "service": "service",
    "product": "product",
}
KINDS = tuple(kind.value for kind in cleannews.PageType)


def pages(split: str) -> Iterator[tuple[str, str, bytes, str | None]]:
    """(id, WCXB type, raw bytes, url) of every labelled page in ``split``."""
    base = corpora_root() / "wcxb-dev"
    truth = json.loads((base / "truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        entry = truth[page_id]
        if split != "all" and split_of(page_id) != split:
            continue
        path = base / "html" / f"{page_id}.html.gz"
        if entry.get("page_type") in EXPECTED and path.exists():
            yield page_id, entry["page_type"], gzip.decompress(path.read_bytes()), entry.get("url")


def evaluate(split: str) -> tuple[dict[str, Counter[str]], list[tuple[str, str, str, str]]]:
    """Per WCXB type, how many pages got each cleannews type; and every miss with its
    verdict (the last page-type reason)."""
    table: dict[str, Counter[str]] = {kind: Counter() for kind in EXPECTED}
    misses: list[tuple[str, str, str, str]] = []
    for page_id, kind, raw, url in pages(split):
        try:
            article = cleannews.extract(raw, url=url)
        except cleannews.CleannewsError as error:
            table[kind]["error"] += 1
            misses.append((page_id, kind, "error", str(error)))
            continue
        got = article.page_type.value
        table[kind][got] += 1
        if got != EXPECTED[kind]:
            verdict = article.page_type_reasons[-1] if article.page_type_reasons else ""
            misses.append((page_id, kind, got, f"{verdict} ({article.word_count} words)"))
    return table, misses


def render(table: dict[str, Counter[str]], split: str) -> str:
    lines = [
        f"Page type on wcxb-dev ({split} half), cleannews type per WCXB type:",
        "",
        f"| WCXB type | n | expected | {' | '.join(KINDS)} | accuracy |",
        "|---|---|---|" + "---|" * len(KINDS) + "---|",
    ]
    right = total = 0
    for kind, counts in table.items():
        n = sum(counts.values())
        if not n:
            continue
        hits = counts[EXPECTED[kind]]
        right, total = right + hits, total + n
        cells = " | ".join(str(counts[k]) for k in KINDS)
        lines.append(f"| {kind} | {n} | {EXPECTED[kind]} | {cells} | {hits / n:.3f} |")
    if total:
        blank = " |" * len(KINDS)
        lines.append(f"| **all** | {total} | |{blank} **{right / total:.3f}** |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pagetype_eval")
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="dev")
    parser.add_argument("--details", metavar="TYPE", help="list this WCXB type's misses")
    args = parser.parse_args(argv)
    if not (corpora_root() / "wcxb-dev" / "truth.json").exists():
        print("wcxb-dev is absent: nothing to measure", file=sys.stderr)
        return 0
    table, misses = evaluate(args.split)
    print(render(table, args.split))
    if args.details:
        print()
        for page_id, kind, got, why in misses:
            if kind == args.details:
                print(f"{page_id}\t{kind} -> {got}\t{why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
