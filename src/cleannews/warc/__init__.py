"""Web archives: the pages of a WARC (``.warc``, ``.warc.gz``) or ARC (``.arc.gz``) file,
each with its :class:`~cleannews.model.Article` or the error that kept it from one.

>>> from cleannews.warc import extract_archive
>>> for record in extract_archive("crawl.warc.gz"):  # doctest: +SKIP
...     print(record.url, record.article.title if record.article else record.error)

Response records with an HTML or text payload (and a 2xx status) are extracted, decoded with
the charset of their HTTP ``Content-Type`` before the page's own declaration; resource
records of those types too. Every other record is skipped and counted in
:attr:`ArchiveReader.skipped`. A truncated or corrupt record gives an error record, and
reading goes on at the next record. WARC needs FastWARC: ``pip install 'cleannews[warc]'``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from cleannews.errors import CleannewsError
from cleannews.model import Article
from cleannews.options import Options
from cleannews.pipeline import extract
from cleannews.warc.reader import ArchiveKind, ArchiveReader, Record, archive_kind

__all__ = [
    "ArchiveKind",
    "ArchiveReader",
    "ArchiveRecord",
    "Record",
    "archive_kind",
    "extract_archive",
    "extract_record",
]


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """One page record of an archive with its article, or the error in its place."""

    url: str | None
    warc_record_id: str | None
    warc_date: datetime | None
    http_status: int | None
    content_type: str | None
    article: Article | None
    error: CleannewsError | None = None


def extract_record(record: Record, options: Options | None = None) -> ArchiveRecord:
    """The article of one record (its error, when it has none or extraction fails)."""
    fields = (record.url, record.warc_record_id, record.warc_date, record.http_status,
              record.content_type)  # fmt: skip
    if record.error is not None or record.text is None:
        return ArchiveRecord(*fields, article=None, error=record.error)
    try:
        article = extract(record.text, url=record.url, options=options)
    except CleannewsError as error:
        return ArchiveRecord(*fields, article=None, error=error)
    return ArchiveRecord(*fields, article=article)


def extract_archive(
    source: str | os.PathLike[str] | BinaryIO, *, options: Options | None = None
) -> Iterator[ArchiveRecord]:
    """Every page record of the archive ``source`` (a path, an fsspec URL or a binary file
    opened for reading) with its article or error, in file order.

    Raises :class:`~cleannews.errors.ArchiveError` when ``source`` is not an archive at all and
    :class:`~cleannews.errors.MissingExtraError` when FastWARC is not installed.
    """
    for record in ArchiveReader(source, options):
        yield extract_record(record, options)
