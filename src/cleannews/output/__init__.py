"""Output: renderers of an :class:`~cleannews.model.Article`, one module per format.

Every format is rendered from the one Article tree, dispatching on the node type with
``match`` and ``assert_never``, so a node type no renderer knows fails type checking (and
raises at run time) instead of rendering as a paragraph.

May import: :mod:`cleannews.model` only. Public: the five functions below.
"""

from cleannews.output.dicts import to_dict, to_json
from cleannews.output.html import to_html
from cleannews.output.markdown import md_escape, to_markdown
from cleannews.output.text import to_text

__all__ = ["md_escape", "to_dict", "to_html", "to_json", "to_markdown", "to_text"]
