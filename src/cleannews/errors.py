"""The exception hierarchy: every failure cleannews reports is a :class:`CleannewsError`."""

from __future__ import annotations


class CleannewsError(Exception):
    """Base class of every error cleannews raises on purpose."""


class InputError(CleannewsError):
    """The input cannot be read as a page (wrong type, missing file, unreadable gzip)."""


class DecodeError(InputError):
    """The bytes are not text in any encoding we can detect (binary data, for instance)."""


class InputTooLargeError(InputError):
    """The input exceeds a configured limit (bytes, decompressed size or element count)."""


class ArchiveError(InputError):
    """A web archive (WARC or ARC) is not one, or one of its records is truncated or corrupt."""


class MissingExtraError(CleannewsError):
    """An optional part is not installed; the message names the extra that installs it."""


class TemplatesError(CleannewsError):
    """A site-templates file cannot be used (not JSON, another format version, malformed)."""


class ParseError(CleannewsError):
    """The parser could not build a document from the text."""


class RuleError(CleannewsError):
    """A packaged rule file is missing or malformed (a packaging bug, not an input problem)."""


class EmptyInputError(InputError):
    """The input holds no text at all (empty or whitespace only)."""


class BatchError(CleannewsError):
    """A document of a batch was not extracted for a reason outside the page's content."""


class TimeLimitError(BatchError):
    """The document took longer than the batch's per-document time budget."""


class WorkerDiedError(BatchError):
    """The worker process extracting the document died (killed, or out of memory)."""


class MemoryLimitError(BatchError):
    """The worker extracting the document went over the batch's resident-memory limit."""


class InternalError(BatchError):
    """Extraction failed on a bug in cleannews (the record carries the traceback)."""
