"""Metadata from the page head, structured data and the article's own lines.

Every field records where it came from in ``provenance`` (e.g. ``"published":
"json-ld:datePublished"``). Sources are tried in order of trust and the first good value of a
field wins:

1. JSON-LD (:mod:`cleannews.metadata.jsonld`: the article object, then its web page and site);
2. Open Graph and Twitter cards (``og:*``, ``article:*``, ``twitter:*``);
3. other ``<meta>`` tags (``dc.*``/``dcterms.*``, ``parsely-*`` and the ``parsely-page``
   JSON, ``sailthru.*``, ``citation_*``, ``author``, ``description``, ``keywords``, ...);
4. microdata (``itemprop`` inside the article's ``itemscope``, or outside any scope);
5. the document: ``<title>``, ``<link rel=canonical|license|image_src>``;
6. after segmentation, the article's own blocks (:func:`text_metadata`): ``<time datetime>``
   in the article or its header (never in related-link lists, never in scripts), then bylines
   and dates written in the header or in lines the filters dropped as reading/date lines.

Some fields rank a source higher: the canonical URL trusts ``<link rel=canonical>`` first, the
language trusts ``<html lang>`` right after JSON-LD (``og:locale`` last). Values are normalised
on the way in: dates parsed (:mod:`cleannews.metadata.dates`), author names cleaned
(:mod:`cleannews.metadata.authors`), language tags normalised, URLs resolved against the page URL.
:func:`finish` fills the rest from the body: excerpt, a guessed or corrected language.
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any
from urllib.parse import urljoin, urlsplit

import regex
from lxml import etree

from cleannews.blocks import Block, BlockKind, Label
from cleannews.dom import BLOCK_TAGS, Element, printable, text_of
from cleannews.errors import RuleError
from cleannews.metadata import jsonld, language
from cleannews.metadata.authors import clean_authors
from cleannews.metadata.dates import parse_date, parse_iso
from cleannews.options import Options
from cleannews.rules.concepts import attrs_of
from cleannews.rules.loader import class_words, concepts_in
from cleannews.words import normalise, strip_site_name

_READING_TIME = regex.compile(
    r"(\d{1,3})\s*(?:min(?:ute)?s?|m)\.?\s*read|reading time:?\s*(\d{1,3})\s*min", regex.I
)
_SEPARATOR = regex.compile(r"(\s+(?:[|–—•·»/]|-{1,2}|::)\s+|\s*_\s*|\s+:\s+)")
#: Characters every match of ``_SEPARATOR`` holds one of. A match of headline's site suffix
#: (``strip_site_name``) is a match of ``_SEPARATOR`` too.
_SEPARATOR_CHARS = frozenset("|–—•·»/-_:")
_PLACEHOLDER = regex.compile(r"\{\{.*\}\}|\$\{.*\}|^(?:null|nil|undefined|none|n/a)$", regex.I)
#: The longest null word of ``_PLACEHOLDER`` ("undefined"): case folding keeps the length.
_PLACEHOLDER_CHARS = 9
_LABEL = regex.compile(
    r"^(?:(?:posted|filed|published)\s+(?:in|under)|tagged(?:\s+with)?|"
    r"(?:categor(?:y|ies)|tags?|sections?|topics?|keywords?)\s*:)\s*",
    regex.I,
)
_DC_KEY = regex.compile(r"^(?:dc|dcterms?)[.:]", regex.I)
_DIGIT = regex.compile(r"\d")
_URL_DATE = regex.compile(r"/((?:19|20)\d{2})/([01]?\d)/([0-3]?\d)(?:/|$)")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
Offer = tuple[str, Any, str]
#: Blocks before the headline that still count as the article header (kicker, date line).
HEADER_BEFORE = 3
#: Blocks after the headline, before the body starts, that count as the article header.
HEADER_AFTER = 8
#: A byline or date line is short.
MAX_LINE_WORDS = 30
MAX_TAGS = 50
#: A block with links above this density is a teaser (related story), not the article.
TEASER_LINK_DENSITY = 0.3
#: A text guess overrides the declared language when at least this confident.
OVERRIDE_CONFIDENCE = 0.6


@dataclass(slots=True)
class Metadata:
    """Metadata fields found so far, with the source of each."""

    title: str | None = None
    subtitle: str | None = None
    published: date | None = None
    modified: date | None = None
    authors: tuple[str, ...] = ()
    #: An organisation named as author, used only when no person is named.
    author_organisation: tuple[str, ...] = ()
    description: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    language: str | None = None
    #: The URL the caller gave.
    url: str | None = None
    #: Base for relative URLs: ``url`` joined with the page's ``<base href>``.
    base: str | None = None
    canonical_url: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    license: str | None = None
    reading_time: int | None = None
    #: Page types the page declares (og:type, JSON-LD @type), for the page-type classifier.
    types: tuple[str, ...] = ()
    #: Every title candidate in order of trust: (text, source).
    titles: list[tuple[str, str]] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)

    def offer(self, name: str, value: Any, source: str) -> None:
        """Set ``name`` to ``value`` unless a more trusted source set it already."""
        if value in (None, "", ()):
            return
        if name == "title":
            self.titles.append((value, source))
        if getattr(self, name) not in (None, "", ()):
            return
        setattr(self, name, value)
        self.provenance[name] = source

    def offer_raw(self, name: str, raw: Any, source: str) -> None:
        """Normalise a raw value for field ``name`` (see ``_NORMALISERS``), then offer it."""
        if name != "title" and getattr(self, name) not in (None, "", ()):
            return  # set already by a more trusted source: the offer would be ignored
        normaliser = _NORMALISERS.get(name)
        value = normaliser(raw, self, source) if normaliser else raw
        self.offer(name, value, source)

    def offer_all(self, offers: Iterable[Offer]) -> None:
        """Offer every (field, raw value, source), in order."""
        for name, raw, source in offers:
            self.offer_raw(name, raw, source)

    def offer_until_set(self, offers: Iterable[Offer], names: tuple[str, ...]) -> None:
        """:meth:`offer_all` for offers of the fields ``names`` only, stopping once all are
        set (later offers would be ignored: the rest of ``offers`` is never computed)."""
        for name, raw, source in offers:
            self.offer_raw(name, raw, source)
            if all(getattr(self, field) not in (None, "", ()) for field in names):
                return


# --------------------------------------------------------------------------- normalisers


def clean_text(raw: Any) -> str | None:
    """Whitespace-collapsed text with HTML entities decoded; None for placeholders."""
    if not isinstance(raw, str):
        return None
    text = " ".join(printable(html.unescape(raw)).split())
    if not text:
        return None
    # A placeholder holds a brace or is one null word: most values need no regex pass.
    if ("{" in text or len(text) <= _PLACEHOLDER_CHARS) and _PLACEHOLDER.search(text):
        return None
    return text


def to_date(raw: Any, reference: Any = None) -> date | None:
    """A date or timezone-aware datetime (when the value names the zone), or None."""
    if isinstance(raw, date):
        return raw
    text = clean_text(raw)
    if text is None:
        return None
    parsed = parse_iso(text) or parse_date(text, reference=reference)
    return parsed.value if parsed else None


def resolve_url(raw: Any, base: str | None) -> str | None:
    """An absolute http(s) URL, resolved against ``base``; None for anything else."""
    text = clean_text(raw)
    if text is None:
        return None
    absolute = urljoin(base, text) if base else text
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _names(raw: Any, meta: Metadata, source: str) -> tuple[str, ...]:
    values = [raw] if isinstance(raw, str) else list(raw or ())
    texts = [v for v in values if isinstance(v, str) and not v.startswith(("http:", "https:"))]
    inverted = any(key in source for key in ("citation_author", "dc.creator", "microdata"))
    return clean_authors(texts, strict=source.startswith("text:"), inverted=inverted)


def _organisations(raw: Any, meta: Metadata, source: str) -> tuple[str, ...]:
    return tuple(t for t in (clean_text(v) for v in raw or ()) if t)


def _tags(raw: Any, meta: Metadata, source: str) -> tuple[str, ...]:
    values = [raw] if isinstance(raw, str) else list(raw or ())
    seen: dict[str, str] = {}
    for value in values:
        for part in str(value).split(","):
            text = _label_free(part, meta, source)
            if text and text.casefold() not in seen and len(text) <= 80:
                seen[text.casefold()] = text
    return tuple(seen.values())[:MAX_TAGS]


def _license(raw: Any, meta: Metadata, source: str) -> str | None:
    text = clean_text(raw)
    if text and ("/" in text or text.startswith(("www.", "#"))) and " " not in text:
        return resolve_url(text, meta.base or meta.url)
    return text


def _label_free(raw: Any, meta: Metadata, source: str) -> str | None:
    """Text without a leading label ("Posted in News" -> "News")."""
    text = clean_text(raw)
    return clean_text(_LABEL.sub("", text)) if text else None


def _site(raw: Any, meta: Metadata, source: str) -> str | None:
    text = clean_text(raw)
    return None if text is None or text.startswith(("http://", "https://")) else text


_Normaliser = Callable[[Any, Metadata, str], Any]
_NORMALISERS: dict[str, _Normaliser] = {
    "title": lambda raw, meta, src: clean_text(raw),
    "subtitle": lambda raw, meta, src: clean_text(raw),
    "description": lambda raw, meta, src: clean_text(raw),
    "section": _label_free,
    "site_name": lambda raw, meta, src: clean_text(raw),
    "publisher": _site,
    "published": lambda raw, meta, src: to_date(raw),
    "modified": lambda raw, meta, src: to_date(raw),
    "authors": _names,
    "author_organisation": _organisations,
    "language": lambda raw, meta, src: language.normalise_tag(clean_text(raw)),
    "canonical_url": lambda raw, meta, src: resolve_url(raw, meta.base or meta.url),
    "image": lambda raw, meta, src: resolve_url(raw, meta.base or meta.url),
    "license": _license,
    "tags": _tags,
}


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


@functools.lru_cache(maxsize=4096)
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


def _owners(xpath: etree.XPath, root: Element) -> list[Element]:
    """The elements owning the attributes an attribute XPath selects, in document order."""
    result = xpath(root)
    return [
        owner
        for item in result  # type: ignore[union-attr]
        if isinstance(item, etree._ElementUnicodeResult) and (owner := item.getparent()) is not None
    ]


def _microdata_offers(root: Element) -> Iterator[Offer]:
    """Item properties of the article's itemscope (scopes nested in it excluded), or of no
    scope at all when the page has no article scope."""
    props = _owners(_PROPS, root)
    if not props:
        return
    scope = next((el for el in _owners(_SCOPES, root) if _is_article_scope(el)), None)
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


def _is_article_scope(element: Element) -> bool:
    if not isinstance(element.tag, str) or element.get("itemscope") is None:
        return False
    kind = element.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1]
    return bool(kind) and jsonld.ARTICLE_TYPES.fullmatch(kind) is not None


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
    meta.offer_all(_link_offers(head.links))
    meta.offer_all(jsonld.offers(graph))
    meta.offer_all(_language_offers(root))
    meta.offer_all(_meta_offers(tags))
    meta.offer_all(_microdata_offers(root))
    meta.offer_raw("title", head.title, "html:title")


def _url_date(url: str | None) -> str | None:
    """The /YYYY/MM/DD/ date in the page's own canonical URL."""
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}" if match else None


