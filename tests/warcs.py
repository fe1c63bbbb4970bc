"""Real WARC and ARC files for tests, written with FastWARC's record writer (ARC by hand: it
is a line of fields and the bytes), from the pages in fixtures/."""

from __future__ import annotations

import gzip
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fastwarc.warc import WarcRecord, WarcRecordType

FIXTURES = Path(__file__).parent.parent / "fixtures" / "golden"
HTML_PAGES = sorted(p for p in FIXTURES.glob("*/source.html"))
TEXT_PAGES = sorted(p for p in FIXTURES.glob("*/source.txt"))


@dataclass(frozen=True)
class Entry:
    """One WARC record to write."""

    kind: WarcRecordType
    url: str
    block: bytes
    content_type: str = "application/http; msgtype=response"
    record_id: str = field(default_factory=lambda: f"<urn:uuid:{uuid.uuid4()}>")
    extra: tuple[tuple[str, str], ...] = ()

    def raw(self) -> bytes:
        record = WarcRecord()
        record.init_headers(self.kind, self.record_id[5:-1].encode())
        record.headers["WARC-Target-URI"] = self.url
        record.headers["WARC-Date"] = "2024-05-06T07:08:09Z"
        record.headers["Content-Type"] = self.content_type
        for name, value in self.extra:
            record.headers[name] = value
        record.set_bytes_content(self.block)
        out = io.BytesIO()
        record.write(out)
        return out.getvalue()


def http(
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    headers: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """An HTTP response message (``Content-Length`` added unless it is chunked)."""
    lines = [f"HTTP/1.1 {status} OK", f"Content-Type: {content_type}"]
    lines += [f"{name}: {value}" for name, value in headers]
    if not any(name.lower() == "transfer-encoding" for name, _ in headers):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def response(
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    headers: tuple[tuple[str, str], ...] = (),
) -> Entry:
    """A response record of an HTTP page (its record id made from the URL)."""
    block = http(body, content_type, status, headers)
    record_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"
    return Entry(WarcRecordType.response, url, block, record_id=record_id)


def other(kind: WarcRecordType, url: str = "http://example.com/") -> Entry:
    """A record of another type (warcinfo, request, revisit, metadata)."""
    blocks = {
        "warcinfo": (b"software: tests\r\n", "application/warc-fields"),
        "request": (
            b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
            "application/http; msgtype=request",
        ),
        "revisit": (b"HTTP/1.1 200 OK\r\n\r\n", "application/http; msgtype=response"),
        "metadata": (b"via: http://example.com/\r\n", "application/warc-fields"),
    }
    block, content_type = blocks[str(kind)]
    return Entry(kind, url, block, content_type)


def members(entries: Iterable[Entry], *, compress: bool = True) -> list[bytes]:
    """Each record as written to the file: one gzip member per record, or plain."""
    return [gzip.compress(e.raw(), mtime=0) if compress else e.raw() for e in entries]


def write(path: Path, entries: Iterable[Entry], *, compress: bool = True) -> Path:
    """A WARC file of ``entries`` (``.warc.gz``: one gzip member per record)."""
    path.write_bytes(b"".join(members(entries, compress=compress)))
    return path


def fixture_entries(host: str = "news.example.com") -> list[Entry]:
    """A response record for every fixture page (HTML and plain text)."""
    entries = [response(f"https://{host}/{p.parent.name}", p.read_bytes()) for p in HTML_PAGES]
    entries += [
        response(f"https://{host}/{p.parent.name}.txt", p.read_bytes(), "text/plain; charset=utf-8")
        for p in TEXT_PAGES
    ]
    return entries


def arc(path: Path, pages: Iterable[tuple[str, bytes]], *, compress: bool = True) -> Path:
    """An ARC (version 1) file with a response for each ``(url, html)``."""
    header = b"1 0 cleannews-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    items = [(b"filedesc://test.arc 0.0.0.0 20240506070809 text/plain", header)]
    for url, body in pages:
        items.append((f"{url} 192.0.2.1 20240506070809 text/html".encode(), http(body)))
    raw = [line + b" %d\n" % len(block) + block + b"\n" for line, block in items]
    path.write_bytes(b"".join(gzip.compress(r, mtime=0) if compress else r for r in raw))
    return path
