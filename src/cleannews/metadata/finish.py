"""Finishing: fill what the sources left open from the URL and the body; reading time."""

from __future__ import annotations

import math
from collections.abc import Sequence
from urllib.parse import urlsplit

from cleannews.blocks import CODE, PARAGRAPH, Block
from cleannews.metadata import language
from cleannews.metadata.accumulator import Metadata
from cleannews.options import Options
from cleannews.rules.diskcache import compile_pattern

_URL_DATE = compile_pattern(r"/((?:19|20)\d{2})/([01]?\d)/([0-3]?\d)(?:/|$)")
#: A text guess overrides the declared language when at least this confident.
OVERRIDE_CONFIDENCE = 0.6


def _url_date(url: str | None) -> str | None:
    """The /YYYY/MM/DD/ date in the page's own canonical URL."""
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}" if match else None


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
    first = next((b for b in body if b.kind is PARAGRAPH and len(b.text) >= 40), None)
    if first is not None:
        meta.offer("description", first.text, "body:first-paragraph")
    _check_language(meta, body)


def _check_language(meta: Metadata, body: Sequence[Block]) -> None:
    parts: list[str] = []
    size = 0
    for block in body:
        if block.kind is not CODE and size < language.SAMPLE_CHARS:
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
