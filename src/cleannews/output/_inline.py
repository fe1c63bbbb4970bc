"""Inline text with links, shared by the Markdown and HTML renderers."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cleannews.model import Link


def spans(text: str, links: tuple[Link, ...]) -> Iterator[tuple[str, Link | None]]:
    """``text`` cut into plain runs and link runs, each link at its next occurrence."""
    position = 0
    for link in links:
        start = text.find(link.text, position)
        if start < 0 or not link.text:
            continue
        if start > position:
            yield text[position:start], None
        yield link.text, link
        position = start + len(link.text)
    if position < len(text):
        yield text[position:], None


def inline(
    text: str,
    links: tuple[Link, ...],
    plain: Callable[[str], str],
    linked: Callable[[str, str], str],
) -> str:
    """``text`` with its plain runs passed through ``plain`` and its links through ``linked``."""
    return "".join(
        plain(part) if link is None else linked(plain(part), link.url)
        for part, link in spans(text, links)
    )
