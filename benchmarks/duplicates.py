"""Count corpus pages whose extracted body repeats a paragraph (issue 11's duplicate target).

    python -m benchmarks.duplicates                     # every page of the three corpora
    python -m benchmarks.duplicates --split dev --list  # dev pages, with the repeated lines

A paragraph here is a line of ``Article.text`` that comes from a section heading, a paragraph,
a list item, a quotation or (when the text counts captions) a figure caption, white space
collapsed; table rows and code are data, where repeated lines are the content, and are not
counted. A page counts when one of its paragraphs of ``--min-chars`` (default 60) or more
characters appears twice or more (the same paragraph: white space collapsed and case folded,
as the duplicate filter has it).
cleannews runs with each corpus's declared convention (``corpora.convention_of``: captions,
and readability's written repetition kept), as the runner scores it; ``--default-options``
runs plain ``Options()`` instead (what a user gets: captions out, each repeat once);
``--keep-repeats`` adds ``Options(repeats=True)`` (written repetition kept, every corpus).
``--list`` prints dev pages only: held-out pages are counted, never shown.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python benchmarks/duplicates.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import (
    CORPUS_NAMES,
    Convention,
    CorpusName,
    Doc,
    convention_of,
    decode_html,
    load_corpus,
    select,
)
from benchmarks.peers import cleannews_options, load_adapter

MIN_CHARS = 60


def repeated_paragraphs(article: Any, min_chars: int = MIN_CHARS) -> list[str]:
    """The paragraphs of ``article`` (lines, white space collapsed) of ``min_chars``+
    characters that occur more than once, in order of first occurrence (their first copy's
    text). Two lines are the same paragraph as cleannews's duplicate filter has it
    (``filters.duplicates.paragraph_key``: white space collapsed, case folded)."""
    from cleannews.filters.duplicates import paragraph_key

    texts: list[str] = []
    for section in article.sections:
        texts.append(section.heading or "")
        texts.extend(_texts(section.content, article.captions_in_text))
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for line in (" ".join(raw.split()) for text in texts for raw in text.splitlines()):
        if len(line) >= min_chars:
            key = paragraph_key(line)
            first.setdefault(key, line)
            counts[key] += 1
    return [first[key] for key, n in counts.items() if n > 1]


def _texts(content: Sequence[Any], captions: bool) -> Iterator[str]:
    """Texts of body nodes: paragraphs, list items, quotations, captions if counted."""
    from cleannews import Figure, ListBlock, Paragraph, Quote

    for node in content:
        if isinstance(node, Paragraph) or (captions and isinstance(node, Figure)):
            yield node.text
        elif isinstance(node, ListBlock):
            yield from node.texts
        elif isinstance(node, Quote):
            yield from _texts(node.content, captions)


def _article(doc: Doc, default_options: bool, keep_repeats: bool = False) -> Any:
    import dataclasses

    import cleannews

    convention = Convention() if default_options else convention_of(doc.corpus)
    if keep_repeats:
        convention = dataclasses.replace(convention, repeats=True)
    options = cleannews_options(cleannews, convention)
    return cleannews.extract(decode_html(doc.raw), url=doc.url, options=options)


def count(corpus: CorpusName, docs: Sequence[Doc], args: argparse.Namespace) -> tuple[int, int]:
    """(pages with a repeated paragraph, pages) of ``docs``, listing dev pages if asked."""
    found = 0
    for doc in docs:
        repeated = repeated_paragraphs(
            _article(doc, args.default_options, args.keep_repeats), args.min_chars
        )
        if not repeated:
            continue
        found += 1
        if args.list and doc.split == "dev":
            print(f"{corpus} {doc.id}: {len(repeated)} repeated")
            for line in repeated:
                print(f"    {line[:110]!r}")
    return found, len(docs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=[*CORPUS_NAMES, "all"], default="all")
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="all")
    parser.add_argument("--min-chars", type=int, default=MIN_CHARS)
    parser.add_argument("--list", action="store_true", help="print the dev pages and lines")
    parser.add_argument("--default-options", action="store_true")
    parser.add_argument("--keep-repeats", action="store_true", help="Options(repeats=True)")
    args = parser.parse_args(argv)
    load_adapter("cleannews")
    names = CORPUS_NAMES if args.corpus == "all" else (args.corpus,)
    total_found = total = 0
    for name in names:
        docs = load_corpus(name)
        for split in ("dev", "holdout") if args.split == "all" else (args.split,):
            found, pages = count(name, select(docs, split), args)
            repeat = f"repeat a {args.min_chars}+-char paragraph"
            print(f"{name} {split}: {found} of {pages} pages {repeat}")
            total_found, total = total_found + found, total + pages
    print(f"all: {total_found} of {total} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
