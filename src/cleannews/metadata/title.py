"""The title: the most trusted metadata title another source backs, site name stripped."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

import regex

from cleannews.metadata.accumulator import Metadata
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.memo import MAX_KEY_CHARS, short_key_cache, short_keys_cache
from cleannews.words import normalise, strip_site_name

_SEPARATOR = compile_pattern(r"(\s+(?:[|–—•·»/]|-{1,2}|::)\s+|\s*_\s*|\s+:\s+)")
#: Characters every match of ``_SEPARATOR`` holds one of. A match of headline's site suffix
#: (``strip_site_name``) is a match of ``_SEPARATOR`` too.
_SEPARATOR_CHARS = frozenset("|–—•·»/-_:")


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
    if headline and title != headline and _headline_inside(title, headline):
        meta.provenance["title"] = "html:headline"  # "Opinion | X", "News > World > X"
        return headline
    if headline and titles_agree(headline, text) and _truncated(title, headline):
        meta.provenance["title"] = "html:headline"
        return headline
    meta.provenance["title"] = source
    return title


#: Characters that separate a title's parts: "Opinion | X", "News > World > X - Site".
_PART_SEPARATORS = "|>»:/–—-·•"


def _headline_inside(title: str, headline: str) -> bool:
    """The headline is a part of the title, set off by separators, and longer than each of the
    other parts (section labels, breadcrumbs, the site name): the headline is the clean one."""
    whole, part = " ".join(title.split()).casefold(), " ".join(headline.split()).casefold()
    at = whole.find(part)
    if at < 0 or whole == part or len(part.split()) < 3:
        return False
    before, after = whole[:at].rstrip(), whole[at + len(part) :].lstrip()
    if (before and before[-1] not in _PART_SEPARATORS) or (
        after and after[0] not in _PART_SEPARATORS
    ):
        return False
    rest = regex.split(f"[{regex.escape(_PART_SEPARATORS)}]", f"{before} {after}")
    return all(len(other.strip()) < len(part) for other in rest)


def _backed(candidates: Sequence[tuple[str, str]], headline: str | None) -> tuple[str, str]:
    texts = [text for text, _ in candidates] + ([headline] if headline else [])
    support = [
        sum(1 for j, other in enumerate(texts) if j != i and titles_agree(other, text))
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


@short_keys_cache(maxsize=4096, max_chars=2 * MAX_KEY_CHARS)
def titles_agree(one: str, other: str) -> bool:
    """The same title, give or take a site name around either."""
    return any(_same_text(a, b) for a in _variants(one) for b in _variants(other))


@short_key_cache(maxsize=4096)
def _variants(title: str) -> tuple[str, ...]:
    """The title, and without its site name, normalised (the comparison reads only these)."""
    if _SEPARATOR_CHARS.isdisjoint(title) or _SEPARATOR.search(title) is None:
        return (normalise(title),)  # nothing to strip: both give the stripped title
    texts = dict.fromkeys((title, strip_site_name(title), strip_site_affixes(title, ())))
    return tuple(dict.fromkeys(normalise(text) for text in texts))


@short_keys_cache(maxsize=4096, max_chars=2 * MAX_KEY_CHARS)
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
