"""cleannews: clean, structured articles from saved news pages (HTML or scraped text).

>>> import cleannews
>>> article = cleannews.extract("<html><body><h1>Hi</h1><p>...</p></body></html>")
"""

from cleannews.errors import (
    ArchiveError,
    BatchError,
    CleannewsError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MissingExtraError,
    ParseError,
    RuleError,
    TimeLimitError,
    WorkerDiedError,
)
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
from cleannews.options import Favor, InputKind, Options
from cleannews.pipeline import extract

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
    "Link",
    "ListBlock",
    "ListItem",
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
    "TimeLimitError",
    "TocEntry",
    "TocSource",
    "WorkerDiedError",
    "extract",
]
__version__ = "0.1.0"
