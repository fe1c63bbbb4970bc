"""Stage 10: metadata from the page head (JSON-LD, Open Graph, meta tags, <time>) and text.

Each field records where it came from in ``provenance``. Sources are tried in order of trust.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import regex
from lxml import etree

from .blocks import Block
from .dates import parse_date, parse_iso
from .dom import Element, elements, strings
from .options import Options

_READING_TIME = regex.compile(
    r"(\d{1,3})\s*(?:min(?:ute)?s?|m)\.?\s*read|reading time:?\s*(\d{1,3})\s*min", regex.I
)
_META = etree.XPath("//meta[@content]")
_JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()")
_TIME = etree.XPath("//time[@datetime]")
_PUBLISHED_KEYS = (
    "article:published_time", "datepublished", "og:published_time", "publishdate",
    "pubdate", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "publish-date", "article.published",
)  # fmt: skip
_ARTICLE_TYPES = regex.compile(r"(?:News|Blog|Scholarly|Tech)?Article|Report|BlogPosting", regex.I)


@dataclass(slots=True)
class Metadata:
    """Metadata fields found so far, with the source of each."""

    title: str | None = None
    published: date | None = None
    modified: date | None = None
    authors: tuple[str, ...] = ()
    description: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    reading_time: int | None = None
    provenance: dict[str, str] = field(default_factory=dict)

    def offer(self, name: str, value: Any, source: str) -> None:
        """Set ``name`` to ``value`` unless a more trusted source set it already."""
        if value in (None, "", ()) or getattr(self, name) not in (None, "", ()):
            return
        setattr(self, name, value)
        self.provenance[name] = source


def head_metadata(root: Element, meta: Metadata) -> None:
    """Read JSON-LD first, then <meta> tags, then the <title> and <html lang>."""
    for item in _json_ld_articles(root):
        _from_json_ld(item, meta)
    tags: dict[str, str] = {}
    for element in elements(_META, root):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        tags.setdefault(key.strip().lower(), element.get("content", "").strip())
    _from_meta_tags(tags, meta)
    title = root.findtext(".//title")
    meta.offer("title", " ".join(title.split()) if title else None, "html:title")
    meta.offer("language", _lang(root.get("lang") or root.get("xml:lang")), "html:lang")
    for element in elements(_TIME, root):
        meta.offer("published", _iso(element.get("datetime")), "html:time")


def _lang(value: str | None) -> str | None:
    return value.strip().lower() if value and value.strip() else None


def _iso(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    parsed = parse_iso(value.strip()) or parse_date(value)
    return parsed.value if parsed else None


def _from_meta_tags(tags: dict[str, str], meta: Metadata) -> None:
    for key in _PUBLISHED_KEYS:
        meta.offer("published", _iso(tags.get(key)), f"meta:{key}")
    meta.offer("modified", _iso(tags.get("article:modified_time")), "meta:article:modified_time")
    meta.offer("title", tags.get("og:title") or None, "meta:og:title")
    meta.offer("site_name", tags.get("og:site_name") or None, "meta:og:site_name")
    description = tags.get("description") or tags.get("og:description")
    meta.offer("description", description or None, "meta:description")
    author = tags.get("author") or tags.get("article:author") or tags.get("parsely-author")
    if author and not author.startswith("http"):
        meta.offer("authors", (author,), "meta:author")
    meta.offer("language", _lang(tags.get("og:locale", "").replace("_", "-")), "meta:og:locale")


def _json_ld_articles(root: Element) -> Iterator[dict[str, Any]]:
    for raw in strings(_JSON_LD, root):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        yield from _walk_json_ld(data)


def _walk_json_ld(data: Any) -> Iterator[dict[str, Any]]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            kinds = item.get("@type", "")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and _ARTICLE_TYPES.fullmatch(k) for k in kinds):
                yield item
            if "@graph" in item:
                stack.append(item["@graph"])


def _from_json_ld(item: dict[str, Any], meta: Metadata) -> None:
    meta.offer("title", _text(item.get("headline")), "json-ld:headline")
    meta.offer("published", _iso(item.get("datePublished")), "json-ld:datePublished")
    meta.offer("modified", _iso(item.get("dateModified")), "json-ld:dateModified")
    meta.offer("description", _text(item.get("description")), "json-ld:description")
    meta.offer("authors", tuple(_names(item.get("author"))), "json-ld:author")
    publisher = item.get("publisher")
    if isinstance(publisher, dict):
        meta.offer("site_name", _text(publisher.get("name")), "json-ld:publisher")
    meta.offer("language", _lang(_text(item.get("inLanguage"))), "json-ld:inLanguage")


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _names(value: Any) -> Iterator[str]:
    items = value if isinstance(value, list) else [value]
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        text = _text(name)
        if text and not text.startswith("http"):
            yield text


def text_metadata(blocks: Sequence[Block], meta: Metadata, options: Options) -> None:
    """Dates and reading time stated in the page's own lines (bylines, reading-time lines)."""
    for block in blocks:
        if block.rule != "reading-line":
            continue
        match = _READING_TIME.search(block.text)
        if match:
            meta.offer("reading_time", int(match[1] or match[2]), "text:reading-line")
        parsed = parse_date(block.text, reference=options.reference_time)
        if parsed:
            meta.offer("published", parsed.value, "text:reading-line")


def estimated_reading_time(words: int, options: Options) -> int | None:
    """Minutes to read ``words`` words at ``options.words_per_minute`` (None for no words)."""
    return max(1, math.ceil(words / options.words_per_minute)) if words else None
