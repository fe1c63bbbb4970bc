"""Parquet output: one row per document (a page, or a web archive's record) with typed
columns, written in row groups and committed atomically. Needs pyarrow: the ``parquet`` extra.

The rows are made from the JSON records the command line writes as jsonl (an article's
``to_dict()`` after its ``path`` and, for a web archive's record, its ``url``,
``warc_record_id``, ``warc_date``, ``http_status`` and ``content_type``; or an ``error``).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from cleannews.errors import MissingExtraError

MISSING_PYARROW = "parquet output needs pyarrow: pip install 'cleannews[parquet]'"
#: Rows buffered before they are written as one row group.
ROW_GROUP = 1000

#: Column name and type name (see :func:`schema`), in order.
COLUMNS = (
    ("path", "string"), ("url", "string"), ("warc_record_id", "string"),
    ("warc_date", "timestamp"), ("http_status", "int32"), ("content_type", "string"),
    ("title", "string"), ("text", "string"), ("published", "timestamp"),
    ("modified", "timestamp"), ("authors", "list"), ("description", "string"),
    ("site_name", "string"), ("publisher", "string"), ("language", "string"),
    ("page_type", "string"), ("is_article", "bool"), ("word_count", "int32"),
    ("reading_time_minutes", "int32"), ("canonical_url", "string"), ("section", "string"),
    ("tags", "list"), ("image", "string"), ("sections", "json"), ("toc", "json"),
    ("error_type", "string"), ("error_message", "string"),
)  # fmt: skip


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise MissingExtraError(MISSING_PYARROW) from None
    return pyarrow


def schema() -> Any:
    """The pyarrow schema of the rows: dates are UTC timestamps, authors and tags lists of
    strings, sections and toc JSON text."""
    pa = _pyarrow()
    types = {
        "string": pa.string(), "json": pa.string(), "int32": pa.int32(), "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"), "list": pa.list_(pa.string()),
    }  # fmt: skip
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS])


def row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The row of one JSON record (an article's or an error's)."""
    error = record.get("error") or {}
    out: dict[str, Any] = {}
    for name, kind in COLUMNS:
        value = record.get(name)
        if kind == "timestamp":
            value = timestamp(value)
        elif kind == "json":
            value = None if value is None else json.dumps(value, ensure_ascii=False)
        out[name] = value
    out["error_type"], out["error_message"] = error.get("type"), error.get("message")
    return out


def timestamp(value: object) -> datetime | None:
    """An ISO 8601 date or date-time as a UTC date-time (a naive one is taken as UTC)."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def umask() -> int:
    """The process's umask (files made by mkstemp are private; outputs get the usual mode)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ParquetOutput:
    """A parquet file written row group by row group to a temporary file beside ``target``,
    renamed over it by :meth:`commit`: an interrupted run never leaves a partial file."""

    def __init__(self, target: Path) -> None:
        pa = _pyarrow()
        import pyarrow.parquet as pq

        self.target, self._pa, self._rows = Path(target), pa, list[dict[str, Any]]()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(
            dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".part"
        )
        os.close(fd)
        self._temp, self._schema = Path(temp), schema()
        self._writer = pq.ParquetWriter(self._temp, self._schema, compression="zstd")
        self.rows = 0

    def __enter__(self) -> ParquetOutput:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Add the rows of ``records``."""
        for record in records:
            self._rows.append(row(record))
            self.rows += 1
            if len(self._rows) >= ROW_GROUP:
                self._flush()

    def _flush(self) -> None:
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows = []

    def commit(self) -> None:
        """Write what is left and put the file in place."""
        self._flush()
        self._writer.close()
        os.chmod(self._temp, 0o666 & ~umask())
        os.replace(self._temp, self.target)

    def abort(self) -> None:
        """Drop the temporary file."""
        with contextlib.suppress(OSError, self._pa.lib.ArrowException):  # broken already
            self._writer.close()
        with contextlib.suppress(OSError):
            self._temp.unlink()
