"""Renderers for :class:`~cleannews.model.Article`: dict/JSON, Markdown and plain text.

Every format is rendered from the one Article tree.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from . import model

if TYPE_CHECKING:
    from .model import Article, Content, Section


def content_text(node: Content) -> str:
    """Plain text of one body node (list items one per line)."""
    if isinstance(node, model.ListBlock):
        return "\n".join(node.items)
    if isinstance(node, model.Table):
        return "\n".join(" | ".join(row) for row in node.rows)
    return node.text


def body_text(article: Article) -> str:
    """The body: headings and content of every section, separated by blank lines."""
    parts: list[str] = []
    for section in article.sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(content_text(node) for node in section.content)
    return "\n\n".join(p for p in parts if p)


def to_text(article: Article) -> str:
    """Headline, a blank line, then the body."""
    body = body_text(article)
    return f"{article.title}\n\n{body}" if article.title else body


def _content_dict(node: Content) -> dict[str, Any]:
    if isinstance(node, model.Paragraph):
        return {"type": "paragraph", "text": node.text}
    if isinstance(node, model.ListBlock):
        return {"type": "list", "ordered": node.ordered, "items": list(node.items)}
    if isinstance(node, model.Quote):
        return {"type": "quote", "text": node.text}
    if isinstance(node, model.Code):
        return {"type": "code", "text": node.text}
    return {"type": "table", "header": node.header, "rows": [list(r) for r in node.rows]}


def _section_dict(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "level": section.level,
        "anchor": section.anchor,
        "content": [_content_dict(c) for c in section.content],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def to_dict(article: Article) -> dict[str, Any]:
    """A JSON-ready dict; dates become ISO 8601 strings."""
    return {
        "title": article.title,
        "url": article.url,
        "published": _iso(article.published),
        "modified": _iso(article.modified),
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


def _markdown_node(node: Content) -> str:
    if isinstance(node, model.ListBlock):
        if node.ordered:
            return "\n".join(f"{i}. {item}" for i, item in enumerate(node.items, 1))
        return "\n".join(f"- {item}" for item in node.items)
    if isinstance(node, model.Quote):
        return "\n".join(f"> {line}" for line in node.text.splitlines())
    if isinstance(node, model.Code):
        return f"```\n{node.text}\n```"
    if isinstance(node, model.Table):
        return _markdown_table(node)
    return node.text


def _markdown_table(table: model.Table) -> str:
    width = max(len(r) for r in table.rows)
    rows = [list(r) + [""] * (width - len(r)) for r in table.rows]
    cells = [[c.replace("|", "\\|") for c in r] for r in rows]
    head = cells[0] if table.header else [""] * width
    body = cells[1:] if table.header else cells
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(lines)


def to_markdown(article: Article) -> str:
    """Markdown: ``# headline``, metadata line, section headings at their levels."""
    parts: list[str] = []
    if article.title:
        parts.append(f"# {article.title}")
    meta = [m for m in (_iso(article.published), ", ".join(article.authors)) if m]
    if meta:
        parts.append("*" + " · ".join(meta) + "*")
    for section in article.sections:
        if section.heading:
            level = min(max(section.level, 2), 6)
            parts.append(f"{'#' * level} {section.heading}")
        parts.extend(_markdown_node(node) for node in section.content)
    return "\n\n".join(parts) + "\n"
