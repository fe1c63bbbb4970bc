"""Reading an archive record by record: WARC with FastWARC, ARC with a small reader of its
own (FastWARC reads WARC only). Every page record becomes a :class:`Record` with its decoded
text or its error; other records are skipped and counted; a corrupt or truncated record
becomes an error record and reading goes on at the next record that can be found."""

from __future__ import annotations

import contextlib
import enum
import os
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import regex

from cleannews.errors import (
    ArchiveError,
    CleannewsError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MissingExtraError,
)
from cleannews.input.decode import decode
from cleannews.options import Options
from cleannews.rules.diskcache import compile_pattern
from cleannews.warc.http import Message, is_page, parse_response, payload
from cleannews.warc.members import GZIP_MAGIC, inflate_member, member_end, next_start, read_head

#: Bytes of a record block read beyond the payload limit (room for the HTTP headers).
HEAD_SLACK = 64 * 1024
MISSING_FASTWARC = "reading WARC files needs FastWARC: pip install 'cleannews[warc]'"
_ARC_LINE = compile_pattern(rb"(\S+) (\S+) (\d{8,14}) (\S*)(?: .*)? (\d+)\r?\n")


class ArchiveKind(enum.Enum):
    """The archive formats cleannews reads (each also gzipped, record by record)."""

    WARC = "warc"
    ARC = "arc"


def kind_of(head: bytes) -> ArchiveKind | None:
    """The archive kind of a file whose first (decompressed) bytes are ``head``."""
    if head.startswith(b"WARC/"):
        return ArchiveKind.WARC
    if head.startswith(b"filedesc://"):
        return ArchiveKind.ARC
    return None


def archive_kind(path: str | os.PathLike[str]) -> ArchiveKind | None:
    """The kind of archive ``path`` is, by its magic bytes; None for anything else."""
    try:
        with open(path, "rb") as handle:
            return kind_of(read_head(handle, 0, 16))
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Record:
    """One page record of an archive: where it came from, and its text or why there is none."""

    url: str | None
    warc_record_id: str | None
    warc_date: datetime | None
    http_status: int | None
    content_type: str | None
    #: Where the record starts in the file (compressed offset for a gzipped archive).
    offset: int
    text: str | None = None
    error: CleannewsError | None = None

    def fields(self) -> dict[str, Any]:
        """The record's fields for a JSON record (the date as ISO 8601)."""
        date = self.warc_date.isoformat() if self.warc_date else None
        return {
            "url": self.url,
            "warc_record_id": self.warc_record_id,
            "warc_date": date,
            "http_status": self.http_status,
            "content_type": self.content_type,
        }


@dataclass(slots=True)
class _Head:
    """What is known of a record before its payload is read."""

    kind: str
    url: str | None
    record_id: str | None
    date: datetime | None
    offset: int
    length: int | None

    def __post_init__(self) -> None:
        # a damaged header can put a CR or other control character into a field's value
        self.url, self.record_id = _field(self.url), _field(self.record_id)

    def record(self, message: Message | None = None, **result: Any) -> Record:
        status = message.status if message else None
        content_type = message.content_type if message else None
        return Record(self.url, self.record_id, self.date, status, content_type, self.offset,
                      **result)  # fmt: skip


