"""The snapshot check: every dev-corpus page's ``Article`` as JSON, one digest per page.

A refactor must leave output byte-identical. ``--write FILE`` records the digests of every page
of every corpus found (HTML as saved, plus the extracted body fed back as plain text and as
Markdown, so the text pipeline is covered too; and every ``--flat-every``-th dev page flattened
whole-page each way of ``benchmarks.flatten``, menus, footers and frames included, as text or
Markdown); ``--check FILE`` recomputes them and lists the pages whose output changed. Digests,
not outputs, are stored: the file stays small and holds no corpus text.

    python -m benchmarks.snapshot --write /tmp/before.tsv
    ... refactor ...
    python -m benchmarks.snapshot --check /tmp/before.tsv
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import cleannews
from cleannews import InputKind, Options

PROJECT_ROOT = Path(__file__).resolve().parents[1]
_PATTERNS = {
    "trafilatura-eval": "html/*.gz",
    "readability": "*/source.html.gz",
    "wcxb-dev": "html/*.html.gz",
}
_READABILITY_URL = "http://fakehost/test/page.html"


def corpora_root() -> Path:
    """``$CLEANNEWS_CORPORA`` or ``../shared/corpora`` beside the project."""
    env = os.environ.get("CLEANNEWS_CORPORA")
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "corpora"


def pages(root: Path) -> Iterator[tuple[str, bytes, str | None]]:
    """(page id, raw bytes, url) for every saved page of every corpus present."""
    for corpus, pattern in _PATTERNS.items():
        for path in sorted((root / corpus).glob(pattern)):
            url = _READABILITY_URL if corpus == "readability" else None
            yield (
                f"{corpus}/{path.relative_to(root / corpus)}",
                gzip.decompress(path.read_bytes()),
                url,
            )


def _digest(article: cleannews.Article) -> str:
    return hashlib.sha256(article.to_json(indent=None).encode()).hexdigest()[:20]


def page_digests(page_id: str, raw: bytes, url: str | None) -> Iterator[tuple[str, str]]:
    """The page's HTML digest, then the digests of its body read back as text and Markdown."""
    try:
        article = cleannews.extract(raw, url=url)
    except cleannews.CleannewsError as error:
        yield page_id, f"error:{type(error).__name__}"
        return
    yield page_id, _digest(article)
    text_options = Options(input_kind=InputKind.TEXT)
    for kind, flat in (("text", article.to_text()), ("md", article.to_markdown())):
        try:
            yield f"{page_id}#{kind}", _digest(cleannews.extract(flat, options=text_options))
        except cleannews.CleannewsError as error:
            yield f"{page_id}#{kind}", f"error:{type(error).__name__}"


def flat_digests(every: int, limit: int | None) -> Iterator[tuple[str, str]]:
    """Digests of every ``every``-th dev page of each corpus flattened whole-page each way
    (the line model, main run and frames see menus and footers only here)."""
    from benchmarks.corpora import CorpusMissingError
    from benchmarks.flatten import CORPORA, FLATTENINGS, flattened
    from benchmarks.flatten import pages as flat_pages

    for corpus in CORPORA:
        try:
            chosen = list(flat_pages(corpus, "dev"))[::every][:limit]
        except CorpusMissingError:
            continue
        for page in chosen:
            for how in FLATTENINGS:
                yield f"flat/{corpus}/{page.id}#{how}", _flat_digest(flattened(page, how), how)


def _flat_digest(flat: str, how: str) -> str:
    kind = InputKind.MARKDOWN if how == "markdown" else InputKind.TEXT
    try:
        return _digest(cleannews.extract(flat, options=Options(input_kind=kind)))
    except cleannews.CleannewsError as error:
        return f"error:{type(error).__name__}"


def compute(root: Path, limit: int | None, flat_every: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, (page_id, raw, url) in enumerate(pages(root)):
        if limit is not None and n >= limit:
            break
        out.update(page_digests(page_id, raw, url))
    if flat_every > 0:
        out.update(flat_digests(flat_every, limit))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, metavar="FILE")
    group.add_argument("--check", type=Path, metavar="FILE")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument(
        "--flat-every", type=int, default=4, metavar="N",
        help="also every Nth dev page flattened whole-page (0: none; needs the bench extra)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    root = corpora_root()
    if not root.is_dir():
        print(f"snapshot: no corpora at {root} (set CLEANNEWS_CORPORA)", file=sys.stderr)
        return 2
    digests = compute(root, args.limit, args.flat_every)
    if args.write:
        args.write.write_text("".join(f"{k}\t{v}\n" for k, v in digests.items()))
        print(f"snapshot: {len(digests)} outputs written to {args.write}")
        return 0
    before = dict(line.split("\t") for line in args.check.read_text().splitlines())
    keys = digests.keys() if args.limit is not None else digests.keys() | before.keys()
    changed = sorted(k for k in keys if digests.get(k) != before.get(k))
    for key in changed:
        print(f"changed: {key}")
    print(f"snapshot: {len(digests)} outputs, {len(changed)} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
