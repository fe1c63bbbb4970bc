"""Stage 0: accept every supported source type and hand back text or a parsed tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from lxml import etree

from .decode import decode, maybe_gunzip
from .errors import InputError, InputTooLargeError
from .options import Options

try:  # beautifulsoup4 is a runtime dependency, but a soup is only one of the inputs
    from bs4 import BeautifulSoup
except ImportError:  # pragma: no cover - bs4 is installed with cleannews
    BeautifulSoup = None  # type: ignore[assignment,misc]

Source = str | bytes | Path | etree._Element | object
_T = TypeVar("_T", str, bytes)


@dataclass(frozen=True, slots=True)
class Loaded:
    """A source reduced to text (a tree or soup is serialised, to be parsed our way)."""

    text: str
    path: Path | None = None


def read_path(path: Path, options: Options) -> bytes:
    """Bytes of a file, decompressed when it is gzip, within the size limit."""
    try:
        size = path.stat().st_size
        if size > options.max_input_bytes:
            raise InputTooLargeError(
                f"{path} is {size:,} bytes, over the {options.max_input_bytes:,}-byte limit"
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a page") from None
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except PermissionError:
        raise InputError(f"{path} is not readable (permission denied)") from None
    return maybe_gunzip(data, options.max_input_bytes)


def load(source: Source, options: Options) -> Loaded:
    """Reduce any supported source to text."""
    if isinstance(source, str):
        return Loaded(text=_check_size(source, options))
    if isinstance(source, bytes | bytearray | memoryview):
        data = maybe_gunzip(bytes(source), options.max_input_bytes)
        return Loaded(text=decode(_check_size(data, options)))
    if isinstance(source, Path):
        return Loaded(text=decode(read_path(source, options)), path=source)
    if BeautifulSoup is not None and isinstance(source, BeautifulSoup):
        # Serialise and re-parse with lxml: bs4 is never our parser.
        return Loaded(text=str(source))
    if isinstance(source, etree._Element):
        return Loaded(text=etree.tostring(source, encoding="unicode", method="html"))
    raise InputError(
        f"unsupported source type {type(source).__name__}: "
        "pass str, bytes, pathlib.Path, BeautifulSoup or an lxml.html element"
    )


def _check_size(data: _T, options: Options) -> _T:
    if len(data) > options.max_input_bytes:
        raise InputTooLargeError(
            f"input is {len(data):,} bytes, over the {options.max_input_bytes:,}-byte limit"
        )
    return data