class ArchiveReader:
    """The page records of one WARC or ARC file, in file order.

    ``skipped`` counts the records that are not pages, by reason; ``position`` is how far
    into the file reading has got (bytes, compressed), out of ``size``.
    """

    def __init__(self, source: str | os.PathLike[str] | BinaryIO, options: Options | None = None):
        self.source, self.options = source, options or Options()
        self.skipped: Counter[str] = Counter()
        self.position, self.size = 0, 0
        self._incomplete = False
        self._looks_like: Callable[[bytes], bool] = _looks_like_warc

    def __iter__(self) -> Iterator[Record]:
        with self._open() as handle:
            self.size = handle.seek(0, os.SEEK_END)
            handle.seek(0)
            head = read_head(handle, 0, 16)
            if self.size == 0:
                raise EmptyInputError("the file is empty, not a WARC or ARC archive")
            kind = kind_of(head)
            if kind is None:
                raise ArchiveError("not a WARC or ARC archive (it does not start like one)")
            gzipped = handle.seek(0) == 0 and handle.read(3) == GZIP_MAGIC
            reading = self._warc if kind is ArchiveKind.WARC else self._arc
            self._looks_like = _looks_like_warc if kind is ArchiveKind.WARC else _looks_like_arc
            start: int | None = 0
            while start is not None:
                start = yield from reading(handle, start, gzipped)
            self.position = self.size

    @contextlib.contextmanager
    def _open(self) -> Iterator[BinaryIO]:
        source = self.source
        if not isinstance(source, str | os.PathLike):
            yield source
        elif isinstance(source, str) and "://" in source:
            import fsspec  # a dependency of dask: remote archives are read on a cluster

            with fsspec.open(source, "rb") as handle:
                yield handle
        else:
            with _open_file(Path(source)) as handle:
                yield handle

    # WARC -----------------------------------------------------------------------------------

    def _warc(
        self, handle: BinaryIO, start: int, gzipped: bool
    ) -> Generator[Record, None, int | None]:
        """Records from ``start`` on; returns where to go on after a corrupt record."""
        try:
            from fastwarc.warc import ArchiveIterator
        except ImportError:
            raise MissingExtraError(MISSING_FASTWARC) from None
        handle.seek(start)
        last: int | None = None
        try:
            for item in ArchiveIterator(handle, parse_http=False):
                last = self.position = item.stream_pos
                record = self._warc_record(item)
                if record is not None:
                    yield record
        except OSError as error:  # FastWARC: corrupt gzip data or an unreadable header
            why = str(error)
            return (yield from self._recover(handle, start, last, gzipped, why))
        yield from self._check_end(handle, start if last is None else last, gzipped)
        return None

    def _warc_record(self, item: Any) -> Record | None:
        from fastwarc.warc import WarcRecordType

        kind, name = item.record_type, str(item.record_type)
        if int(kind) not in (int(WarcRecordType.response), int(WarcRecordType.resource)):
            self.skipped[f"{name} record"] += 1
            return None
        headers = item.headers
        length = headers.get("Content-Length") or ""
        head = _Head(name, headers.get("WARC-Target-URI"), headers.get("WARC-Record-ID"),
                     _date(headers.get("WARC-Date")), item.stream_pos,
                     int(length) if length.isdigit() else None)  # fmt: skip
        if head.length is None or head.record_id is None:
            self._incomplete = True
            message = f"truncated or corrupt WARC header at byte {head.offset:,}"
            return head.record(error=ArchiveError(message))
        block = item.reader.read(min(head.length, self.options.max_input_bytes + HEAD_SLACK))
        if kind == WarcRecordType.resource:
            content_type = headers.get("Content-Type") or ""
            return self._page(head, Message(None, {"content-type": content_type}, block), block)
        return self._page(head, parse_response(block), block)

    def _page(self, head: _Head, message: Message | None, block: bytes) -> Record | None:
        """The record of a page (None, counted, for anything else)."""
        assert head.length is not None
        limit = self.options.max_input_bytes
        if head.length > len(block) and head.length <= limit + HEAD_SLACK:
            self._incomplete = True
            error = ArchiveError(
                f"truncated record: {len(block):,} of {head.length:,} bytes (the file ends)"
            )
            return (
                head.record(message, error=error) if message is None or is_page(message) else None
            )
        if message is None:
            self.skipped[f"{head.kind} record without an HTTP response"] += 1
            return None
        if not is_page(message):
            self.skipped[f"not a page ({message.media_type or 'no Content-Type'})"] += 1
            return None
        if message.status is not None and not 200 <= message.status < 300:
            self.skipped[f"HTTP status {message.status}"] += 1
            return None
        if head.length > limit + HEAD_SLACK:
            too_large = InputTooLargeError(
                f"record is {head.length:,} bytes, over the {limit:,}-byte limit (--max-bytes)"
            )
            return head.record(message, error=too_large)
        try:
            text = decode(payload(message, limit), message.charset)
        except CleannewsError as error:
            return head.record(message, error=error)
        return head.record(message, text=text)

    def _recover(
        self,
        handle: BinaryIO,
        start: int,
        last: int | None,
        gzipped: bool,
        why: str,
    ) -> Generator[Record, None, int | None]:
        """An error record for the corrupt record after ``last``; where to read on."""
        bad: int | None = start if last is None else last
        if last is not None:  # the last record read may be whole, and the next one bad
            bad = (member_end(handle, last) if gzipped else _plain_end(handle, last)) or last
        assert bad is not None
        resume = next_start(handle, bad, gzipped=gzipped, looks_like=self._looks_like)
        after = f"reading on at byte {resume:,}" if resume else "nothing after it can be read"
        head = _partial_head(read_head(handle, bad, 8192), bad)
        yield head.record(error=ArchiveError(f"corrupt record at byte {bad:,} ({why}); {after}"))
        self._incomplete = False
        return resume

    def _check_end(self, handle: BinaryIO, last: int, gzipped: bool) -> Iterator[Record]:
        """An error record when the file goes on after the last record read: a final record
        so truncated that FastWARC does not report it at all."""
        if self._incomplete:
            return
        end = member_end(handle, last) if gzipped else _plain_end(handle, last)
        handle.seek(end or last)
        rest = handle.read(HEAD_SLACK) if end is not None else b""
        if end is None or rest.strip():
            where = last if end is None else end
            message = f"truncated record at byte {where:,} (the file ends inside it)"
            yield _partial_head(read_head(handle, where, 8192), where).record(
                error=ArchiveError(message)
            )

    # ARC ------------------------------------------------------------------------------------

    def _arc(
        self, handle: BinaryIO, start: int, gzipped: bool
    ) -> Generator[Record, None, int | None]:
        """ARC records from ``start`` on (gzipped: one gzip member per record)."""
        position = start
        while position < self.size:
            self.position = position
            keep = self.options.max_input_bytes + HEAD_SLACK
            if gzipped:
                data, end = inflate_member(handle, position, keep)
            else:
                handle.seek(position)
                data, end = handle.read(keep), None
            if not data.strip():  # padding between records, or the end of the file
                if end is None:
                    return None
                position = end
                continue
            item = self._arc_item(data, position, end, gzipped)
            if item is None:
                why = "corrupt gzip data" if gzipped and end is None else "not an ARC record"
                return (yield from self._recover(handle, position, None, gzipped, why))
            record, length = item
            if record is not None:
                yield record
            position = end if end is not None else position + length
        return None

    def _arc_item(
        self, data: bytes, offset: int, end: int | None, gzipped: bool
    ) -> tuple[Record | None, int] | None:
        """The record of one ARC entry and its size in the file; None when it is corrupt."""
        lead = len(data) - len(data.lstrip(b"\r\n"))
        match = _ARC_LINE.match(data, lead)
        if match is None:
            return None
        url = match.group(1).decode("utf-8", "replace")
        length = int(match.group(5))
        size = match.end() + length
        if url.startswith("filedesc:"):
            self.skipped["ARC header (filedesc) record"] += 1
            return None, size
        date = _date(match.group(3).decode("ascii"))
        head = _Head("ARC", url, f"<urn:arc:{offset}>", date, offset, length)
        block = data[match.end() : match.end() + length]
        if gzipped and end is None and len(block) < length:
            return None
        message = parse_response(block) if regex.match(r"https?:", url) else None
        return self._page(head, message, block), size


