"""Accept every supported source type and hand back text or a parsed tree."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, Union

from lxml import etree

from cleannews.errors import InputError, InputTooLargeError
from cleannews.input.decode import decode, maybe_gunzip
from cleannews.options import Options
from cleannews.rules.diskcache import compile_pattern


class BinaryReadable(Protocol):
    """A file object opened in binary mode (``open(..., "rb")``, ``io.BytesIO``...)."""

    def read(self, size: int = -1, /) -> bytes: ...


if TYPE_CHECKING:
    from bs4 import BeautifulSoup

    Source = Union[  # noqa: UP007 (a string annotation keeps bs4 out of the run-time import)
        str, bytes, Path, etree._Element, etree._ElementTree, BinaryReadable, "BeautifulSoup"
    ]
else:
    Source = str | bytes | Path | etree._Element | etree._ElementTree | BinaryReadable
#: A str this short without a line break or "<" that names an existing file is a mistake.
_PATH_LIKE_CHARS = 4096
_T = TypeVar("_T", str, bytes)
#: Lone surrogates (U+D800..U+DFFF) as UTF-8 bytes (encoded with "surrogatepass").
_SURROGATE_UTF8 = compile_pattern(rb"\xed[\xa0-\xbf][\x80-\xbf]")
#: U+FFFE and U+FFFF as UTF-8 bytes.
_NONCHARACTERS = ("\ufffe".encode(), "\uffff".encode())
#: C0 controls but tab, line feed and carriage return, and DEL, as UTF-8 bytes.
_C0_BYTES = bytes(range(0, 9)) + b"\x0b\x0c" + bytes(range(14, 32)) + b"\x7f"
_C0_INTS = tuple(_C0_BYTES)
#: C1 controls (U+0080..U+009F) as UTF-8 bytes.
_C1_UTF8 = compile_pattern(rb"\xc2[\x80-\x9f]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n"})


@dataclass(frozen=True, slots=True)
class Loaded:
    """A source reduced to text (a tree or soup is serialised, to be parsed our way)."""

    text: str
    path: Path | None = None
    #: The UTF-8 bytes of ``text`` when loading made them (the HTML parser reads them).
    utf8: bytes | None = None


def read_path(path: Path, options: Options) -> bytes:
    """Bytes of a file, decompressed when it is gzip, within the size limit.

    Messages do not repeat the path: :func:`load` and the command line add it.
    """
    try:
        size = path.stat().st_size
        if size > options.max_input_bytes:
            raise InputTooLargeError(
                f"file is {size:,} bytes, over the {options.max_input_bytes:,}-byte limit"
            )
        with path.open("rb") as handle:  # read at most limit + 1: the file may be growing
            data = handle.read(options.max_input_bytes + 1)
    except IsADirectoryError:
        raise InputError("is a directory, not a page") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}") from None
    return maybe_gunzip(_check_size(data, options), options.max_input_bytes)


def load(source: Source, options: Options) -> Loaded:
    """Reduce any supported source to text, without characters no page may carry."""
    loaded = _load(source, options)
    utf8 = _utf8_if_clean(loaded.text)
    if utf8 is not None:
        return Loaded(text=loaded.text, path=loaded.path, utf8=utf8)
    return Loaded(text=_cleaned(loaded.text), path=loaded.path)


def _load(source: Source, options: Options) -> Loaded:
    if isinstance(source, str):
        _refuse_path_string(source)
        return Loaded(text=_check_size(source, options))
    if isinstance(source, bytes | bytearray | memoryview):
        data = maybe_gunzip(bytes(source), options.max_input_bytes)
        return Loaded(text=decode(_check_size(data, options)))
    if isinstance(source, Path):
        try:
            data = read_path(source, options)
        except InputError as exc:
            raise type(exc)(f"{source}: {exc}") from None
        return Loaded(text=decode(data), path=source)
    if _is_soup(source):
        # Serialise and re-parse with lxml: bs4 is never our parser.
        return Loaded(text=str(source))
    if isinstance(source, etree._ElementTree):
        source = source.getroot()
    if isinstance(source, etree._Element):
        return Loaded(text=etree.tostring(source, encoding="unicode", method="html"))
    if callable(getattr(source, "read", None)):
        return _load_file_object(source, options)
    raise InputError(
        f"unsupported source type {type(source).__name__}: pass str, bytes, pathlib.Path, "
        "a binary file object, BeautifulSoup or an lxml element or tree"
    )


def _is_soup(source: object) -> bool:
    """Whether ``source`` is a BeautifulSoup object. A caller holding one has imported bs4,
    so bs4 is not imported here when no one has (importing it takes about 0.1 s)."""
    bs4 = sys.modules.get("bs4")
    return bs4 is not None and isinstance(source, bs4.BeautifulSoup)


def _refuse_path_string(text: str) -> None:
    """A short one-line str naming an existing file is a path passed as str: reading it as
    the page would return an article whose text is the path."""
    if len(text) > _PATH_LIKE_CHARS or "\n" in text or "<" in text or not text.strip():
        return
    try:
        is_file = os.path.isfile(text.strip())
    except (OSError, ValueError):  # a name too long, or with a NUL byte
        return
    if is_file:
        raise InputError(
            f"the str {text!r} names a file: pass pathlib.Path({text!r}) to read it "
            "(a str is the page's HTML or text)"
        )


def _load_file_object(handle: object, options: Options) -> Loaded:
    data = handle.read(options.max_input_bytes + 1)  # type: ignore[attr-defined]
    if isinstance(data, str):
        return Loaded(text=_check_size(data, options))
    if not isinstance(data, bytes | bytearray):
        raise InputError(f"the file object's read() returned {type(data).__name__}, not bytes")
    data = maybe_gunzip(_check_size(bytes(data), options), options.max_input_bytes)
    return Loaded(text=decode(_check_size(data, options)))


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and line breaks stay; vertical tab, form
    feed and next line, U+0085, become line breaks), without the non-characters U+FFFE and
    U+FFFF, and with lone surrogates replaced by U+FFFD. lxml silently truncates a text node
    at a lone surrogate, and refuses to set a text holding any of the others (XML forbids
    them)."""
    return text if _utf8_if_clean(text) is not None else _cleaned(text)


