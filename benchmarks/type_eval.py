"""Extraction F1 (P / R) per WCXB page type, and per-page deltas against a saved run.

    python -m benchmarks.type_eval [--corpus wcxb|all] [--peers cleannews,trafilatura]
                                   [--split dev|holdout|all] [--save OUT.json]
                                   [--against OLD.json]

Scores each extractor in process (the runner's adapters and metrics: ``scoring.score_text``,
``scoring.corpus_prf``) and prints, for wcxb-dev, one row per page type (article, service,
forum, listing, documentation, collection, product) and the corpus row, dev and holdout
apart. The other corpora have no page types and get their corpus row only, so one call
measures a change on all three corpora.

``--save`` writes every page's metric counts and a hash of its output text; ``--against``
reads such a file (the same extractor before a change) and adds, per row, the F1 delta and
how many pages changed output, and of those how many scored higher and lower. ``--scores``
reads the pages' scores from a saved file instead of extracting (to compare two saved runs).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

if __package__ in (None, ""):  # run as a script: python benchmarks/type_eval.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import (
    CORPUS_NAMES,
    CorpusMissingError,
    CorpusName,
    Doc,
    WcxbAnnotation,
    decode_html,
    load_corpus,
    select,
)
from benchmarks.metrics import PRF, ShingleScore, SnippetCounts, shingle_prf, snippet_prf
from benchmarks.peers import Extractor, load_adapter, safe_extract
from benchmarks.scoring import score_text

#: Changes in a page's error smaller than this count as neither up nor down.
EPSILON = 1e-6


@dataclass(frozen=True)
class PageScore:
    """One page: its row (WCXB page type, or the corpus name), split, the corpus metric's
    counts (snippets for trafilatura-eval, shingle shares otherwise) and its output's hash."""

    doc_id: str
    corpus: str
    group: str
    split: str
    tp: float
    fp: float
    fn: float
    digest: str

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.doc_id}"

    @property
    def error(self) -> float:
        return self.fp + self.fn


def group_of(doc: Doc) -> str:
    """The page's WCXB type, or the corpus name for a corpus without types."""
    annotation = doc.annotation
    if isinstance(annotation, WcxbAnnotation):
        return annotation.page_type or "untyped"
    return doc.corpus


def score_page(extractor: Extractor, doc: Doc) -> PageScore:
    """Extract and score one page."""
    text, _error = safe_extract(extractor, decode_html(doc.raw), doc.url)
    result = score_text(doc, text)
    counts = result.shingles if result.shingles is not None else result.snippets
    assert counts is not None  # score_text sets at least one of them
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    group = group_of(doc)
    return PageScore(doc.id, doc.corpus, group, doc.split, counts.tp, counts.fp, counts.fn, digest)


def prf_of(scores: Sequence[PageScore]) -> PRF:
    """The corpus metric over these pages: pooled snippet counts for trafilatura-eval,
    per-page shingle P and R averaged for the others (as ``scoring.corpus_prf``)."""
    if scores and scores[0].corpus == "trafilatura":
        return snippet_prf(SnippetCounts(int(s.tp), int(s.fp), int(s.fn)) for s in scores)
    return shingle_prf([ShingleScore(s.tp, s.fp, s.fn) for s in scores])


def rows_of(scores: Sequence[PageScore]) -> list[tuple[str, str, list[PageScore]]]:
    """(corpus, row name, pages) per group then per corpus, in a stable order."""
    rows = []
    for corpus in dict.fromkeys(s.corpus for s in scores):
        mine = [s for s in scores if s.corpus == corpus]
        groups = sorted({s.group for s in mine} - {corpus})
        rows += [(corpus, g, [s for s in mine if s.group == g]) for g in groups]
        rows.append((corpus, f"**{corpus}**", mine))
    return rows


def _cell(scores: Sequence[PageScore], split: str) -> str:
    part = [s for s in scores if split in ("all", s.split)]
    if not part:
        return "-"
    prf = prf_of(part)
    return f"{prf.f1:.4f} ({prf.precision:.3f} / {prf.recall:.3f})"


def _delta(scores: Sequence[PageScore], old: dict[str, PageScore], split: str) -> str:
    part = [s for s in scores if s.split == split and s.key in old]
    if not part:
        return "-"
    before = prf_of([old[s.key] for s in part])
    return f"{prf_of(part).f1 - before.f1:+.4f}"


def _changes(scores: Sequence[PageScore], old: dict[str, PageScore]) -> str:
    changed = [s for s in scores if s.key in old and s.digest != old[s.key].digest]
    up = sum(s.error < old[s.key].error - EPSILON for s in changed)
    down = sum(s.error > old[s.key].error + EPSILON for s in changed)
    return f"{len(changed)} ({up} up / {down} down)"


def render(peer: str, scores: Sequence[PageScore], old: dict[str, PageScore] | None) -> str:
    """A Markdown table: F1 (P / R) per row and split, and the deltas against ``old``."""
    head = ["corpus", "row", "pages", "dev F1 (P / R)", "holdout F1 (P / R)"]
    if old is not None:
        head += ["dev delta", "holdout delta", "pages changed (up / down)"]
    lines = [f"{peer}:", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for corpus, name, part in rows_of(scores):
        cells = [corpus, name, str(len(part)), _cell(part, "dev"), _cell(part, "holdout")]
        if old is not None:
            cells += [_delta(part, old, "dev"), _delta(part, old, "holdout"), _changes(part, old)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def load_scores(path: Path) -> dict[str, dict[str, PageScore]]:
    """peer -> "corpus/page id" -> score, from a ``--save`` file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        peer: {f"{row['corpus']}/{row['doc_id']}": PageScore(**row) for row in rows}
        for peer, rows in data.items()
    }


def measure(
    peer: str, corpora: Sequence[CorpusName], split: Literal["dev", "holdout", "all"]
) -> list[PageScore]:
    """Every page of ``corpora`` in ``split`` scored for one extractor."""
    found = []
    for corpus in corpora:
        extractor = load_adapter(peer, corpus)
        docs = select(load_corpus(corpus), split)
        found += [score_page(extractor, doc) for doc in docs]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.type_eval", description=__doc__)
    parser.add_argument("--corpus", choices=[*CORPUS_NAMES, "all"], default="wcxb")
    parser.add_argument("--peers", default="cleannews", help="comma-separated extractors")
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="all")
    parser.add_argument("--save", type=Path, metavar="OUT", help="write per-page scores here")
    parser.add_argument("--against", type=Path, metavar="OLD", help="compare with a --save file")
    parser.add_argument("--scores", type=Path, metavar="NEW", help="a --save file, not a run")
    args = parser.parse_args(argv)
    corpora: list[CorpusName] = list(CORPUS_NAMES) if args.corpus == "all" else [args.corpus]
    previous = load_scores(args.against) if args.against else {}
    saved: dict[str, list[dict[str, object]]] = {}
    for peer in args.peers.split(","):
        try:
            scores = (
                list(load_scores(args.scores)[peer].values())
                if args.scores
                else measure(peer, corpora, args.split)
            )
        except CorpusMissingError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        old = previous.get(peer, {}) if args.against else None
        print(render(peer, scores, old), end="\n\n")
        saved[peer] = [asdict(s) for s in scores]
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(saved), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