def _open_file(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as error:
        raise InputError(f"cannot read the archive: {error.strerror or error}") from None


def _looks_like_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/")


def _looks_like_arc(head: bytes) -> bool:
    return _ARC_LINE.match(head + b"\n") is not None or bool(regex.match(rb"\S+ \S+ \d{14} ", head))


def _plain_end(handle: BinaryIO, offset: int) -> int | None:
    """The end of the uncompressed WARC record at ``offset`` (None: cannot tell)."""
    head = read_head(handle, offset, HEAD_SLACK)
    end = head.find(b"\r\n\r\n")
    match = regex.search(rb"(?im)^content-length:\s*(\d+)", head[:end])
    if end < 0 or match is None:
        return None
    return offset + end + 4 + int(match.group(1)) + 4


_CONTROL = compile_pattern(r"\p{Cc}+")


def _field(value: str | None) -> str | None:
    """A header value without control characters or surrounding space (None if empty)."""
    return (_CONTROL.sub("", value).strip() or None) if value else None


def _partial_head(data: bytes, offset: int) -> _Head:
    """What can be read of a damaged record's WARC header (its id and URL, if they are there)."""
    fields = {}
    for name in (b"WARC-Record-ID", b"WARC-Target-URI", b"WARC-Date"):
        match = regex.search(rb"(?im)^" + name + rb":\s*(\S+)", data[:8192])
        fields[name] = match.group(1).decode("utf-8", "replace") if match else None
    return _Head("damaged", fields[b"WARC-Target-URI"], fields[b"WARC-Record-ID"],
                 _date(fields[b"WARC-Date"]), offset, None)  # fmt: skip


def _date(text: str | None) -> datetime | None:
    """A WARC date (ISO 8601), or an ARC one (14 digits, UTC); None if it is neither."""
    if not text:
        return None
    with contextlib.suppress(ValueError):
        if text.isdigit():
            return datetime.strptime(text.ljust(14, "0"), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        return datetime.fromisoformat(text)
    return None