def _cleaned(text: str) -> str:
    """:func:`clean_text` of a text that needs cleaning."""
    if "\x0b" in text or "\x0c" in text or "\x85" in text:
        text = text.translate(_BREAKS)
    # On UTF-8 bytes, each step below is a C pass (a regex over a large str takes ~10 ms per
    # 500 kB); every pattern starts at a lead byte, so it only ever matches whole characters.
    data = _SURROGATE_UTF8.sub("\ufffd".encode(), text.encode("utf-8", "surrogatepass"))
    data = _C1_UTF8.sub(b"", data.translate(None, _C0_BYTES))
    return data.replace(_NONCHARACTERS[0], b"").replace(_NONCHARACTERS[1], b"").decode("utf-8")


def unify_line_breaks(text: str) -> str:
    """``text`` with every line break a line feed: CR LF, CR and the Unicode line and
    paragraph separators (U+2028, U+2029). For text and Markdown, whose units are lines
    (:func:`clean_text` has made vertical tab, form feed and U+0085 line feeds already)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return text


def _utf8_if_clean(text: str) -> bytes | None:
    """The UTF-8 bytes of ``text`` when it needs no cleaning by :func:`clean_text`, else None:
    the fast check (a regex scan of a whole page costs a millisecond; encoding and
    byte-level checks cost a tenth of that)."""
    if "\ufffe" in text or "\uffff" in text:
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None  # a lone surrogate
    if any(map(data.__contains__, _C0_INTS)):  # one memchr scan per byte: no copy made
        return None
    if b"\xc2" in data and _C1_UTF8.search(data) is not None:  # U+0080..U+00BF start \xc2
        return None
    return data


def _check_size(data: _T, options: Options) -> _T:
    if len(data) > options.max_input_bytes:
        raise InputTooLargeError(
            f"input is {len(data):,} bytes, over the {options.max_input_bytes:,}-byte limit"
        )
    return data
