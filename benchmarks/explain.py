"""Explain cleannews's output on one corpus page, to study misses.

    python -m benchmarks.explain PAGE_ID [--width 160]

PAGE_ID is a trafilatura-eval file name (e.g. ``bmjv.de.konsum.html``) or a readability
folder name (e.g. ``ars-1``). Prints the kept text, the removed boilerplate items with their
reasons, and the score: for trafilatura-eval each "with"/"without" snippet found or missed,
for readability the shingle precision/recall and the reference lines missing from the output.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python benchmarks/explain.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import (
    Doc,
    ReadabilityAnnotation,
    SnippetAnnotation,
    decode_html,
    find_doc,
)
from benchmarks.metrics import PRF, normalize_ws, shingle_prf, shingle_score
from benchmarks.peers import PeerUnavailableError, load_adapter
from benchmarks.scoring import reference_text, score_text


def _extract_article(doc: Doc) -> Any:
    load_adapter("cleannews")  # raises PeerUnavailableError with a clear message
    import cleannews

    return cleannews.extract(decode_html(doc.raw), url=doc.url)


def _section(title: str) -> None:
    print(f"\n=== {title} " + "=" * max(0, 70 - len(title)))


def print_article(article: Any, width: int) -> None:
    _section(f"title: {article.title!r}")
    _section("kept text")
    print(article.text or "(empty)")
    items = tuple(article.boilerplate)
    _section(f"removed boilerplate ({len(items)} items)")
    for item in items:
        snippet = textwrap.shorten(normalize_ws(str(item.text)), width=width, placeholder=" ...")
        print(f"- [{item.reason}] {snippet}")


def print_snippets(annotation: SnippetAnnotation, text: str) -> None:
    body = normalize_ws(text)
    _section("trafilatura-eval snippets")
    for snippet in annotation.with_:
        found = normalize_ws(snippet) in body
        print(f"{'OK   found ' if found else 'MISS missing'} with:    {snippet!r}")
    for snippet in annotation.without:
        found = normalize_ws(snippet) in body
        print(f"{'BAD  found ' if found else 'OK   absent'} without: {snippet!r}")


def print_shingles(annotation: ReadabilityAnnotation, text: str) -> None:
    reference = reference_text(annotation)
    prf: PRF = shingle_prf([shingle_score(reference, text)])
    _section(f"readability shingles: P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f}")
    body = normalize_ws(text)
    missing = [line for line in reference.splitlines() if normalize_ws(line) not in body]
    print(f"reference lines missing from the output ({len(missing)}):")
    for line in missing:
        print(f"- {line}")
    kept = set(map(normalize_ws, reference.splitlines()))
    extra = [line for line in text.splitlines() if line.strip() and normalize_ws(line) not in kept]
    print(f"output lines not in the reference ({len(extra)}; may be split/merged lines):")
    for line in extra:
        print(f"+ {line}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.explain",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("page_id")
    parser.add_argument("--width", type=int, default=160, help="truncate boilerplate items")
    args = parser.parse_args(argv)
    try:
        doc = find_doc(args.page_id)
        article = _extract_article(doc)
    except (KeyError, PeerUnavailableError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{doc.corpus} page {doc.id} ({doc.split}) url={doc.url}")
    print_article(article, args.width)
    if isinstance(doc.annotation, SnippetAnnotation):
        print_snippets(doc.annotation, article.text)
    else:
        print_shingles(doc.annotation, article.text)
    chrome = score_text(doc, article.text).chrome
    if chrome:
        _section("chrome lines left in the body")
        print("\n".join(f"! {line}" for line in chrome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
