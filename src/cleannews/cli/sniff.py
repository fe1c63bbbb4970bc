"""Telling a single page from a possible web archive by its first bytes, without loading the
archive readers (or the extractor): a one-page run starts sooner."""

from __future__ import annotations

from pathlib import Path

#: How every archive :func:`cleannews.warc.reader.archive_kind` knows starts: a gzip member
#: (a compressed archive) or a WARC or ARC header.
ARCHIVE_STARTS = (b"\x1f\x8b", b"WARC/", b"filedesc://")


def may_be_archive(path: str) -> bool:
    """False for an input that cannot be a web archive: not a file, or a file that does not
    start as an archive does (the archive readers need not load to tell a single page)."""
    if path == "-" or not Path(path).is_file():  # (never opens a pipe)
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(16).startswith(ARCHIVE_STARTS)
    except OSError:  # unreadable: archive_kind says None for it too
        return False
