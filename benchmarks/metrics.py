"""The two corpus metrics, exactly as ``shared/corpora/README.md`` defines them.

* trafilatura-eval snippet metric: across all pages, a "with" snippet found in the extracted
  body (whitespace-normalised substring match) is a true positive, a missing one a false
  negative; a "without" snippet found is a false positive. Counts are summed over all pages
  before precision/recall/F1 are computed. An empty or failed extraction finds nothing (all
  "with" snippets become false negatives).
* readability 4-token shingle metric (the public article-extraction benchmark's): tokens are
  ``\\w+`` (``regex`` module), shingles are runs of 4 consecutive tokens counted as multisets
  (a text with 1-3 tokens has one shorter shingle). Per document TP/FP/FN are normalised to
  sum to 1; precision is averaged over documents with TP+FP > 0 and recall over documents
  with TP+FN > 0 (the benchmark's conventions), and F1 is computed from those two averages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import lxml.html
import regex
from lxml import etree

SHINGLE_SIZE: Final = 4
_TOKEN: Final = regex.compile(r"\w+")


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 (F1 is the harmonic mean of the two; 0 when both are 0)."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


@dataclass(frozen=True)
class SnippetCounts:
    """TP/FP/FN snippet counts for one page or (summed) for many."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def prf(self) -> PRF:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return PRF(precision, recall)


def normalize_ws(text: str) -> str:
    """Collapse every run of whitespace (including NBSP) to one space and strip the ends."""
    return " ".join(text.split())


def snippet_counts(text: str, with_: Iterable[str], without: Iterable[str]) -> SnippetCounts:
    """Score one page's extracted body text against its "with"/"without" snippets."""
    body = normalize_ws(text)
    found_with = [normalize_ws(snippet) in body for snippet in with_]
    found_without = [normalize_ws(snippet) in body for snippet in without]
    return SnippetCounts(
        tp=sum(found_with), fp=sum(found_without), fn=len(found_with) - sum(found_with)
    )


def snippet_prf(per_page: Iterable[SnippetCounts]) -> PRF:
    """Aggregate metric: sum TP/FP/FN over all pages, then compute P/R/F1."""
    return sum(per_page, SnippetCounts()).prf()


@dataclass(frozen=True)
class ShingleScore:
    """One document's shingle TP/FP/FN, normalised to sum to 1 (all 0 if both texts are empty)."""

    tp: float
    fp: float
    fn: float


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; 1..size-1 tokens make one short shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    count = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(count))


def shingle_score(reference: str, prediction: str, size: int = SHINGLE_SIZE) -> ShingleScore:
    """Per-document shingle matching of a prediction against the reference text."""
    return score_shingles(shingles(reference, size), shingles(prediction, size))


def score_shingles(
    expected: Counter[tuple[str, ...]], predicted: Counter[tuple[str, ...]]
) -> ShingleScore:
    """The shingle score of a prediction's shingles against the reference's."""
    tp = sum((expected & predicted).values())
    fp = sum((predicted - expected).values())
    fn = sum((expected - predicted).values())
    total = tp + fp + fn
    if total == 0:
        return ShingleScore(0.0, 0.0, 0.0)
    return ShingleScore(tp / total, fp / total, fn / total)


def shingle_prf(per_doc: Sequence[ShingleScore]) -> PRF:
    """Average per-document precision and recall (benchmark conventions), F1 from the means."""
    precisions = [s.tp / (s.tp + s.fp) for s in per_doc if s.tp + s.fp > 0]
    recalls = [s.tp / (s.tp + s.fn) for s in per_doc if s.tp + s.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    return PRF(precision, recall)


# --- HTML -> text (for expected.html and for extractors that return HTML) -------------------

BLOCK_TAGS: Final = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
SKIP_TAGS: Final = frozenset({"script", "style", "noscript", "template", "head"})


def html_to_text(html: str) -> str:
    """Text of an HTML document or fragment: block elements' text joined by newlines.

    Inline text inside a block is joined as-is, whitespace inside each line is collapsed, and
    empty lines are dropped. Nested blocks never duplicate text (each text node is emitted
    once, with a line break at every block boundary).
    """
    if not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    lines = (normalize_ws(line) for line in "".join(_text_parts(root)).split("\n"))
    return "\n".join(line for line in lines if line)


def _text_parts(root: etree._Element) -> list[str]:
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event in ("comment", "pi"):
            parts.append(element.tail or "")
            continue
        is_block = element.tag in BLOCK_TAGS
        if event == "start":
            if element.tag in SKIP_TAGS:
                walker.skip_subtree()
            else:
                parts.append("\n" if is_block else "")
                parts.append(element.text or "")
            continue
        parts.append("\n" if is_block else "")
        if element is not root:
            parts.append(element.tail or "")
    return parts


# --- "chrome left in body" -------------------------------------------------------------------

CHROME_MAX_LINE: Final = 40
_CHROME_LINE: Final = regex.compile(
    r"""^[\W_]*(?:
        read\s+more(?:\s+(?:about|here|on))?
      | related(?:\s+(?:articles?|stories|posts?|content|links|news|topics|coverage|reading))?
      | subscribe(?:\s+(?:now|today|here|to\s+our\s+newsletter))?
      | advertisements?
      | share(?:\s+(?:this|on|via|it|article|story|post|page|facebook|twitter|x|email
                     |linkedin|whatsapp)){0,3}
    )[\W_]*$""",
    regex.IGNORECASE | regex.VERBOSE,
)


def chrome_lines(text: str, reference_lines: Iterable[str] = ()) -> tuple[str, ...]:
    """Short lines of ``text`` that are page chrome (Read more / Related / Subscribe /
    Advertisement / Share, case-insensitive, whole line) and that the reference lacks.

    ``reference_lines`` are normalised and compared case-insensitively; a chrome line also
    counts as present in the reference when it is contained in one of them.
    """
    reference = [normalize_ws(line).casefold() for line in reference_lines]
    found: list[str] = []
    for raw_line in text.splitlines():
        line = normalize_ws(raw_line)
        if not line or len(line) > CHROME_MAX_LINE or not _CHROME_LINE.match(line):
            continue
        folded = line.casefold()
        if not any(folded in ref for ref in reference):
            found.append(line)
    return tuple(found)
