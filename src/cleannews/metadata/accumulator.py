"""The metadata accumulator: fields found so far, each with its source, normalised on the way in.

Sources offer ``(field, raw value, source)``; :meth:`Metadata.offer_raw` normalises the value
(dates parsed by :mod:`cleannews.metadata.dates`, author names cleaned by
:mod:`cleannews.metadata.authors`, language tags normalised, URLs resolved against the page
URL) and keeps it unless a more trusted source set the field already. Every field records
where it came from in ``provenance`` (e.g. ``"published": "json-ld:datePublished"``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from cleannews.dom import printable
from cleannews.metadata import language
from cleannews.metadata.authors import clean_authors
from cleannews.metadata.dates import parse_date, parse_iso
from cleannews.rules.page_metadata import page_rules

Offer = tuple[str, Any, str]

MAX_TAGS = 50


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
    #: Microdata item types (``itemtype`` names, URL prefix removed), one per itemscope in
    #: document order: the page-type classifier counts them (posts, products).
    item_types: tuple[str, ...] = ()
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
    return None if _is_placeholder(text) else text


def _is_placeholder(text: str) -> bool:
    """A template leftover or null word (``page_metadata.json``). A placeholder holds a
    template opener or is one null word: most values need no regex pass."""
    rules = page_rules()
    if len(text) > rules.placeholder_chars and not any(
        map(text.__contains__, rules.placeholder_openers)
    ):
        return False
    return rules.placeholder.search(text) is not None


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
    return clean_text(page_rules().label.sub("", text)) if text else None


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
