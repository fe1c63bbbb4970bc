"""A JSON-ready dict of the article, and JSON; dates become ISO 8601 strings; and back."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, assert_never

from cleannews.model import (
    Article,
    Code,
    Content,
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
from cleannews.output.formats import SCHEMA_VERSION


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
        "captions_in_text": article.captions_in_text,
        "boilerplate": [
            {"text": r.text, "rule": r.rule, "reason": r.reason} for r in article.boilerplate
        ],
        "provenance": dict(article.provenance),
    }


def to_json(article: Article, *, indent: int | None = None) -> str:
    """The article as JSON (UTF-8 text, non-ASCII kept), compact unless ``indent`` is given:
    only compact output uses the json module's C encoder."""
    return json.dumps(to_dict(article), ensure_ascii=False, indent=indent)


def from_dict(data: Mapping[str, Any]) -> Article:
    """The Article of :func:`to_dict` (or of a command-line record: ``schema_version`` and
    ``path`` are ignored; derived fields like ``text`` and ``word_count`` are recomputed)."""
    if "error" in data:
        raise ValueError(f"an error record, not an article: {data['error']!r}")
    if data.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise ValueError(f"record schema_version {data['schema_version']!r} is not 1")
    return Article(
        title=data.get("title"),
        sections=tuple(_section(s) for s in data.get("sections", ())),
        toc=tuple(TocEntry(t["title"], t["level"], t["anchor"]) for t in data.get("toc", ())),
        published=_date(data.get("published")),
        modified=_date(data.get("modified")),
        authors=tuple(data.get("authors", ())),
        tags=tuple(data.get("tags", ())),
        page_type=PageType(data.get("page_type", "article")),
        is_article=data.get("is_article", data.get("page_type", "article") == "article"),
        page_type_reasons=tuple(data.get("page_type_reasons", ())),
        boilerplate=tuple(Removed(**r) for r in data.get("boilerplate", ())),
        provenance=dict(data.get("provenance", {})),
        toc_source=TocSource(data.get("toc_source", "headings")),
        toc_warnings=tuple(data.get("toc_warnings", ())),
        captions_in_text=bool(data.get("captions_in_text", False)),
        **{name: data.get(name) for name in _PLAIN_FIELDS},
    )


#: The Article fields a record holds as they are.
_PLAIN_FIELDS = (
    "description", "site_name", "language", "url", "reading_time_minutes", "subtitle",
    "publisher", "canonical_url", "section", "image", "license",
)  # fmt: skip


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def _links(items: list[dict[str, str]]) -> tuple[Link, ...]:
    return tuple(Link(link["text"], link["url"]) for link in items)


def _list(data: Mapping[str, Any]) -> ListBlock:
    items = tuple(
        ListItem(item["text"], _links(item["links"]), tuple(_list(c) for c in item["children"]))
        for item in data["items"]
    )
    return ListBlock(items, data["ordered"])


def _content(data: Mapping[str, Any]) -> Content:
    kind = data["type"]
    if kind == "paragraph":
        return Paragraph(data["text"], _links(data["links"]))
    if kind == "list":
        return _list(data)
    if kind == "quote":
        return Quote(tuple(_content(c) for c in data["content"]))
    if kind == "code":
        return Code(data["text"], data["language"])
    if kind == "figure":
        images = tuple(Image(i["src"], i["alt"]) for i in data["images"])
        return Figure(images, data["caption"])
    if kind == "table":
        rows = tuple(tuple(row) for row in data["rows"])
        return Table(rows, data["header"], data["caption"])
    raise ValueError(f"unknown content type {kind!r}")


def _section(data: Mapping[str, Any]) -> Section:
    content = tuple(_content(c) for c in data["content"])
    return Section(data["heading"], data["level"], content, data["anchor"])