# --------------------------------------------------------------------------- title


def choose_title(meta: Metadata, headline: str | None) -> str | None:
    """The most trusted metadata title that other sources back, site name stripped; the
    headline when there is no metadata title, or when it is the same title and the metadata
    copy is truncated. Records ``provenance["title"]``.

    A title no other source agrees with (not another metadata title, not the headline) is
    passed over for the most trusted title another source does agree with: a misused field
    (Wikipedia's JSON-LD ``headline`` holds the page's description) loses to ``<title>`` and
    ``<h1>`` agreeing.
    """
    names = _site_names(meta)
    candidates = [(t, s) for t, s in meta.titles if not _names_site(t, names)]
    if not candidates:
        if headline:
            meta.provenance["title"] = "html:headline"
        return headline
    text, source = _backed(candidates, headline)
    title = strip_site_affixes(text, names)
    if headline and _agrees(headline, text) and _truncated(title, headline):
        meta.provenance["title"] = "html:headline"
        return headline
    meta.provenance["title"] = source
    return title


def _backed(candidates: Sequence[tuple[str, str]], headline: str | None) -> tuple[str, str]:
    texts = [text for text, _ in candidates] + ([headline] if headline else [])
    support = [
        sum(1 for j, other in enumerate(texts) if j != i and _agrees(other, text))
        for i, (text, _) in enumerate(candidates)
    ]
    if support[0] == 0 and max(support) >= 1:
        return next(c for c, n in zip(candidates, support, strict=True) if n)
    return candidates[0]


