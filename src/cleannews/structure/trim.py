"""Leave out of the sections what the options exclude: links (their text stays) and images
(figures go, their captions with them)."""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from cleannews.model import (
    Code,
    Content,
    Figure,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Section,
    Table,
)


def trim(sections: tuple[Section, ...], *, links: bool, images: bool) -> tuple[Section, ...]:
    """``sections`` without links (when ``links`` is False) and figures (``images`` False);
    a section left without content or heading is dropped."""
    if links and images:
        return sections
    kept = []
    for section in sections:
        content = _content(section.content, links, images)
        if content or section.heading:
            kept.append(replace(section, content=content))
    return tuple(kept)


def _content(nodes: tuple[Content, ...], links: bool, images: bool) -> tuple[Content, ...]:
    out: list[Content] = []
    for node in nodes:
        if isinstance(node, Figure) and not images:
            continue
        out.append(_node(node, links, images))
    return tuple(out)


def _node(node: Content, links: bool, images: bool) -> Content:
    match node:
        case Paragraph():
            return node if links else Paragraph(node.text)
        case ListBlock():
            return _list(node, links)
        case Quote():
            return Quote(_content(node.content, links, images))
        case Code() | Table() | Figure():
            return node
        case _:
            assert_never(node)


def _list(node: ListBlock, links: bool) -> ListBlock:
    if links:
        return node
    items = tuple(
        ListItem(item.text, (), tuple(_list(child, links) for child in item.children))
        for item in node.items
    )
    return ListBlock(items, node.ordered)
