"""Read schema.org JSON-LD: the page's article, its web page, web site and publisher.

Every ``<script type="application/ld+json">`` is parsed leniently (HTML comments, CDATA
wrappers and control characters in strings are tolerated; a block that still fails is skipped).
Objects are collected from top-level arrays, ``@graph`` and ``mainEntity`` (not from inside
lists of other articles); ``{"@id": ...}`` references are resolved within the page.

:func:`offers` yields ``(field, value, source)`` in order of trust; the caller normalises the
values (dates, names, URLs) and keeps the first good one per field.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import regex
from lxml import etree

from cleannews.dom import Element, strings
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.schema_types import type_pattern

Offer = tuple[str, Any, str]

_TEXTS = etree.XPath("text()")
#: Lower-cases the letters of "ld+json" only (as XPath ``translate(@type, 'LDJSON', 'ldjson')``).
_LDJSON_LOWER = str.maketrans("LDJSON", "ldjson")
#: Wrappers around the JSON: a leading ``<!--`` or ``<![CDATA[``; a trailing ``-->``, ``]]>``
#: or ``;``.
_OPENERS = ("<!--", "<![CDATA[")
_CLOSERS = ("-->", "]]>", ";")
_MAX_DEPTH = 4


@dataclass(slots=True)
class Graph:
    """The JSON-LD objects of one page, by role."""

    objects: list[dict[str, Any]] = field(default_factory=list)
    ids: dict[str, dict[str, Any]] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        """Follow an ``{"@id": ...}`` reference to the object it names (else the value)."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.ids.get(str(value["@id"]), value)
        return value

    def first(self, kinds: regex.Pattern[str]) -> dict[str, Any] | None:
        """The first object with a type matching ``kinds``."""
        return next((obj for obj in self.objects if _has_type(obj, kinds)), None)


def types_of(obj: dict[str, Any]) -> list[str]:
    """The object's ``@type`` values, schema.org URL prefixes removed."""
    kinds = obj.get("@type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return [k.rstrip("/").rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


def _has_type(obj: dict[str, Any], kinds: regex.Pattern[str]) -> bool:
    return any(kinds.fullmatch(kind) for kind in types_of(obj))


def parse(root: Element) -> Graph:
    """Every JSON-LD object of the page that describes it (not nested lists of others)."""
    return parse_scripts(root.iter("script"))


def parse_scripts(scripts: Iterable[Element]) -> Graph:
    """:func:`parse` over the page's ``<script>`` elements (in document order)."""
    graph = Graph()
    for script in scripts:
        if "ld+json" not in script.get("type", "").translate(_LDJSON_LOWER):
            continue
        for raw in strings(_TEXTS, script):
            data = _loads(raw)
            if data is not None:
                _collect(data, graph, 0)
    return graph


def _unwrap(text: str) -> str:
    """``text`` (stripped) without one leading opener and one trailing closer, the closer
    only when it does not overlap the opener."""
    start = next((len(opener) for opener in _OPENERS if text.startswith(opener)), 0)
    end = len(text)
    closer = next((c for c in _CLOSERS if text.endswith(c) and end - len(c) >= start), "")
    return text[start : end - len(closer)]


def _loads(raw: str) -> Any:
    text = raw.strip()
    for _ in range(3):
        text = _unwrap(text).strip()
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):  # JSON nested deeper than the recursion limit
        return None