def _names_site(title: str, site_names: Sequence[str]) -> bool:
    """The title is only the site's name (a site-wide og:title, not the article's)."""
    return normalise(title).replace(" ", "") in site_names


def _truncated(title: str, headline: str) -> bool:
    if title.endswith(("…", "...")):
        return True
    short, full = normalise(title), normalise(headline)
    return full.startswith(short) and len(full) > len(short) + 3


@functools.lru_cache(maxsize=4096)
def _agrees(one: str, other: str) -> bool:
    """The same title, give or take a site name around either."""
    return any(_same_text(a, b) for a in _variants(one) for b in _variants(other))


@functools.lru_cache(maxsize=4096)
def _variants(title: str) -> tuple[str, ...]:
    """The title, and without its site name, normalised (the comparison reads only these)."""
    if _SEPARATOR_CHARS.isdisjoint(title) or _SEPARATOR.search(title) is None:
        return (normalise(title),)  # nothing to strip: both give the stripped title
    texts = dict.fromkeys((title, strip_site_name(title), strip_site_affixes(title, ())))
    return tuple(dict.fromkeys(normalise(text) for text in texts))


@functools.lru_cache(maxsize=4096)
def _same_text(a: str, b: str) -> bool:
    """Two normalised titles are the same, or nearly (one inside the other, or most words
    shared)."""
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if a == b or (len(shorter) >= 0.8 * len(longer) and shorter in longer):
        return True
    words_a, words_b = set(a.split()), set(b.split())
    return len(words_a & words_b) / max(len(words_a), len(words_b)) >= 0.8


