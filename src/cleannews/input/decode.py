"""Bytes to text. Gzip, byte-order marks, declared charsets, then detection."""

from __future__ import annotations

import codecs
import zlib
from functools import cache

import regex

from cleannews.errors import DecodeError, InputError, InputTooLargeError
from cleannews.rules.diskcache import compile_pattern

_GZIP_MAGIC = b"\x1f\x8b"
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file (WAV, AVI or WebP)",
    b"PK\x05\x06": "a ZIP archive",
    b"\xfd7zXZ\x00": "an XZ archive",
    b"\x28\xb5\x2f\xfd": "a Zstandard archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"wOFF": "a web font",
    b"wOF2": "a web font",
    b"OggS": "an Ogg media file",
    b"\x1a\x45\xdf\xa3": "a Matroska or WebM media file",
    b"SQLite format 3\x00": "an SQLite database",
}
#: Bytes that never occur in text (NUL, tab, line breaks and ESC, used by ISO-2022, excepted).
_CONTROL_BYTES = compile_pattern(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
#: Share of such bytes in the first 4 KiB above which the input is binary (random bytes: ~10%).
MAX_CONTROL_SHARE = 0.02
_HIGH_BYTES = compile_pattern(rb"[\x80-\xff]+")
_ESCAPED = compile_pattern(r"[\udc80-\udcff]+")
#: Declared charsets never used to decode a page: they are not byte encodings of text, or they
#: reinterpret ASCII (``unicode_escape`` would expand every backslash sequence of a script).
_NOT_CHARSETS = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "utf-7"}
)
_UNICODE = frozenset({"utf-8", "utf-16", "utf-32", "utf-8-sig", "utf-16-le", "utf-16-be"})
#: Bytes around each run of non-ASCII bytes that go into the detection sample, and its size.
_SAMPLE_CONTEXT = 32
SAMPLE_BYTES = 32768
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
    return compile_pattern(
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
    """The charset a page declares in its first 4 KiB, if Python knows it as a text charset."""
    match = _charset_pattern().search(data[:4096])
    if not match:
        return None
    return text_charset((match.group(1) or match.group(2)).decode("ascii", "replace"))


def text_charset(name: str | None) -> str | None:
    """Python's name of the charset ``name``, if it is a known text charset (None if not)."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    return None if encoding in _NOT_CHARSETS else encoding


def _refuse_binary(data: bytes) -> None:
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DecodeError(f"input is {what}, not a web page or text")
    if data[4:8] == b"ftyp":
        raise DecodeError("input is an MP4, QuickTime or HEIF file, not a web page or text")
    head = data[:4096]
    if head.count(0) > len(head) // 4 and not _looks_utf16(head):
        raise DecodeError("input is binary data, not a web page or text")
    if len(_CONTROL_BYTES.findall(head)) > MAX_CONTROL_SHARE * max(len(head), 256):
        raise DecodeError("input is binary data (control bytes), not a web page or text")


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
    except (UnicodeError, LookupError, ValueError):  # codecs raise any of these
        return None


def decode(data: bytes, charset: str | None = None) -> str:
    """Text of ``data``: BOM, then UTF-8, then ``charset`` (the transport's, such as an HTTP
    ``Content-Type`` header's), then the charset the page declares, then detection.

    Raises :class:`DecodeError` for binary data (images, archives, PDFs, random bytes).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    utf16 = _looks_utf16(data[:4096])
    if utf16:
        return data.decode(utf16, "replace")
    _refuse_binary(data)
    # A page that declares a legacy charset but is valid UTF-8 is almost always UTF-8
    # (the declaration was copied from a template); the reverse lie is caught by UTF-8 failing.
    text = _try(data, "utf-8")
    if text is not None:
        return text
    for declared in (text_charset(charset), declared_encoding(data)):
        if not declared or declared in _UNICODE:
            continue
        # Browsers read Latin-1 and ASCII declarations as windows-1252 (WHATWG Encoding).
        text = _try(data, _WHATWG_ALIASES.get(declared, declared))
        if text is not None:
            return text
    return _mixed_utf8(data) or _detected(data)


def _mixed_utf8(data: bytes) -> str | None:
    """UTF-8 with stray windows-1252 bytes (a page pasted together from two sources), or None
    when there are more invalid bytes than valid multi-byte characters."""
    text = data.decode("utf-8", "surrogateescape")
    multibyte = len(data) - len(text)  # each valid multi-byte character shortens the text
    invalid = sum(len(run) for run in _ESCAPED.findall(text))
    if multibyte < invalid:
        return None
    return _ESCAPED.sub(_as_cp1252, text)


def _as_cp1252(match: regex.Match[str]) -> str:
    return match.group().encode("utf-8", "surrogateescape").decode("cp1252", "replace")


def _detected(data: bytes) -> str:
    """Decode with the charset detected on a sample of the non-ASCII parts of ``data``
    (detection over a whole 10 MB page takes tens of seconds). bs4 is imported only here:
    most pages are UTF-8 or declare their charset, and importing it takes about 0.1 s."""
    from bs4.dammit import EncodingDetector

    sample = _sample(data)
    encoding = next(
        (e for e in EncodingDetector(sample, is_html=False).encodings if _try(sample, e)),
        "cp1252",
    )
    encoding = _WHATWG_ALIASES.get(codecs.lookup(encoding).name, encoding)
    return data.decode(encoding, "replace")


def _sample(data: bytes) -> bytes:
    parts: list[bytes] = []
    end = size = 0
    for match in _HIGH_BYTES.finditer(data):
        start = max(match.start() - _SAMPLE_CONTEXT, end)
        end = match.end() + _SAMPLE_CONTEXT
        parts.append(data[start:end])
        size += end - start
        if size >= SAMPLE_BYTES:
            break
    return b"".join(parts)
