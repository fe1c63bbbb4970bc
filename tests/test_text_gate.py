"""The text eval gate (issue 12): body F1 on the held-out pages flattened to text and Markdown
stays above the floors in ``benchmarks/floors.json`` (key ``text``: corpus -> flattening).

Measured as ``benchmarks.text_eval`` measures it, on the first GATE_PAGES held-out pages of
each corpus (all flattenings) to bound its time; skips when the corpora or the flatteners
(the ``bench`` extra) are absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

from benchmarks.corpora import CorpusMissingError  # noqa: E402

FLOORS_PATH = ROOT / "benchmarks" / "floors.json"
#: Held-out pages per corpus the gate reads.
GATE_PAGES = 120


def _floors() -> dict[str, dict[str, float]]:
    floors = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))["text"]
    return {
        c: {h: float(v) for h, v in f.items()} for c, f in floors.items() if not c.startswith("_")
    }


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["trafilatura", "readability", "wcxb"])
def test_text_f1_stays_above_floor(corpus: str) -> None:
    pytest.importorskip("inscriptis", reason="text gate needs the bench extra's flatteners")
    pytest.importorskip("html2text", reason="text gate needs the bench extra's flatteners")
    pytest.importorskip("resiliparse", reason="text gate needs the bench extra's flatteners")
    from benchmarks import flatten, text_eval

    scores = text_eval.Scores()
    try:
        for n, page in enumerate(flatten.pages(corpus, "holdout")):
            if n >= GATE_PAGES:
                break
            for how in flatten.FLATTENINGS:
                text, _ = text_eval.cleannews_text(flatten.flattened(page, how), how, corpus)
                scores.add(page, how, "cleannews", text)
    except CorpusMissingError as exc:
        pytest.skip(f"text gate skipped: {exc}")
    measured = {how: scores.f1(corpus, how, "cleannews") for how in flatten.FLATTENINGS}
    floors = _floors()[corpus]
    low = {h: (f, floors[h]) for h, f in measured.items() if f is None or f < floors[h]}
    assert not low, f"{corpus}: F1 below floor (measured, floor): {low}; all: {measured}"
