"""Metadata from the page head: structured data, meta tags, microdata and links.

Sources are tried in order of trust and the first good value of a field wins:

1. JSON-LD (:mod:`cleannews.metadata.jsonld`: the article object, then its web page and site);
2. Open Graph and Twitter cards (``og:*``, ``article:*``, ``twitter:*``);
3. other ``<meta>`` tags (``dc.*``/``dcterms.*``, ``parsely-*`` and the ``parsely-page``
   JSON, ``sailthru.*``, ``citation_*``, ``author``, ``description``, ``keywords``, ...);
4. microdata (``itemprop`` inside the article's ``itemscope``, or outside any scope);
5. the document: ``<title>``, ``<link rel=canonical|license|image_src>``.

Some fields rank a source higher: the canonical URL trusts ``<link rel=canonical>`` first, the
language trusts ``<html lang>`` right after JSON-LD (``og:locale`` last). After segmentation,
:mod:`cleannews.metadata.body` adds what the article's own lines state.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import regex
from lxml import etree

from cleannews.dom import Element, text_of
from cleannews.html.compiled import walks
from cleannews.metadata import jsonld
from cleannews.metadata.accumulator import Metadata, Offer
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.memo import MAX_NAME_CHARS, short_key_cache
from cleannews.rules.schema_types import type_pattern

_DC_KEY = compile_pattern(r"^(?:dc|dcterms?)[.:]", regex.I)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# --------------------------------------------------------------------------- meta tags

#: (field, meta keys) in order of trust: Open Graph and Twitter first, then the other tags.
_META_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("og:title", "twitter:title")),
    ("description", ("og:description", "twitter:description")),
    ("site_name", ("og:site_name",)),
    ("canonical_url", ("og:url",)),
    ("image", ("og:image:secure_url", "og:image", "og:image:url", "twitter:image",
               "twitter:image:src")),
    ("published", ("article:published_time", "og:published_time", "article:published")),
    ("modified", ("article:modified_time", "og:updated_time", "article:modified")),
    ("authors", ("article:author",)),
    ("section", ("article:section",)),
    ("tags", ("article:tag",)),
    ("title", ("dc.title", "parsely-title", "sailthru.title", "citation_title", "title")),
    ("authors", ("dc.creator", "author", "parsely-author", "sailthru.author",
                 "citation_author", "byl", "dc.contributor")),
    ("description", ("dc.description", "description", "sailthru.description")),
    ("published", ("dc.date.issued", "dc.date", "dc.created", "citation_publication_date",
                   "citation_date", "parsely-pub-date", "sailthru.date", "publishdate",
                   "publish-date", "publish_date", "pubdate", "datepublished",
                   "article.published", "date", "original-publish-date")),
    ("modified", ("dc.modified", "dc.date.modified", "last-modified", "lastmod",
                  "article.updated", "datemodified", "revised")),
    ("publisher", ("dc.publisher", "publisher", "citation_publisher")),
    ("site_name", ("application-name", "apple-mobile-web-app-title")),
    ("language", ("dc.language", "http-equiv:content-language", "language", "og:locale")),
    ("section", ("parsely-section", "section", "article.section", "category")),
    ("tags", ("news_keywords", "keywords", "parsely-tags", "sailthru.tags", "dc.subject")),
    ("license", ("dc.license", "dc.rights.license", "license")),
)  # fmt: skip
_ALL_VALUES = frozenset({"tags", "authors"})
#: parsely-page JSON keys, read after the plain meta tags.
_PARSELY_KEYS = (
    ("title", "title"), ("authors", "authors"), ("authors", "author"),
    ("published", "pub_date"), ("section", "section"), ("tags", "tags"),
    ("image", "image_url"),
)  # fmt: skip


def meta_tags(root: Element) -> dict[str, list[str]]:
    """Every ``<meta>`` value by key (property, name, itemprop-less), keys normalised."""
    return _meta_values(root.iter("meta"))


def _meta_values(metas: Iterable[Element]) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for element in metas:
        value = (element.get("content") or element.get("value") or "").strip()
        if not value:
            continue
        keys = (element.get("property") or "").split() + (element.get("name") or "").split()
        equiv = element.get("http-equiv")
        if equiv:
            keys.append("http-equiv:" + equiv)
        for key in keys:
            tags.setdefault(_meta_key(key), []).append(value)
    return tags


@short_key_cache(maxsize=4096, max_chars=MAX_NAME_CHARS)
def _meta_key(key: str) -> str:
    key = _DC_KEY.sub("dc.", key.strip().lower())
    return key.removeprefix("og:") if key.startswith("og:article:") else key


def _meta_offers(tags: dict[str, list[str]]) -> Iterator[Offer]:
    for name, keys in _META_FIELDS:
        for key in keys:
            values = tags.get(key)
            if values:
                yield name, values if name in _ALL_VALUES else values[0], f"meta:{key}"
    yield from _parsely_offers(tags)


def _parsely_offers(tags: dict[str, list[str]]) -> Iterator[Offer]:
    raw = (tags.get("parsely-page") or [""])[0]
    try:
        data = json.loads(html.unescape(raw)) if raw else None
    except ValueError:
        return
    if isinstance(data, dict):
        for name, key in _PARSELY_KEYS:
            if data.get(key):
                yield name, data[key], f"meta:parsely-page.{key}"


# --------------------------------------------------------------------------- microdata

#: itemprop (lower case) -> field.
_ITEMPROPS = {
    "headline": "title", "alternativeheadline": "subtitle", "author": "authors",
    "creator": "authors", "datepublished": "published", "datecreated": "published",
    "datemodified": "modified", "description": "description", "articlesection": "section",
    "keywords": "tags", "inlanguage": "language", "image": "image", "publisher": "publisher",
    "license": "license",
}  # fmt: skip
_URL_PROPS = frozenset({"image", "license"})
#: Attribute paths (with the owner element as the result's parent): far faster in libxml2
#: than ``descendant-or-self::*[@itemprop]``, which evaluates a predicate per element.
_SCOPES = etree.XPath("descendant-or-self::*/@itemscope")
_PROPS = etree.XPath("descendant-or-self::*/@itemprop")
_OWNED = {"itemscope": _SCOPES, "itemprop": _PROPS}


def _owners(name: str, root: Element) -> list[Element]:
    """The elements in ``root`` (itself included) owning an attribute ``name``, in document
    order (found in C by the compiled walk, else by the attribute XPath)."""
    walk = walks()
    if walk is not None:
        return walk.attribute_owners(root, name.encode())  # type: ignore[no-any-return]
    result = _OWNED[name](root)
    return [
        owner
        for item in result  # type: ignore[union-attr]
        if isinstance(item, etree._ElementUnicodeResult) and (owner := item.getparent()) is not None
    ]


def _microdata_offers(root: Element, scopes: Sequence[Element]) -> Iterator[Offer]:
    """Item properties of the article's itemscope (scopes nested in it excluded), or of no
    scope at all when the page has no article scope; ``scopes``: the page's itemscopes."""
    props = _owners("itemprop", root)
    if not props:
        return
    scope = next((el for el in scopes if _is_article_scope(el)), None)
    for element in props:  # the nearest scope being ``scope`` puts an element inside it
        prop = _itemprop(element)
        if prop is None or not _in_scope(element, scope):
            continue
        value = _item_value(element, _ITEMPROPS[prop])
        yield _ITEMPROPS[prop], value, f"microdata:{prop}"


