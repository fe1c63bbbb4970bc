"""The output formats of a batch, in one table: each format's file extension and renderer.

A *record* is what the JSON formats write for one input: ``schema_version``, the input's
``path``, then :meth:`Article.to_dict` (``src/cleannews/data/record.schema.json`` describes
it). A format added here is offered by the command line and by ``--output-dir`` naming.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the table is read by ``cleannews --help``, which loads no renderer
    from cleannews.model import Article

#: The version of the record layout; raised when a field changes meaning or is removed.
SCHEMA_VERSION = 1

#: The columns ``--format csv`` writes, in order, unless others are chosen.
CSV_COLUMNS = (
    "path", "url", "title", "published", "authors", "language", "page_type", "word_count",
    "text",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Render:
    """What a renderer gets besides the article."""

    path: str | None = None
    explain: bool = False
    columns: tuple[str, ...] = CSV_COLUMNS
    #: Fields that lead the record after the path (a web archive record's id, date...).
    fields: Mapping[str, Any] | None = None


def record(
    article: Article,
    path: str | None,
    *,
    explain: bool = False,
    fields: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON record of one input: schema version, path, the input's own ``fields`` (a
    web archive record's id...), then the article's fields."""
    from cleannews.output.dicts import to_dict

    data = to_dict(article)
    if not explain:
        del data["boilerplate"]
    return {"schema_version": SCHEMA_VERSION, "path": path} | dict(fields or {}) | data


def error_record(
    path: str | None, error: Mapping[str, str], fields: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON record of an input that failed: its path and ``{"type", "message"}``."""
    head = {"schema_version": SCHEMA_VERSION, "path": path} | dict(fields or {})
    return head | {"error": dict(error)}


def _record(article: Article, how: Render) -> dict[str, Any]:
    return record(article, how.path, explain=how.explain, fields=how.fields)


def _json(article: Article, how: Render) -> str:
    return json.dumps(_record(article, how), ensure_ascii=False, indent=2)


def _jsonl(article: Article, how: Render) -> str:
    return json.dumps(_record(article, how), ensure_ascii=False)


def csv_row(values: Mapping[str, Any], columns: tuple[str, ...]) -> str:
    """One CSV line (RFC 4180 quoting) of ``values`` in ``columns`` order; lists joined by
    ``"; "``, missing values empty."""
    buffer = io.StringIO()
    cells = []
    for name in columns:
        value = values.get(name)
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        cells.append("" if value is None else str(value))
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _csv(article: Article, how: Render) -> str:
    return csv_row(_record(article, how), how.columns)


@dataclass(frozen=True, slots=True)
class Format:
    """An output format: the extension of its files and how an article is rendered."""

    extension: str
    render: Callable[[Article, Render], str]
    #: One record per line: a batch of them shares one stream without separators.
    lines: bool = False


def _markdown(article: Article, _: Render) -> str:
    from cleannews.output.markdown import to_markdown

    return to_markdown(article)


def _text(article: Article, _: Render) -> str:
    from cleannews.output.text import to_text

    return to_text(article)


def _page(article: Article, _: Render) -> str:
    from cleannews.output.html import to_page

    return to_page(article)


FORMATS: dict[str, Format] = {
    "json": Format(".json", _json),
    "jsonl": Format(".json", _jsonl, lines=True),
    "markdown": Format(".md", _markdown),
    "text": Format(".txt", _text),
    "html": Format(".html", _page),
    "csv": Format(".csv", _csv, lines=True),
}


def render(article: Article, fmt: str, how: Render) -> str:
    """``article`` in format ``fmt``, ending with exactly one newline."""
    return FORMATS[fmt].render(article, how).rstrip("\n") + "\n"
