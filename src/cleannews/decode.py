"""Stage 1: bytes to text. Gzip, byte-order marks, declared charsets, then detection."""

from __future__ import annotations

import codecs
import zlib
from functools import cache

import regex
from bs4 import UnicodeDammit

from .errors import DecodeError, InputError, InputTooLargeError

_GZIP_MAGIC = b"\x1f\x8b"
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
}
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@cache
def _charset_pattern() -> regex.Pattern[bytes]:
    # <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">,
    # and <?xml version="1.0" encoding="x"?>
    return regex.compile(
        rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
        rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
        regex.IGNORECASE,
    )


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing to inflate past ``limit`` bytes."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data: {exc}") from None
    if len(out) > limit:
        raise InputTooLargeError(f"gzip data inflates past the {limit:,}-byte limit")
    if not inflater.eof:
        raise InputError("truncated gzip data")
    return out


def maybe_gunzip(data: bytes, limit: int) -> bytes:
    """Decompress ``data`` when it starts with the gzip magic number."""
    return gunzip(data, limit) if data.startswith(_GZIP_MAGIC) else data


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KiB, if Python knows it."""
    match = _charset_pattern().search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _refuse_binary(data: bytes) -> None:
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DecodeError(f"input is {what}, not a web page or text")
    head = data[:4096]
    if head.count(0) > len(head) // 4 and not _looks_utf16(head):
        raise DecodeError("input is binary data, not a web page or text")


def _looks_utf16(head: bytes) -> str | None:
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes) -> str:
    """Text of ``data``: BOM, then the declared charset, then UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    utf16 = _looks_utf16(data[:4096])
    if utf16:
        return data.decode(utf16, "replace")
    _refuse_binary(data)
    declared = declared_encoding(data)
    # A page that declares a legacy charset but is valid UTF-8 is almost always UTF-8
    # (the declaration was copied from a template); the reverse lie is caught by UTF-8 failing.
    text = _try(data, "utf-8")
    if text is not None:
        return text
    if declared and declared not in {"utf-8", "utf-16", "utf-32"}:
        # Browsers read Latin-1 and ASCII declarations as windows-1252 (WHATWG Encoding).
        text = _try(data, _WHATWG_ALIASES.get(declared, declared))
        if text is not None:
            return text
    dammit = UnicodeDammit(data, is_html=True)
    if dammit.unicode_markup is None:
        raise DecodeError("cannot detect the text encoding of the input")
    return dammit.unicode_markup