def _collect(data: Any, graph: Graph, depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _collect(item, graph, depth + 1)
        return
    if not isinstance(data, dict):
        return
    if "@type" in data:
        graph.objects.append(data)
    if isinstance(data.get("@id"), str) and len(data) > 1:
        graph.ids.setdefault(data["@id"], data)
    for key in ("@graph", "mainEntity", "mainEntityOfPage"):
        if isinstance(data.get(key), dict | list):
            _collect(data[key], graph, depth + 1)


def offers(graph: Graph) -> Iterator[Offer]:
    """(field, raw value, source): the site's name first, then the article object's fields,
    then its web page's and site's."""
    article = graph.first(type_pattern("article"))
    page = graph.first(type_pattern("page"))
    site = _site(graph, page)
    if site is not None:
        yield "site_name", _text(site.get("name")), "json-ld:WebSite.name"
    if article is not None:
        yield from _article_offers(article, graph, "json-ld")
    if page is not None:
        yield from _page_offers(page, graph)
    if site is not None:
        yield "language", _text(site.get("inLanguage")), "json-ld:WebSite.inLanguage"


def _site(graph: Graph, page: dict[str, Any] | None) -> dict[str, Any] | None:
    """The WebSite object: the page's ``isPartOf`` or the first one in the page."""
    site = graph.resolve(page.get("isPartOf")) if page is not None else None
    if not (isinstance(site, dict) and _has_type(site, type_pattern("site"))):
        site = graph.first(type_pattern("site"))
    return site


def _article_offers(item: dict[str, Any], graph: Graph, src: str) -> Iterator[Offer]:
    yield "title", _text(item.get("headline")) or _text(item.get("name")), f"{src}:headline"
    yield "subtitle", _text(item.get("alternativeHeadline")), f"{src}:alternativeHeadline"
    yield "published", _text(item.get("datePublished")), f"{src}:datePublished"
    yield "published", _text(item.get("dateCreated")), f"{src}:dateCreated"
    yield "modified", _text(item.get("dateModified")), f"{src}:dateModified"
    yield "description", _text(item.get("description")), f"{src}:description"
    for key in ("author", "creator"):
        people, organisations = _people(item.get(key), graph)
        yield "authors", people, f"{src}:{key}"
        yield "author_organisation", organisations[:1], f"{src}:{key}"
    publisher = _name(graph.resolve(item.get("publisher")), graph)
    yield "publisher", publisher, f"{src}:publisher"
    yield "site_name", publisher, f"{src}:publisher"
    yield "language", _text(item.get("inLanguage")), f"{src}:inLanguage"
    yield "canonical_url", _url(item.get("url"), graph), f"{src}:url"
    yield "canonical_url", _url(item.get("mainEntityOfPage"), graph), f"{src}:mainEntityOfPage"
    yield "section", _first_text(item.get("articleSection")), f"{src}:articleSection"
    yield "tags", _keywords(item.get("keywords")), f"{src}:keywords"
    yield "image", _url(item.get("image"), graph), f"{src}:image"
    yield "license", _url(item.get("license"), graph), f"{src}:license"


def _page_offers(page: dict[str, Any], graph: Graph) -> Iterator[Offer]:
    yield "published", _text(page.get("datePublished")), "json-ld:WebPage.datePublished"
    yield "modified", _text(page.get("dateModified")), "json-ld:WebPage.dateModified"
    yield "language", _text(page.get("inLanguage")), "json-ld:WebPage.inLanguage"
    yield "publisher", _name(graph.resolve(page.get("publisher")), graph), "json-ld:publisher"


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@value", value.get("name"))
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return " ".join(html.unescape(value).split()) or None


def _first_text(value: Any) -> str | None:
    return _text(value[0] if isinstance(value, list) and value else value)


def _name(value: Any, graph: Graph) -> str | None:
    if isinstance(value, list):
        value = graph.resolve(value[0]) if value else None
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)


def _people(value: Any, graph: Graph) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(person names, organisation names) of an author value."""
    items = value if isinstance(value, list) else [value]
    people: list[str] = []
    organisations: list[str] = []
    for raw in items:
        item = graph.resolve(raw)
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if not name or name.startswith(("http://", "https://")):
            continue
        is_org = isinstance(item, dict) and _has_type(item, type_pattern("organisation"))
        (organisations if is_org else people).append(name)
    return tuple(people), tuple(organisations)


def _url(value: Any, graph: Graph) -> str | None:
    value = graph.resolve(value)
    if isinstance(value, list):
        value = graph.resolve(value[0]) if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or value.get("contentUrl")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _keywords(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items:
        text = _text(item)
        if text:
            words.extend(part.strip() for part in text.split(","))
    return tuple(word for word in words if word)


def main_text(graph: Graph) -> str | None:
    """The page's main text as its structured data holds it, for a page whose visible body
    is empty (rendered by scripts): the article object's ``articleBody``, else a question's
    ``text`` and its answers' in order (a QAPage's main entity). None when the data holds
    neither."""
    article = graph.first(type_pattern("article"))
    body = _long_text(article.get("articleBody")) if article is not None else None
    if body:
        return _TAG.sub("\n", body)
    page = graph.first(_QA_PAGE)
    question = graph.resolve(page.get("mainEntity")) if page is not None else None
    if not isinstance(question, dict):
        return None
    parts = [question.get("text")]
    for key in ("acceptedAnswer", "suggestedAnswer"):
        answers = question.get(key)
        for raw in answers if isinstance(answers, list) else [answers]:
            answer = graph.resolve(raw)
            if isinstance(answer, dict):
                parts.append(answer.get("text"))
    texts = (_TAG.sub("\n", p) for p in parts if isinstance(p, str))
    return _long_text("\n".join(t.strip() for t in texts if t.strip()))


_QA_PAGE = compile_pattern("QAPage", regex.I)
#: Markup inside a JSON string (some sites put the article's HTML in ``articleBody``).
_TAG = compile_pattern(r"</?[A-Za-z][^<>]*>")
#: Structured text shorter than this is a summary, not the page's text.
MIN_MAIN_TEXT_CHARS = 200


def _long_text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and len(value) >= MIN_MAIN_TEXT_CHARS else None