def _itemprop(element: Element) -> str | None:
    if not isinstance(element.tag, str):
        return None
    for prop in element.get("itemprop", "").lower().split():
        if prop in _ITEMPROPS:
            return prop
    return None


def _item_types(scopes: Sequence[Element]) -> tuple[str, ...]:
    """The item type names of the page's itemscopes, in document order (one per scope)."""
    kinds = (_scope_type(el) for el in scopes if isinstance(el.tag, str))
    return tuple(kind for kind in kinds if kind)


def _scope_type(element: Element) -> str:
    return element.get("itemtype", "").split(" ")[0].rstrip("/").rsplit("/", 1)[-1]


def _is_article_scope(element: Element) -> bool:
    if not isinstance(element.tag, str) or element.get("itemscope") is None:
        return False
    kind = element.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1]
    return bool(kind) and type_pattern("article").fullmatch(kind) is not None


def _in_scope(element: Element, scope: Element | None) -> bool:
    """The nearest enclosing itemscope is ``scope`` (or there is none, without a scope)."""
    owner = next((a for a in element.iterancestors() if a.get("itemscope") is not None), None)
    return owner is scope


def _item_value(element: Element, name: str) -> Any:
    if element.get("itemscope") is not None:
        named = next((e for e in element.iter() if e.get("itemprop") == "name"), None)
        element = named if named is not None else element
        if named is None and name in ("authors", "publisher"):
            return None
    for attr in ("content", "datetime"):
        if element.get(attr):
            return element.get(attr)
    if name in _URL_PROPS:
        return element.get("href") or element.get("src")
    return text_of(element)


