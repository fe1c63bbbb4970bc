"""A JSON-ready dict of the article, and JSON; dates become ISO 8601 strings."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, assert_never

from cleannews.model import (
    Article,
    Code,
    Content,
    Figure,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    Table,
)


def _links_list(links: tuple[Link, ...]) -> list[dict[str, str]]:
    return [{"text": link.text, "url": link.url} for link in links]


def _list_dict(node: ListBlock) -> dict[str, Any]:
    items = [
        {
            "text": item.text,
            "links": _links_list(item.links),
            "children": [_list_dict(child) for child in item.children],
        }
        for item in node.items
    ]
    return {"type": "list", "ordered": node.ordered, "items": items}


def content_dict(node: Content) -> dict[str, Any]:
    """One body node as a dict with a ``type`` key."""
    match node:
        case Paragraph():
            return {"type": "paragraph", "text": node.text, "links": _links_list(node.links)}
        case ListBlock():
            return _list_dict(node)
        case Quote():
            content = [content_dict(inner) for inner in node.content]
            return {"type": "quote", "text": node.text, "content": content}
        case Code():
            return {"type": "code", "language": node.language, "text": node.text}
        case Figure():
            images = [{"src": image.src, "alt": image.alt} for image in node.images]
            return {"type": "figure", "images": images, "caption": node.caption}
        case Table():
            rows = [list(r) for r in node.rows]
            return {"type": "table", "caption": node.caption, "header": node.header, "rows": rows}
        case _:
            assert_never(node)


def _section_dict(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "level": section.level,
        "anchor": section.anchor,
        "content": [content_dict(c) for c in section.content],
    }


def iso(value: date | None) -> str | None:
    """``value`` as ISO 8601, None kept."""
    return value.isoformat() if value is not None else None


def to_dict(article: Article) -> dict[str, Any]:
    """A JSON-ready dict; dates become ISO 8601 strings."""
    return {
        "title": article.title,
        "url": article.url,
        "published": iso(article.published),
        "modified": iso(article.modified),
        "authors": list(article.authors),
        "description": article.description,
        "site_name": article.site_name,
        "language": article.language,
        "reading_time_minutes": article.reading_time_minutes,
        "word_count": article.word_count,
        "is_article": article.is_article,
        "page_type": article.page_type.value,
        "page_type_reasons": list(article.page_type_reasons),
        "subtitle": article.subtitle,
        "publisher": article.publisher,
        "canonical_url": article.canonical_url,
        "section": article.section,
        "tags": list(article.tags),
        "image": article.image,
        "license": article.license,
        "toc": [{"title": t.title, "level": t.level, "anchor": t.anchor} for t in article.toc],
        "toc_source": article.toc_source.value,
        "toc_warnings": list(article.toc_warnings),
        "sections": [_section_dict(s) for s in article.sections],
        "text": article.text,
        "boilerplate": [
            {"text": r.text, "rule": r.rule, "reason": r.reason} for r in article.boilerplate
        ],
        "provenance": dict(article.provenance),
    }


def to_json(article: Article, *, indent: int | None = 2) -> str:
    """The article as JSON (UTF-8 text, non-ASCII kept)."""
    return json.dumps(to_dict(article), ensure_ascii=False, indent=indent)