def _site_names(meta: Metadata) -> list[str]:
    names = [n for n in (meta.site_name, meta.publisher) if n]
    for url in (meta.canonical_url, meta.url):
        host = urlsplit(url).hostname if url else None
        if host:
            names.append(host.removeprefix("www.").rsplit(".", 1)[0])
    return [key for key in (normalise(n).replace(" ", "") for n in names) if len(key) >= 3]


def strip_site_affixes(title: str, site_names: Sequence[str]) -> str:
    """Remove leading/trailing ``| Site`` segments that name the site; without a known site
    name, remove one short last segment (``Headline | Site``)."""
    parts = _SEPARATOR.split(title)
    texts, seps = parts[0::2], parts[1::2]

    def is_site(text: str) -> bool:
        key = normalise(text).replace(" ", "")
        return bool(key) and any(
            key in name or (name in key and 2 * len(name) >= len(key)) for name in site_names
        )

    start, end = 0, len(texts)
    while end - start > 1 and is_site(texts[end - 1]):
        end -= 1
    while end - start > 1 and is_site(texts[start]):
        start += 1
    if (start, end) == (0, len(texts)) and len(texts) > 1:
        end = len(texts) - 1 if _short_last(texts) else end
    kept = [texts[start]]
    for i in range(start + 1, end):
        kept += [seps[i - 1], texts[i]]
    return "".join(kept).strip()


def _short_last(texts: Sequence[str]) -> bool:
    """``Headline | Site``: a last segment of at most four words with a capital letter in it,
    after a headline of two words or more."""
    last, rest = texts[-1].strip(), " ".join(texts[:-1]).split()
    return len(last.split()) <= 4 and not last.islower() and len(rest) >= 2


# --------------------------------------------------------------------------- page text


