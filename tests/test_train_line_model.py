"""The line model's leave-one-corpus-out validation (``train_line_model --validate``): each
corpus is scored with a model fitted on the other corpora's dev pages only."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="training needs the bench extra")

from benchmarks import train_line_model as tlm


def _item(corpus: str, n: int) -> tlm.PageLines:
    return tlm.PageLines(corpus, str(n), "layout", np.zeros((1, 1)), np.zeros(1), ["x"])


def test_each_corpus_is_scored_by_a_model_that_never_saw_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = [_item(c, n) for c in tlm.CORPORA for n in range(2)]
    trained_on: dict[str, set[str]] = {}

    def build(fitting: list[tlm.PageLines], iterations: int, exclude: str) -> dict[str, Any]:
        trained_on[exclude] = {item.corpus for item in fitting}
        return {"left_out": exclude}

    def holdout_f1(model: dict[str, Any], corpus: str) -> dict[str, float | None]:
        assert model["left_out"] == corpus
        return {how: 0.5 for how in tlm.FLATTENINGS}

    monkeypatch.setattr(tlm, "build", build)
    monkeypatch.setattr(tlm, "holdout_f1", holdout_f1)
    report = tlm.validate(items, 10)
    assert set(report) == set(tlm.CORPORA)
    for corpus, seen in trained_on.items():
        assert seen == set(tlm.CORPORA) - {corpus}
    table = tlm.loo_table(report)
    assert table.count("\n") == 1 + len(tlm.CORPORA) and "0.500" in table
