"""One frozen :class:`Options` object configures an extraction; no global configuration."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any


class InputKind(enum.Enum):
    """How to read the source: told apart automatically unless forced."""

    AUTO = "auto"
    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"


class Favor(enum.Enum):
    """Trade-off between keeping too much and dropping too much."""

    PRECISION = "precision"
    BALANCED = "balanced"
    RECALL = "recall"


@dataclass(frozen=True, slots=True)
class Options:
    """Settings for :func:`cleannews.extract`. All fields have safe defaults."""

    input_kind: InputKind = InputKind.AUTO
    favor: Favor = Favor.BALANCED
    #: Keep tables in the body.
    tables: bool = True
    #: Count figure captions, photo credits and gallery text as body text (``Article.text``,
    #: ``to_text()``). They are ``Figure`` nodes either way, rendered in Markdown, HTML and
    #: JSON; most references of main text leave them out, Readability's keep them.
    captions: bool = False
    #: Keep every copy of a paragraph the page prints twice or more in the same markup (a
    #: section printed twice, a banner in two places). By default each paragraph, heading,
    #: list item or quotation of 60+ characters the page prints again is kept once, its later
    #: copies recorded in ``Article.boilerplate`` (rule ``duplicate``); in text and Markdown
    #: every repeated one. Either way what is written twice stays (a paragraph said again in
    #: the same passage, one term under each of several offers), table cells and code are
    #: data, and layout copies (a standfirst again as a heading) are kept once. Readability's
    #: references keep every copy written in one role.
    repeats: bool = False
    #: Keep the links of paragraphs and list items (False keeps their text only).
    links: bool = True
    #: Keep images (False drops figures, their captions with them).
    images: bool = True
    #: Reference time for relative dates ("3 hours ago"); None leaves them unresolved.
    reference_time: datetime | None = None
    #: Reading speed used for the reading-time estimate when the page states none.
    words_per_minute: int = 230
    #: Largest accepted input, in bytes (after decompression).
    max_input_bytes: int = 64 * 1024 * 1024
    #: Largest accepted number of HTML elements (the largest of 1,120 corpus pages has about
    #: 10,000; each element costs about 30 microseconds and 1.2 KB downstream).
    max_elements: int = 250_000

    def __reduce__(self) -> tuple[type[Options], tuple[Any, ...]]:
        """Pickle as the constructor and its arguments: a frozen slots class has no
        ``__dict__`` to restore and cannot be set attribute by attribute, and a compiled build
        (mypyc) gives it no default way back, so worker processes (``--jobs``) get an explicit
        one."""
        return (Options, tuple(getattr(self, field.name) for field in fields(self)))


#: Set (to anything but "" or "0") to run the pure-Python tree walks even where the compiled
#: ones (``cleannews.html._walk``) are built: the two compute the same output.
PURE_PYTHON_ENV = "CLEANNEWS_PURE_PYTHON"


def pure_python_forced() -> bool:
    """True when :data:`PURE_PYTHON_ENV` asks for the pure-Python walks (read at each call)."""
    return os.environ.get(PURE_PYTHON_ENV, "") not in ("", "0")