@functools.cache
def _page_rules() -> dict[str, Any]:
    path = resources.files("cleannews") / "data" / "page_metadata.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("author_classes", "date_classes", "subtitle_classes"):
            data[key] = frozenset(data[key])
        for key in ("updated_words",):
            alternation = "|".join(sorted(data[key], key=len, reverse=True))
            data[key] = regex.compile(
                rf"(?<!\w)(?:{alternation})(?:\W+\p{{L}}{{1,3}})?\W*$", regex.I
            )
    except (OSError, ValueError, KeyError, TypeError, regex.error) as exc:
        raise RuleError(f"page_metadata.json is missing or malformed: {exc}") from exc
    return dict(data)


def _classes_match(element: Element, words: frozenset[str]) -> bool:
    classes, ident = element.get("class"), element.get("id")
    return bool(
        (classes and _names_match(classes, words)) or (ident and _names_match(ident, words))
    )


@functools.lru_cache(maxsize=16384)
def _names_match(attr: str, words: frozenset[str]) -> bool:
    """A class or id name in ``attr`` holds one of ``words`` (cached: attributes repeat)."""
    return any(words.intersection(class_words(name)) for name in attr.split())


def article_region(blocks: Sequence[Block], titles: Sequence[str] = ()) -> list[Block]:
    """The blocks of the article and its header, in page order: the neighbourhood of the
    headline (of its echoes, and of headings that agree with a metadata title in ``titles``)
    up to the body, the body, and lines dropped inside the body by line rules (reading and
    date lines)."""
    live = [i for i, b in enumerate(blocks) if b.label in (Label.UNDECIDED, Label.CONTENT)]
    title = next((i for i, b in enumerate(blocks) if b.label is Label.TITLE), None)
    start = title if title is not None else (live[0] if live else 0)
    body = next((i for i in live if i > start), len(blocks))
    anchors = [start] + [
        i
        for i, b in enumerate(blocks)
        if (b.rule == "headline-echo" and i < body)
        or (b.kind is BlockKind.HEADING and any(_agrees(b.text, t) for t in titles))
    ]
    prose = [i for i in live if blocks[i].kind is not BlockKind.HEADING]
    header: set[int] = set()
    for anchor in anchors:
        end = next((i for i in prose if i > anchor), len(blocks))
        header.update(range(max(0, anchor - HEADER_BEFORE), min(end, anchor + HEADER_AFTER + 1)))
    last = live[-1] if live else body
    region: list[Block] = []
    for index, block in enumerate(blocks):
        in_body = body <= index <= last and (not block.dropped or block.rule in _LINE_RULES)
        if index in header or in_body:
            region.append(block)
    return region


_LINE_RULES = frozenset({"reading-line", "ui-leftover", "ui-leftover-multi", "repeated"})


def text_metadata(blocks: Sequence[Block], meta: Metadata, options: Options) -> None:
    """Dates, bylines, dek and reading time stated in the article's own lines."""
    region = article_region(blocks, [text for text, _ in meta.titles[:3]])
    for block in region:
        match = _READING_TIME.search(block.text) if block.rule == "reading-line" else None
        if match:
            meta.offer("reading_time", int(match[1] or match[2]), "text:reading-line")
    dated = meta.published is not None and meta.modified is not None
    inline = _inline_memo()  # the offers below walk the same blocks' inline elements
    if not dated:
        meta.offer_until_set(_time_offers(region, _header(blocks, region), inline), _DATES)
    if not meta.authors:
        meta.offer_until_set(_byline_offers(region, inline), ("authors",))
    if not dated:
        meta.offer_until_set(_text_date_offers(region, blocks, options, inline), _DATES)
    if not meta.subtitle:
        meta.offer_until_set(_subtitle_offers(region, blocks, inline), ("subtitle",))


_DATES = ("published", "modified")
_Inline = Callable[[Element], list[Element]]


def _inline_memo() -> _Inline:
    """:func:`_inline` as a list, remembered per owner (for one :func:`text_metadata` call)."""
    memo: dict[Element, list[Element]] = {}

    def inline(owner: Element) -> list[Element]:
        found = memo.get(owner)
        if found is None:
            found = memo[owner] = list(_inline(owner))
        return found

    return inline


