"""Explain cleannews's output on one corpus page, to study misses.

    python -m benchmarks.explain PAGE_ID [--width 160] [--holdout]
    python -m benchmarks.explain --worst 20 --corpus readability

PAGE_ID is a trafilatura-eval file name (e.g. ``bmjv.de.konsum.html``), a readability
folder name (e.g. ``ars-1``) or a wcxb-dev id (e.g. ``0001``). Prints the kept text, the
removed boilerplate items with their reasons, and the score: for trafilatura-eval each
"with"/"without" snippet found or missed, for readability and wcxb-dev the shingle
precision/recall and the reference lines missing from the output (wcxb-dev: its snippets too).
cleannews runs with the corpus's declared convention (``corpora.convention_of``: captions,
written repetition).
``--worst N`` lists the N dev pages of a corpus that cleannews scores worst, to pick misses to
study.

Held-out pages are refused unless ``--holdout`` is given: studying their misses turns the
holdout score into a tuned one (it happened once, see RESULTS.md).
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
    CORPUS_NAMES,
    CorpusMissingError,
    CorpusName,
    Doc,
    ReadabilityAnnotation,
    SnippetAnnotation,
    WcxbAnnotation,
    convention_of,
    decode_html,
    find_doc,
    load_corpus,
    select,
)
from benchmarks.metrics import PRF, normalize_ws, shingle_prf, shingle_score
from benchmarks.peers import PeerUnavailableError, cleannews_options, load_adapter
from benchmarks.scoring import page_error, reference_text, score_text


def _extract_article(doc: Doc) -> Any:
    load_adapter("cleannews")  # raises PeerUnavailableError with a clear message
    import cleannews

    options = cleannews_options(cleannews, convention_of(doc.corpus))
    return cleannews.extract(decode_html(doc.raw), url=doc.url, options=options)


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
    _section("with/without snippets")
    for snippet in annotation.with_:
        found = normalize_ws(snippet) in body
        print(f"{'OK   found ' if found else 'MISS missing'} with:    {snippet!r}")
    for snippet in annotation.without:
        found = normalize_ws(snippet) in body
        print(f"{'BAD  found ' if found else 'OK   absent'} without: {snippet!r}")


def print_shingles(annotation: ReadabilityAnnotation | WcxbAnnotation, text: str) -> None:
    reference = reference_text(annotation)
    prf: PRF = shingle_prf([shingle_score(reference, text)])
    _section(f"reference shingles: P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f}")
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


def worst_pages(corpus: CorpusName, count: int) -> list[tuple[float, str]]:
    """(error, page id) of the ``count`` dev pages with the most error: missed plus wrongly
    kept snippets (trafilatura-eval), or the shingle FP + FN share (readability, wcxb-dev)."""
    scored = []
    for doc in select(load_corpus(corpus), "dev", None):
        result = score_text(doc, _extract_article(doc).text)
        scored.append((page_error(result), doc.id))
    return sorted(scored, reverse=True)[:count]


def print_worst(corpus: CorpusName, count: int) -> int:
    try:
        rows = worst_pages(corpus, count)
    except (CorpusMissingError, PeerUnavailableError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for error, doc_id in rows:
        print(f"{error:8.3f}  {doc_id}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.explain",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("page_id", nargs="?")
    parser.add_argument("--width", type=int, default=160, help="truncate boilerplate items")
    parser.add_argument("--holdout", action="store_true", help="allow a held-out page")
    parser.add_argument("--worst", type=int, metavar="N", help="list the N worst dev pages")
    parser.add_argument("--corpus", choices=CORPUS_NAMES, default="readability")
    args = parser.parse_args(argv)
    if args.worst is not None:
        return print_worst(args.corpus, args.worst)
    if args.page_id is None:
        parser.error("give a PAGE_ID or --worst N")
    try:
        doc = find_doc(args.page_id)
        if doc.split == "holdout" and not args.holdout:
            raise KeyError(f"{doc.id} is a held-out page: study dev pages (or pass --holdout)")
        article = _extract_article(doc)
    except (KeyError, PeerUnavailableError) as exc:
        print(f"error: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        return 2
    print(f"{doc.corpus} page {doc.id} ({doc.split}) url={doc.url}")
    print_article(article, args.width)
    if isinstance(doc.annotation, SnippetAnnotation):
        print_snippets(doc.annotation, article.text)
    else:
        print_shingles(doc.annotation, article.text)
    if isinstance(doc.annotation, WcxbAnnotation):
        print(f"page type (WCXB): {doc.annotation.page_type}")
        print_snippets(doc.annotation.snippets, article.text)
    chrome = score_text(doc, article.text).chrome
    if chrome:
        _section("chrome lines left in the body")
        print("\n".join(f"! {line}" for line in chrome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
