"""``--format parquet``: every outcome becomes a row of one parquet file (see
:mod:`cleannews.parquet`), committed when the batch ends."""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType

from cleannews.batch import Failure, Outcome, Task
from cleannews.parquet import ParquetOutput


class ParquetSink:
    """Rows of the jsonl records the workers render; an error record for each failure."""

    def __init__(self, target: Path) -> None:
        self.output = ParquetOutput(target)

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.output.__exit__(kind, error, tb)

    def write(self, task: Task, outcome: Outcome) -> Failure | None:
        if outcome.failure is not None:
            record = {"path": task.path} | dict(task.fields or {})
            self.output.write([record | {"error": outcome.failure.record()}])
        elif outcome.rendered is not None:
            self.output.write([json.loads(outcome.rendered)])
        return None