def _inline(owner: Element) -> Iterator[Element]:
    """The elements inside ``owner`` that belong to its own block: descendants not inside a
    nested block-level element (those own blocks of their own)."""
    stack = list(reversed(owner))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element.tag in BLOCK_TAGS:
            continue
        yield element
        stack.extend(reversed(element))


def _time_offers(
    region: Sequence[Block], header: Sequence[Block], inline: _Inline
) -> Iterator[Offer]:
    """``<time>`` elements of the header first, then of the body; never in teasers (a list
    item or block with links: related stories) or, in the body, inside a link."""
    seen: set[Element] = set()
    in_header = set(header)
    for block in [*header, *(b for b in region if b not in in_header)]:
        if block.element is None or block.element in seen or _is_teaser(block):
            continue
        seen.add(block.element)
        for time in inline(block.element):
            if time.tag != "time":
                continue
            if block not in in_header and next(time.iterancestors("a"), None) is not None:
                continue
            value = to_date(time.get("datetime") or text_of(time))
            kind = "modified" if _says_updated(time, block) else "published"
            yield kind, value, "html:time"


def _is_teaser(block: Block) -> bool:
    return block.link_chars > 0 and (
        block.kind is BlockKind.LIST_ITEM or block.link_density > TEASER_LINK_DENSITY
    )


def _says_updated(time: Element, block: Block) -> bool:
    words = frozenset({"updated", "modified", "update", "dateModified"})
    attrs = f"{time.get('class', '')} {time.get('itemprop', '')}"
    if any(w in words for name in attrs.split() for w in (name, *class_words(name))):
        return True
    before = block.text.split(text_of(time))[0] if text_of(time) else ""
    return _page_rules()["updated_words"].search(before[-40:]) is not None


def _header(blocks: Sequence[Block], region: Sequence[Block]) -> list[Block]:
    """The region's blocks up to the first body block (the article header)."""
    header: list[Block] = []
    for block in region:
        if not block.dropped and block.label is not Label.TITLE and header and _is_body(block):
            break
        header.append(block)
    return header


def _long(text: str) -> bool:
    """More than ``MAX_LINE_WORDS`` words (split no further than needed to tell)."""
    return len(text.split(maxsplit=MAX_LINE_WORDS)) > MAX_LINE_WORDS


def _is_body(block: Block) -> bool:
    return block.kind is BlockKind.PARAGRAPH and _long(block.text)


def _marked(block: Block, words: frozenset[str], inline: _Inline) -> list[Element]:
    """Elements of the block (its own, two nearest ancestors, inline children) whose
    class/id holds one of ``words``; rel/itemprop=author count for author words."""
    if block.element is None:
        return []
    found = [el for el in block.ancestors[-3:] if _classes_match(el, words)]
    authorish = "author" in words
    for element in inline(block.element):
        named = authorish and (
            "author" in element.get("rel", "").lower().split()
            or "author" in element.get("itemprop", "").lower().split()
        )
        if named or _classes_match(element, words):
            found.append(element)
    return found


_BY = regex.compile(r"^\s*(?i:by|par|por|von|door|written by|posted by|words by|text by)\s+\p{Lu}")


def _byline_offers(region: Sequence[Block], inline: _Inline) -> Iterator[Offer]:
    """Bylines: inline author elements (class, rel or itemprop author) of short blocks, else
    a short block marked as a byline or starting with "By"; never in a comment thread."""
    words = _page_rules()["author_classes"]
    for block in region:
        if _long(block.text) or block.label is Label.TITLE:
            continue
        marked = _marked(block, words, inline)
        if (not marked and not _BY.match(block.text)) or _in_comments(block):
            continue
        own = set(block.ancestors)
        names = [text_of(el) for el in marked if el not in own and el.getparent() is not None]
        if names:
            yield "authors", names, "text:byline-element"
        else:
            yield "authors", [block.text], "text:byline"


def _in_comments(block: Block) -> bool:
    return any("comments" in concepts_in(attrs_of(el)) for el in block.ancestors)


