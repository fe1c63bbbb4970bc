"""Output: renderers of an :class:`~cleannews.model.Article`, one module per format.

Every format is rendered from the one Article tree, dispatching on the node type with
``match`` and ``assert_never``, so a node type no renderer knows fails type checking (and
raises at run time) instead of rendering as a paragraph. :mod:`~cleannews.output.formats`
holds the table of batch output formats.

May import: :mod:`cleannews.model` only. Public: the functions below, imported when first used
(so that the command line's ``--help`` reads the format table without loading a renderer).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleannews.output.dicts import to_dict, to_json
    from cleannews.output.html import to_html, to_page
    from cleannews.output.markdown import md_escape, to_markdown
    from cleannews.output.text import to_text

_HOMES = {
    "to_dict": "dicts", "to_json": "dicts", "to_html": "html", "to_page": "html",
    "md_escape": "markdown", "to_markdown": "markdown", "to_text": "text",
}  # fmt: skip

__all__ = ["md_escape", "to_dict", "to_html", "to_json", "to_markdown", "to_page", "to_text"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'cleannews.output' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"cleannews.output.{_HOMES[name]}"), name)
    globals()[name] = value
    return value
