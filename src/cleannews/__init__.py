"""cleannews: clean, structured articles from saved news pages (HTML or scraped text).

>>> import cleannews
>>> article = cleannews.extract("<html><body><h1>Hi</h1><p>...</p></body></html>")

:func:`extract` reads one page, :func:`extract_many` a batch (in worker processes, with time
and memory limits). The extractor is imported when first used, so that importing the package
(``cleannews --version``) is instant.
"""

import importlib as _importlib
import typing as _typing

from cleannews.errors import (
    ArchiveError,
    BatchError,
    CleannewsError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    InternalError,
    MemoryLimitError,
    MissingExtraError,
    ParseError,
    RuleError,
    TemplatesError,
    TimeLimitError,
    WorkerDiedError,
)
from cleannews.options import Favor, InputKind, Options

if _typing.TYPE_CHECKING:
    from cleannews.batch import extract_many
    from cleannews.model import (
        Article,
        Code,
        Figure,
        Image,
        Link,
        ListBlock,
        ListItem,
        PageType,
        Paragraph,
        Quote,
        Removed,
        Section,
        Table,
        TocEntry,
        TocSource,
    )
    from cleannews.pipeline import extract

_MODEL = (
    "Article", "Code", "Figure", "Image", "Link", "ListBlock", "ListItem", "PageType",
    "Paragraph", "Quote", "Removed", "Section", "Table", "TocEntry", "TocSource",
)  # fmt: skip
_HOMES = {name: "model" for name in _MODEL} | {"extract": "pipeline", "extract_many": "batch"}

__all__ = [
    "ArchiveError",
    "Article",
    "BatchError",
    "CleannewsError",
    "Code",
    "DecodeError",
    "EmptyInputError",
    "Favor",
    "Figure",
    "Image",
    "InputError",
    "InputKind",
    "InputTooLargeError",
    "InternalError",
    "Link",
    "ListBlock",
    "ListItem",
    "MemoryLimitError",
    "MissingExtraError",
    "Options",
    "PageType",
    "Paragraph",
    "ParseError",
    "Quote",
    "Removed",
    "RuleError",
    "Section",
    "Table",
    "TemplatesError",
    "TimeLimitError",
    "TocEntry",
    "TocSource",
    "WorkerDiedError",
    "extract",
    "extract_many",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module 'cleannews' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"cleannews.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