def _text_date_offers(
    region: Sequence[Block], blocks: Sequence[Block], options: Options, inline: _Inline
) -> Iterator[Offer]:
    header = set(_header(blocks, region))
    words = _page_rules()["date_classes"]
    for block in region:
        if _long(block.text) or block.label is Label.TITLE:
            continue
        if options.reference_time is None and _DIGIT.search(block.text) is None:
            continue  # only relative dates are written without digits (see dates_in_line)
        if block in header or block.rule == "reading-line" or _marked(block, words, inline):
            source = "text:reading-line" if block.rule == "reading-line" else "text:date-line"
            for kind, value in dates_in_line(block.text, options):
                yield kind, value, source


def dates_in_line(text: str, options: Options) -> list[tuple[str, date]]:
    """Up to three dates written in one line, each 'published' or 'modified' by the words
    before it ("Updated ...")."""
    found: list[tuple[str, date]] = []
    rest = text
    updated = _page_rules()["updated_words"]
    for _ in range(3):
        parsed = parse_date(rest, reference=options.reference_time)
        if parsed is None or not parsed.matched:
            break
        before, _, rest = rest.partition(parsed.matched)
        kind = "modified" if updated.search(before[-40:]) else "published"
        found.append((kind, parsed.value))
    return found


def _subtitle_offers(
    region: Sequence[Block], blocks: Sequence[Block], inline: _Inline
) -> Iterator[Offer]:
    words = _page_rules()["subtitle_classes"]
    for block in _header(blocks, region):
        count = len(block.text.split())
        if 3 <= count <= 80 and block.label is not Label.TITLE and _marked(block, words, inline):
            yield "subtitle", block.text, "text:subtitle"


# --------------------------------------------------------------------------- finishing


def finish(meta: Metadata, body: Sequence[Block], options: Options) -> None:
    """Fill what the sources left open: organisation author, published from the page's own
    URL (/2019/11/18/) or else from modified, site name from the publisher, excerpt from the
    first paragraph, language guessed (or corrected) from the text."""
    if not meta.authors and meta.author_organisation:
        meta.authors = meta.author_organisation
        meta.provenance["authors"] = meta.provenance["author_organisation"] + " (organisation)"
    meta.offer_raw("published", _url_date(meta.canonical_url), "url:canonical")
    meta.offer_raw("published", _url_date(meta.url), "url:page")
    if meta.publisher:
        meta.offer("site_name", meta.publisher, "publisher:" + meta.provenance["publisher"])
    if meta.published is None and meta.modified is not None:
        meta.published = meta.modified
        meta.provenance["published"] = "modified:" + meta.provenance["modified"]
    first = next((b for b in body if b.kind is BlockKind.PARAGRAPH and len(b.text) >= 40), None)
    if first is not None:
        meta.offer("description", first.text, "body:first-paragraph")
    _check_language(meta, body)


def _check_language(meta: Metadata, body: Sequence[Block]) -> None:
    parts: list[str] = []
    size = 0
    for block in body:
        if block.kind is not BlockKind.CODE and size < language.SAMPLE_CHARS:
            parts.append(block.text)
            size += len(block.text) + 1
    guess = language.guess(" ".join(parts)[: language.SAMPLE_CHARS])
    if guess is None:
        return
    source = f"guess:{guess.method}"
    if meta.language is None:
        meta.offer("language", guess.language, source)
        return
    declared = language.primary(meta.language)
    if guess.confidence >= OVERRIDE_CONFIDENCE and language.primary(guess.language) != declared:
        where = meta.provenance.get("language", "?")
        meta.provenance["language"] = f"{source} (page declared {meta.language} by {where})"
        meta.language = guess.language


def estimated_reading_time(words: int, options: Options) -> int | None:
    """Minutes to read ``words`` words at ``options.words_per_minute`` (None for no words)."""
    return max(1, math.ceil(words / options.words_per_minute)) if words else None


def page_rules_examples() -> list[dict[str, str]]:
    """The examples of ``data/page_metadata.json`` (checked by the tests)."""
    return list(_page_rules()["examples"])
