"""Finding one's way in a damaged archive: where a gzip member ends, where the next record
starts. Archives are compressed record by record (one gzip member each), so reading can go
on after a corrupt member at the next member that starts like a record."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 20


def read_head(handle: BinaryIO, offset: int, size: int) -> bytes:
    """Up to ``size`` bytes at ``offset``, decompressed when a gzip member starts there
    (b"" when it is not valid gzip)."""
    handle.seek(offset)
    raw = handle.read(max(size, 4096))
    if not raw.startswith(GZIP_MAGIC):
        return raw[:size]
    try:
        return zlib.decompressobj(31).decompress(raw, size)
    except zlib.error:
        return b""


def inflate_member(handle: BinaryIO, offset: int, keep: int) -> tuple[bytes, int | None]:
    """The first ``keep`` bytes of the gzip member at ``offset`` (the rest is decompressed and
    dropped: a member can be huge), and the offset just after it, None when it is corrupt or
    the file ends inside it."""
    handle.seek(offset)
    inflater, position, kept = zlib.decompressobj(31), offset, list[bytes]()
    room = keep
    while not inflater.eof:
        chunk = handle.read(_CHUNK)
        if not chunk:
            return b"".join(kept), None
        try:
            while chunk and not inflater.eof:
                out = inflater.decompress(chunk, _CHUNK)
                if room > 0:
                    kept.append(out[:room])
                    room -= len(kept[-1])
                position += len(chunk) - len(inflater.unconsumed_tail)
                chunk = inflater.unconsumed_tail
        except zlib.error:
            return b"".join(kept), None
    return b"".join(kept), position - len(inflater.unused_data)


def member_end(handle: BinaryIO, offset: int) -> int | None:
    """The offset just after the gzip member at ``offset`` (None: corrupt or truncated)."""
    return inflate_member(handle, offset, 0)[1]


def next_start(
    handle: BinaryIO, after: int, *, gzipped: bool, looks_like: Callable[[bytes], bool]
) -> int | None:
    """The offset of the first record after ``after`` whose first bytes (decompressed, for a
    gzipped archive) ``looks_like`` accepts; None when there is none."""
    marker = GZIP_MAGIC if gzipped else b"\n"
    position = after + 1
    while True:
        handle.seek(position)
        chunk = handle.read(_CHUNK + 1)
        if not chunk:
            return None
        found = chunk.find(marker)
        while 0 <= found < _CHUNK:
            start = position + found + (0 if gzipped else 1)
            if looks_like(read_head(handle, start, 64)):
                return start
            found = chunk.find(marker, found + 1)
        position += _CHUNK