# --------------------------------------------------------------------------- document


def _link_offers(links: Iterable[Element]) -> Iterator[Offer]:
    for element in links:
        rel = element.get("rel", "").lower()
        if "canonical" not in rel and "license" not in rel and "image_src" not in rel:
            continue  # no rel this reads (stylesheet, icon, nofollow, ...)
        rels = rel.split()
        href = element.get("href")
        if not href:
            continue
        if "canonical" in rels and element.tag == "link":
            yield "canonical_url", href, "html:link-canonical"
        if "license" in rels:
            yield "license", href, f"html:{element.tag}-license"
        if "image_src" in rels:
            yield "image", href, "html:link-image_src"


def _language_offers(root: Element) -> Iterator[Offer]:
    yield "language", root.get("lang"), "html:lang"
    yield "language", root.get(_XML_LANG) or root.get("xml:lang"), "html:xml:lang"


@dataclass(slots=True)
class _Head:
    """The elements :func:`head_metadata` reads by tag, found in one walk over the tree."""

    #: ``href`` of the first ``<base href>`` and text of the first ``<title>`` (not the root).
    base: str | None = None
    title: str | None = None
    metas: list[Element] = field(default_factory=list)
    scripts: list[Element] = field(default_factory=list)
    #: ``<link>`` and ``<a>`` elements with ``rel`` and ``href``.
    links: list[Element] = field(default_factory=list)


_HEAD_TAGS = ("base", "title", "meta", "script", "link", "a")


def _scan(root: Element) -> _Head:
    walk = walks()
    if walk is not None:  # the same elements, found in C
        return _Head(*walk.head_elements(root))
    head = _Head()
    for element in root.iter(*_HEAD_TAGS):
        tag = element.tag
        if tag in {"a", "link"}:  # links first: most of the elements are <a>
            if element.get("rel") is not None and element.get("href") is not None:
                head.links.append(element)
        elif tag == "meta":
            head.metas.append(element)
        elif tag == "script":
            head.scripts.append(element)
        elif element is root:
            continue
        elif tag == "title" and head.title is None:
            head.title = element.text or ""
        elif tag == "base" and head.base is None:
            head.base = element.get("href")
    return head


def head_metadata(root: Element, meta: Metadata) -> None:
    """Read the page's structured metadata, in order of trust (see the module doc)."""
    head = _scan(root)
    if head.base is not None:
        meta.base = urljoin(meta.url, head.base) if meta.url else head.base
    graph = jsonld.parse_scripts(head.scripts)
    tags = _meta_values(head.metas)
    kinds = [kind for obj in graph.objects for kind in jsonld.types_of(obj)]
    meta.types = tuple(dict.fromkeys([*kinds, *(f"og:{t}" for t in tags.get("og:type", []))]))
    scopes = _owners("itemscope", root)  # one walk, read twice
    meta.item_types = _item_types(scopes)
    meta.offer_all(_link_offers(head.links))
    meta.offer_all(jsonld.offers(graph))
    meta.offer_all(_language_offers(root))
    meta.offer_all(_meta_offers(tags))
    meta.offer_all(_microdata_offers(root, scopes))
    meta.offer_raw("title", head.title, "html:title")
