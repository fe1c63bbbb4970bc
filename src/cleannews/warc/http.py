"""The HTTP message inside an archive record: status, headers and the decoded payload."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

import regex

from cleannews.errors import ArchiveError, InputTooLargeError
from cleannews.input.decode import gunzip
from cleannews.rules.diskcache import compile_pattern

_STATUS_LINE = compile_pattern(r"HTTP/\d(?:\.\d)?\s+(\d{3})\b")
_CHARSET = compile_pattern(r"""charset\s*=\s*["']?\s*([^"';\s]+)""", regex.IGNORECASE)
#: Media types whose payload is extracted (besides a payload without any type that looks like
#: HTML); everything else (images, scripts, PDFs...) is skipped and counted.
PAGE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
)
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class Message:
    """An HTTP response (or a resource record's payload, without status and headers)."""

    status: int | None
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str | None:
        """The ``Content-Type`` header as sent, if there is one."""
        return self.headers.get("content-type") or None

    @property
    def media_type(self) -> str:
        """The media type, lower case and without parameters ('' when there is none)."""
        return (self.content_type or "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of ``Content-Type``, if there is one."""
        match = _CHARSET.search(self.content_type or "")
        return match.group(1) if match else None


def parse_response(block: bytes) -> Message | None:
    """The HTTP response of a record block, or None when the block does not hold one."""
    end, gap = block.find(b"\r\n\r\n"), 4
    if end < 0:
        end, gap = block.find(b"\n\n"), 2
    if end < 0:
        return None
    lines = block[:end].decode("latin-1").splitlines()
    match = _STATUS_LINE.match(lines[0]) if lines else None
    if match is None:
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers.setdefault(name.strip().lower(), value.strip())
    return Message(int(match.group(1)), headers, block[end + gap :])


def is_page(message: Message) -> bool:
    """True when the payload is a page to extract: HTML or text, or untyped but HTML-like."""
    if message.media_type:
        return message.media_type in PAGE_TYPES
    head = message.body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml"))


def payload(message: Message, limit: int) -> bytes:
    """The body with its transfer and content encodings undone, at most ``limit`` bytes."""
    body = message.body
    if "chunked" in message.headers.get("transfer-encoding", "").lower():
        body = dechunk(body, limit)
    for coding in reversed(message.headers.get("content-encoding", "").lower().split(",")):
        body = _undo(coding.strip(), body, limit)
    if len(body) > limit:
        raise InputTooLargeError(f"payload is {len(body):,} bytes, over the {limit:,}-byte limit")
    return body


def dechunk(body: bytes, limit: int) -> bytes:
    """The payload of a ``Transfer-Encoding: chunked`` body. Archives often store the body
    decoded with the header left in place: a body that does not parse as chunks is returned
    as it is."""
    parts: list[bytes] = []
    at = size = 0
    while (line_end := body.find(b"\n", at)) >= 0:
        digits = body[at:line_end].split(b";", 1)[0].strip()
        if not digits or len(digits) > 8 or digits.strip(b"0123456789abcdefABCDEF"):
            return body
        length, start = int(digits, 16), line_end + 1
        if length == 0:
            return b"".join(parts)
        if start + length > len(body):
            return body
        parts.append(body[start : start + length])
        size += length
        if size > limit:
            raise InputTooLargeError(f"chunked payload inflates past the {limit:,}-byte limit")
        at = start + length
        at += 2 if body[at : at + 2] == b"\r\n" else 1 if body[at : at + 1] == b"\n" else 0
    return body


def _undo(coding: str, body: bytes, limit: int) -> bytes:
    """``body`` with one content coding undone; a body stored already decoded stays as it is."""
    if coding in ("", "identity"):
        return body
    if coding in ("gzip", "x-gzip"):
        return gunzip(body, limit) if body.startswith(_GZIP_MAGIC) else body
    if coding == "deflate":
        return _inflate(body, limit)
    if coding in ("br", "zstd"):
        return _stream_decode(coding, body, limit)
    raise ArchiveError(f"unsupported Content-Encoding {coding!r}")


def _inflate(body: bytes, limit: int) -> bytes:
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):  # zlib-wrapped, as the RFC says, or raw
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(body, limit + 1)
        except zlib.error:
            continue
        if len(out) > limit:
            raise InputTooLargeError(f"deflate data inflates past the {limit:,}-byte limit")
        return out
    return body if _looks_like_text(body) else _corrupt("deflate")


def _stream_decode(coding: str, body: bytes, limit: int) -> bytes:
    from fastwarc.stream_io import BrotliReader, ZstdReader  # the warc extra is installed here

    reader = BrotliReader if coding == "br" else ZstdReader
    try:
        out = reader(io.BytesIO(body)).read(limit + 1)
    except OSError:
        return body if _looks_like_text(body) else _corrupt(coding)
    if len(out) > limit:
        raise InputTooLargeError(f"{coding} data inflates past the {limit:,}-byte limit")
    return out


def _looks_like_text(body: bytes) -> bool:
    return body[:512].lstrip().startswith(b"<")


def _corrupt(coding: str) -> bytes:
    raise ArchiveError(f"corrupt {coding} payload (Content-Encoding: {coding})")
