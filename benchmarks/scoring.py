"""Run one extractor over corpus documents and score it (shared by the runner and the gate).

Only the extraction call is timed: reading, decompressing and decoding a page, and scoring
its output, happen outside the timer.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from benchmarks.corpora import (
    CorpusName,
    Doc,
    ReadabilityAnnotation,
    SnippetAnnotation,
    Split,
    WcxbAnnotation,
    decode_html,
)
from benchmarks.metrics import (
    PRF,
    ShingleScore,
    SnippetCounts,
    chrome_lines,
    html_to_text,
    shingle_prf,
    shingle_score,
    snippet_counts,
    snippet_prf,
)
from benchmarks.peers import Extractor, safe_extract

SLOW_PAGE_SECONDS = 1.0


@dataclass(frozen=True)
class DocResult:
    """One page's outcome: ``snippets`` for trafilatura-eval, ``shingles`` for readability,
    both for wcxb (shingles on its reference body are its metric, snippets a second view)."""

    doc_id: str
    split: Split
    seconds: float
    error: str | None
    chrome: tuple[str, ...]
    snippets: SnippetCounts | None = None
    shingles: ShingleScore | None = None


@dataclass(frozen=True)
class Summary:
    """Aggregate over a set of pages of one corpus."""

    docs: int
    prf: PRF
    seconds: float
    errors: int
    over_1s: int
    slowest_id: str | None
    slowest_seconds: float
    chrome_pages: int
    #: The snippet metric on a corpus scored by shingles that also has snippets (wcxb).
    snippet_prf: PRF | None = None

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else 0.0


def score_text(doc: Doc, text: str) -> DocResult:
    """Score one extracted text against the page's annotation (timing fields left at 0)."""
    annotation = doc.annotation
    if isinstance(annotation, SnippetAnnotation):
        counts = snippet_counts(text, annotation.with_, annotation.without)
        chrome = chrome_lines(text, annotation.with_)
        return DocResult(doc.id, doc.split, 0.0, None, chrome, snippets=counts)
    if isinstance(annotation, WcxbAnnotation):
        snippets = annotation.snippets
        counts = snippet_counts(text, snippets.with_, snippets.without)
        reference = annotation.body
        chrome = chrome_lines(text, reference.splitlines())
        score = shingle_score(reference, text)
        return DocResult(doc.id, doc.split, 0.0, None, chrome, counts, score)
    reference = reference_text(annotation)
    chrome = chrome_lines(text, reference.splitlines())
    return DocResult(doc.id, doc.split, 0.0, None, chrome, shingles=shingle_score(reference, text))


def reference_text(annotation: ReadabilityAnnotation | WcxbAnnotation) -> str:
    """The reference as text: readability's expected HTML with block elements joined by
    newlines (lxml), or wcxb's reference body as given."""
    if isinstance(annotation, WcxbAnnotation):
        return annotation.body
    return html_to_text(annotation.expected_html())


def run_doc(extractor: Extractor, doc: Doc) -> DocResult:
    """Decode, extract (timed), score."""
    html = decode_html(doc.raw)
    start = time.perf_counter()
    text, error = safe_extract(extractor, html, doc.url)
    elapsed = time.perf_counter() - start
    scored = score_text(doc, text)
    return DocResult(
        scored.doc_id,
        scored.split,
        elapsed,
        error,
        scored.chrome,
        scored.snippets,
        scored.shingles,
    )


def run_docs(extractor: Extractor, docs: Sequence[Doc], warmup: bool = True) -> list[DocResult]:
    """Run sequentially. The optional warm-up call (first page, untimed, discarded) keeps
    one-off lazy initialisation inside libraries out of the per-page timings."""
    if warmup and docs:
        safe_extract(extractor, decode_html(docs[0].raw), docs[0].url)
    return [run_doc(extractor, doc) for doc in docs]


def summarize(corpus: CorpusName, results: Sequence[DocResult]) -> Summary:
    """Metric and timing aggregate for one corpus's results (any subset, e.g. one split)."""
    slowest = max(results, key=lambda r: r.seconds, default=None)
    return Summary(
        docs=len(results),
        prf=corpus_prf(corpus, results),
        seconds=sum(r.seconds for r in results),
        errors=sum(r.error is not None for r in results),
        over_1s=sum(r.seconds > SLOW_PAGE_SECONDS for r in results),
        slowest_id=slowest.doc_id if slowest else None,
        slowest_seconds=slowest.seconds if slowest else 0.0,
        chrome_pages=sum(bool(r.chrome) for r in results),
        snippet_prf=_second_view(corpus, results),
    )


def _second_view(corpus: CorpusName, results: Sequence[DocResult]) -> PRF | None:
    if corpus == "trafilatura" or not any(r.snippets is not None for r in results):
        return None
    return snippet_prf(r.snippets for r in results if r.snippets is not None)


def corpus_prf(corpus: CorpusName, results: Iterable[DocResult]) -> PRF:
    """The corpus's own metric: snippet counts for trafilatura, shingles for the others."""
    if corpus == "trafilatura":
        return snippet_prf(r.snippets for r in results if r.snippets is not None)
    return shingle_prf([r.shingles for r in results if r.shingles is not None])


def page_error(result: DocResult) -> float:
    """How much one page misses by its corpus's metric: missed plus wrongly kept snippets
    (trafilatura-eval), else the shingle FP + FN share."""
    counts = result.shingles if result.shingles is not None else result.snippets
    assert counts is not None  # score_text sets at least one of them
    return counts.fp + counts.fn


def by_split(results: Sequence[DocResult], split: Split) -> list[DocResult]:
    return [r for r in results if r.split == split]
