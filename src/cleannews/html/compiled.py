"""Which tree walks run: the compiled ones (``cleannews.html._walk``, built from Cython over
lxml's C API when a compiler was there at install time) or the pure-Python reference walks.

Both compute the same results (``tests/test_compiled.py`` runs both on the golden cases and
dev pages). ``CLEANNEWS_PURE_PYTHON=1`` (:data:`cleannews.options.PURE_PYTHON_ENV`) forces
the pure path, read at each call: no state beyond the result of trying the import.
"""

from __future__ import annotations

from types import ModuleType

from cleannews import dom
from cleannews.options import pure_python_forced

try:
    from cleannews.html import _walk

    _compiled: ModuleType | None = _walk
except ImportError:  # built without a compiler (or CLEANNEWS_NO_COMPILE=1): pure Python
    _compiled = None
except ValueError:  # built against an lxml whose element layout differs from this one's
    _compiled = None


def walks() -> ModuleType | None:
    """The compiled walk module, or None when the pure-Python walks are to run."""
    if _compiled is None or pure_python_forced():
        return None
    return _compiled


def built() -> bool:
    """True when the compiled walk was built and imports."""
    return _compiled is not None


def active_path() -> str:
    """``"compiled"`` or ``"pure Python"``: what :func:`walks` chooses now."""
    return "compiled" if walks() is not None else "pure Python"


def text_length(element: dom.Element) -> int:
    """:func:`cleannews.dom.text_length` (whitespace-normalised text length), counted by the
    compiled walk when it runs (no string is built), else by XPath."""
    walk = walks()
    if walk is not None:
        counted: int | None = walk.text_length(element)
        if counted is not None:  # None: an entity reference inside, XPath decides
            return counted
    return dom.text_length(element)
