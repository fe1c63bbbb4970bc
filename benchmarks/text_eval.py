"""Body F1 of cleannews on text and Markdown inputs: the dev corpora flattened four ways.

    python -m benchmarks.text_eval [--split holdout] [--corpus wcxb] [--model FILE] [--json OUT]

Every page of the chosen split (default: the held-out half) is flattened each of the ways of
``benchmarks.flatten`` and given to ``cleannews.extract`` as text (``InputKind.TEXT``; the
Markdown flattening as ``InputKind.MARKDOWN``). Baselines on the same input: jusText on the
lines (each line a ``<p>``, the stoplist of the language cleannews guessed, English when it
has none) and the input unchanged. Metrics are the corpora's own (``benchmarks.metrics``):
the 4-token shingle F1 against readability's expected text and wcxb-dev's ``body``, the
snippet F1 for trafilatura-eval. ``--model`` scores another line model file (the
leave-one-corpus-out models of ``benchmarks.train_line_model --exclude``). ``--speed`` also
times text mode against HTML mode on the same pages (CPU time per page).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import cleannews
from benchmarks.corpora import CORPUS_NAMES, CorpusMissingError, convention_of
from benchmarks.flatten import CORPORA, FLATTENINGS, Page, flattened, pages
from benchmarks.metrics import shingle_prf, shingle_score, snippet_counts, snippet_prf
from cleannews import InputKind, Options
from cleannews.text.linemodel import load_line_model

SYSTEMS = ("cleannews", "justext-lines", "input")
_JUSTEXT_LANGUAGES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "pl": "Polish", "cs": "Czech",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal", "fi": "Finnish",
    "tr": "Turkish", "hu": "Hungarian", "ro": "Romanian", "uk": "Ukrainian",
    "el": "Greek", "id": "Indonesian", "ca": "Catalan",
}  # fmt: skip


def cleannews_text(flat: str, how: str, corpus: str | None) -> tuple[str, str | None]:
    """cleannews's body and language for one flattened page of ``corpus`` (its declared
    convention for written repetition; None: the product default)."""
    kind = InputKind.MARKDOWN if how == "markdown" else InputKind.TEXT
    name = next((c for c in CORPUS_NAMES if c == corpus), None)
    options = Options(input_kind=kind, repeats=convention_of(name).repeats)
    try:
        article = cleannews.extract(flat, options=options)
    except cleannews.CleannewsError:
        return "", None
    return article.text, article.language


def justext_lines(flat: str, language: str | None) -> str:
    """jusText over the lines of the input, each line a paragraph."""
    import justext

    name = _JUSTEXT_LANGUAGES.get((language or "en").split("-")[0], "English")
    lines = [line.strip() for line in flat.splitlines() if line.strip()]
    if not lines:
        return ""
    paragraphs = "".join(f"<p>{html.escape(x)}</p>" for x in lines)
    document = f"<html><body>{paragraphs}</body></html>"
    try:
        found = justext.justext(document, justext.get_stoplist(name))
    except ValueError:
        return ""
    return "\n".join(p.text for p in found if not p.is_boilerplate)


class Scores:
    """Per (corpus, flattening, system): the per-page scores of the corpus's metric."""

    def __init__(self) -> None:
        self.per: dict[tuple[str, str, str], list[Any]] = {}

    def add(self, page: Page, how: str, system: str, text: str) -> None:
        if page.reference is None:
            value: Any = snippet_counts(text, page.with_, page.without)
        else:
            value = shingle_score(page.reference, text)
        self.per.setdefault((page.corpus, how, system), []).append(value)

    def f1(self, corpus: str, how: str, system: str) -> float | None:
        values = self.per.get((corpus, how, system))
        if not values:
            return None
        prf = snippet_prf(values) if corpus == "trafilatura" else shingle_prf(values)
        return prf.f1


def evaluate(
    corpora: Sequence[str], split: str, baselines: bool, speed: bool, limit: int | None = None
) -> tuple[Scores, dict[str, Any]]:
    scores = Scores()
    timing: dict[str, Any] = {"text_cpu": 0.0, "html_cpu": 0.0, "pages": 0}
    for corpus in corpora:
        try:
            for n, page in enumerate(pages(corpus, split)):
                if limit is not None and n >= limit:
                    break
                _score_page(page, scores, baselines)
                if speed:
                    _time_page(page, timing)
        except CorpusMissingError as error:
            print(f"skipped: {error}", file=sys.stderr)
    return scores, timing


def _score_page(page: Page, scores: Scores, baselines: bool) -> None:
    for how in FLATTENINGS:
        flat = flattened(page, how)
        text, language = cleannews_text(flat, how, page.corpus)
        scores.add(page, how, "cleannews", text)
        if baselines:
            scores.add(page, how, "justext-lines", justext_lines(flat, language))
            scores.add(page, how, "input", flat)


def _time_page(page: Page, timing: dict[str, Any]) -> None:
    """CPU time of the text pipeline on the page's whole-page text vs HTML mode on its HTML."""
    flat = flattened(page, "layout")
    timing["text_cpu"] += _cpu(lambda: cleannews_text(flat, "layout", page.corpus))
    timing["html_cpu"] += _cpu(lambda: _html(page.html))
    timing["pages"] += 1


def _html(source: str) -> None:
    try:
        cleannews.extract(source)
    except cleannews.CleannewsError:
        return


def _cpu(call: Callable[[], object]) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


def table(scores: Scores, corpora: Sequence[str], systems: Sequence[str]) -> str:
    head = "| corpus | input | " + " | ".join(systems) + " |"
    lines = [head, "|" + "---|" * (2 + len(systems))]
    for corpus in corpora:
        for how in FLATTENINGS:
            cells = [scores.f1(corpus, how, s) for s in systems]
            if all(c is None for c in cells):
                continue
            shown = " | ".join("-" if c is None else f"{c:.3f}" for c in cells)
            lines.append(f"| {corpus} | {how} | {shown} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="holdout")
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--model", type=Path, help="score this line model file instead")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--limit", type=int, help="first N pages of each corpus only")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    corpora = CORPORA if args.corpus == "all" else (args.corpus,)
    systems = SYSTEMS[:1] if args.no_baselines else SYSTEMS
    if args.model is not None:
        model = load_line_model(json.loads(args.model.read_text(encoding="utf-8")))
        patch: Any = mock.patch("cleannews.pipeline.line_model", lambda: model)
    else:
        patch = mock.patch.dict({})
    with patch:
        scores, timing = evaluate(
            corpora, args.split, not args.no_baselines, args.speed, args.limit
        )
    print(table(scores, corpora, systems))
    if timing["pages"]:
        n = timing["pages"]
        print(f"\nCPU per page: text {1000 * timing['text_cpu'] / n:.1f} ms, "
              f"HTML {1000 * timing['html_cpu'] / n:.1f} ms ({n} pages)")  # fmt: skip
    if args.json:
        out = {f"{c}/{h}/{s}": scores.f1(c, h, s) for c in corpora for h in FLATTENINGS
               for s in systems}  # fmt: skip
        report = {"split": args.split, "f1": out, "timing": timing}
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
