"""Site templates: the blocks a site repeats on its pages, learned from a set of its pages.

Single-page extraction keeps, now and then, text a site prints on every page: a promo
paragraph carrying the site's name inside the article container, a newsletter box, an
author bio, a "More from X" line. Seen across the site's pages they are plain to see: the
same normalised text at the same DOM path (for plain text: the same kind of block) on many
pages. :meth:`SiteTemplates.learn` counts them per host; :func:`cleannews.extract` with
``templates=`` drops them with the reason ``site template: seen on 14 of 15 pages of host``.

>>> from cleannews.templates import SitePage, SiteTemplates
>>> templates = SiteTemplates.learn(SitePage(html, url) for html, url in pages)  # doctest: +SKIP
>>> templates.save("site-templates.json")  # doctest: +SKIP
>>> article = cleannews.extract(page, url=url, templates=templates)  # doctest: +SKIP

A block is a template when it is seen on at least ``min_pages`` pages of its host and on at
least ``min_share`` of them. Guards keep real repeated content: pages are counted once each
(by URL, canonical URL and content, so repeated captures of one live page or one story under
two addresses count once); headings, data-table cells and code are never dropped as such (a
heading left with nothing under it goes with the ``empty-heading`` rule); editorial notices
(``data/templates.json``: corrections, updates, editor's notes) are kept; and a page that
would lose every content block keeps them all. A host with fewer than ``min_pages`` pages
learns nothing, so a page processed alone is extracted exactly as without templates.

The host of a page is that of its URL (then of its canonical URL, which ``og:url`` stands in
for); a page without either takes the ``host`` it is learned or extracted with
(:meth:`SiteTemplates.bound`; the command line uses the folder of a file).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import regex

from cleannews.blocks import Block, BlockKind, SiteFilter
from cleannews.errors import CleannewsError, TemplatesError
from cleannews.input.load import Source
from cleannews.options import Options
from cleannews.pipeline import extract
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.loader import read_json

#: What a templates file says it is, and the version of its layout this module reads.
FORMAT = "cleannews-site-templates"
VERSION = 1
#: Defaults: a template is seen on at least this many pages of its host...
MIN_PAGES = 3
#: ...and on at least this share of them.
MIN_SHARE = 0.5
#: The rule id of the blocks site templates drop.
RULE = "site-template"
#: Blocks never dropped as templates: headings (their sections decide), cells, code.
_NEVER = frozenset({BlockKind.HEADING, BlockKind.CELL, BlockKind.CODE})
_NON_WORD = compile_pattern(r"[^\p{L}\p{N}]+")
_DIGITS = compile_pattern(r"\p{Nd}+")
_LETTER = compile_pattern(r"\p{L}")


def normalise(text: str) -> str:
    """The text as templates compare it: case-folded, digits as 0, punctuation as spaces."""
    return _NON_WORD.sub(" ", _DIGITS.sub("0", text.casefold())).strip()


def block_path(block: Block) -> str:
    """Where a block sits: its block-level ancestors' tags (HTML), or ``text`` and its kind."""
    if not block.ancestors:
        return f"text/{block.kind.value}"
    return "/".join(str(element.tag) for element in block.ancestors) + f"/{block.kind.value}"


def block_key(block: Block) -> tuple[str, str] | None:
    """(normalised text, path) of a block, None for one without a letter."""
    text = normalise(block.text)
    return (text, block_path(block)) if _LETTER.search(text) else None


def host_of(url: str | None) -> str | None:
    """The lowercase host of ``url`` without ``www.``; None for a URL without one. A Wayback
    Machine address (``web.archive.org/web/TIMESTAMP/URL``) gives the archived page's host."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if host == "web.archive.org" and (wrapped := _WAYBACK.match(parts.path)):
        inner = wrapped.group(1)
        return host_of(inner if "://" in inner else "http://" + inner) or host
    return host.removeprefix("www.") if host else None


_WAYBACK = compile_pattern(r"/web/\d+[a-z_]*/(.+)")


@cache
def _keep_patterns() -> tuple[regex.Pattern[str], ...]:
    rules = read_json("templates.json")["keep"]
    return tuple(compile_pattern(rule["pattern"], regex.IGNORECASE) for rule in rules)


def is_kept(text: str) -> bool:
    """True for a block templates never drop (an editorial notice: a correction...)."""
    stripped = text.lstrip()
    return any(pattern.match(stripped) for pattern in _keep_patterns())


@dataclass(frozen=True, slots=True)
class Template:
    """One learned block: its text (as first seen), its path, and the pages it is on."""

    text: str
    path: str
    pages: int


@dataclass(frozen=True, slots=True)
class HostTemplates:
    """The templates of one host, and how many of its pages they were learned from."""

    pages: int
    templates: tuple[Template, ...]
    #: (normalised text, path) -> the template.
    index: Mapping[tuple[str, str], Template] = field(repr=False, compare=False)

    @classmethod
    def of(cls, pages: int, templates: Iterable[Template]) -> HostTemplates:
        found = tuple(templates)
        return cls(pages, found, {(normalise(t.text), t.path): t for t in found})


@dataclass(frozen=True, slots=True)
class SitePage:
    """A page to learn from: its source, its URL and, for a page without one, its host."""

    source: Source
    url: str | None = None
    host: str | None = None


class SiteTemplates:
    """The templates of each host, learned (:meth:`learn`) or loaded (:meth:`load`); pass
    it as ``extract(..., templates=...)``. Immutable once made."""

    def __init__(
        self,
        hosts: Mapping[str, HostTemplates] | None = None,
        *,
        min_pages: int = MIN_PAGES,
        min_share: float = MIN_SHARE,
    ) -> None:
        if isinstance(min_pages, bool) or not isinstance(min_pages, int) or min_pages < 2:
            raise TemplatesError(f"min_pages must be a whole number of 2 or more: {min_pages!r}")
        if not isinstance(min_share, int | float) or not 0.0 < min_share <= 1.0:
            raise TemplatesError(f"min_share must be more than 0 and at most 1: {min_share!r}")
        self.min_pages, self.min_share = min_pages, float(min_share)
        found = (hosts or {}).items()
        self.hosts: Mapping[str, HostTemplates] = {h: t for h, t in found if t.templates}

    @classmethod
    def learn(
        cls,
        pages: Iterable[SitePage | Source],
        *,
        min_pages: int = MIN_PAGES,
        min_share: float = MIN_SHARE,
        options: Options | None = None,
    ) -> SiteTemplates:
        """Templates learned from ``pages`` (of one site or many: each is counted under its
        host). A page that cannot be extracted is skipped (:attr:`TemplateLearner.failed`)."""
        learner = TemplateLearner(min_pages=min_pages, min_share=min_share, options=options)
        for page in pages:
            learner.add(page if isinstance(page, SitePage) else SitePage(page))
        return learner.templates()

    def __len__(self) -> int:
        """The number of templates, over all hosts."""
        return sum(len(site.templates) for site in self.hosts.values())

    def __repr__(self) -> str:
        return f"<SiteTemplates: {len(self)} templates of {len(self.hosts)} hosts>"

    def bound(self, host: str | None) -> SiteFilter:
        """These templates, with ``host`` for pages whose URLs name none (a folder's pages)."""
        return _Bound(self, host)

    def filter_blocks(self, blocks: Sequence[Block], urls: Sequence[str]) -> None:
        """Drop the live blocks of the page that are templates of its host."""
        self.drop(blocks, page_host(urls, None))

    def drop(self, blocks: Sequence[Block], host: str | None) -> None:
        """Drop the live blocks that are templates of ``host`` (unless a guard keeps them)."""
        site = self.hosts.get(host) if host else None
        if site is None:
            return
        live = [b for b in blocks if b.live]
        matched = [(b, t) for b, t in _matches(live, site) if not is_kept(b.text)]
        content = [b for b in live if b.kind is not BlockKind.HEADING]
        if not matched or len(matched) >= len(content):  # never the whole body
            return
        for block, template in matched:
            reason = f"site template: seen on {template.pages} of {site.pages} pages of {host}"
            block.drop(RULE, reason)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: format, version, thresholds, and per host its pages and templates."""
        hosts = {
            host: {
                "pages": site.pages,
                "templates": [
                    {"text": t.text, "path": t.path, "pages": t.pages} for t in site.templates
                ],
            }
            for host, site in sorted(self.hosts.items())
        }
        return {"format": FORMAT, "version": VERSION, "min_pages": self.min_pages,
                "min_share": self.min_share, "hosts": hosts}  # fmt: skip

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the templates as JSON to ``path`` (atomically: a temporary file renamed)."""
        target = Path(path)
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(name, target)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SiteTemplates:
        """Templates saved by :meth:`save`. Raises :class:`~cleannews.errors.TemplatesError`
        for a file that cannot be read, is not JSON, or is not of this version."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            why = getattr(error, "strerror", None) or error
            raise TemplatesError(f"cannot read the templates file {path}: {why}") from None
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise TemplatesError(f"templates file {path} is not JSON: {error}") from None
        return cls.from_dict(data, where=f"templates file {path}")

    @classmethod
    def from_dict(cls, data: object, *, where: str = "templates") -> SiteTemplates:
        """Templates from their JSON form (see :meth:`to_dict`), checked: a malformed or
        other-version one raises TemplatesError; templates under the thresholds are left out."""
        top = _object(data, where)
        if top.get("format") != FORMAT:
            raise TemplatesError(f"{where} is not a cleannews site-templates file")
        if top.get("version") != VERSION:
            version = top.get("version")
            raise TemplatesError(
                f"{where} is of version {version!r}; this cleannews reads version {VERSION}"
            )
        min_pages, min_share = top.get("min_pages"), top.get("min_share")
        if not isinstance(min_pages, int) or not isinstance(min_share, int | float):
            raise TemplatesError(f"{where}: min_pages and min_share must be numbers")
        hosts = _object(top.get("hosts"), f"{where}: hosts")
        made = cls(min_pages=min_pages, min_share=min_share)
        parsed = {str(h): made._host(site, f"{where}: host {h}") for h, site in hosts.items()}
        return cls(parsed, min_pages=min_pages, min_share=min_share)

    def _host(self, data: object, where: str) -> HostTemplates:
        site = _object(data, where)
        pages, items = site.get("pages"), site.get("templates")
        if isinstance(pages, bool) or not isinstance(pages, int) or pages < 1:
            raise TemplatesError(f"{where}: pages must be a whole number of 1 or more")
        if not isinstance(items, list):
            raise TemplatesError(f"{where}: templates must be a list")
        found = [_template(item, pages, f"{where}: template {n}") for n, item in enumerate(items)]
        return HostTemplates.of(pages, (t for t in found if self.enough(t.pages, pages)))

    def enough(self, seen: int, pages: int) -> bool:
        """True when a block seen on ``seen`` of a host's ``pages`` pages is a template."""
        return seen >= self.min_pages and seen >= self.min_share * pages


def _object(data: object, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise TemplatesError(f"{where} must be a JSON object")
    return data


def _template(data: object, pages: int, where: str) -> Template:
    item = _object(data, where)
    text, path, seen = item.get("text"), item.get("path"), item.get("pages")
    if not isinstance(text, str) or not isinstance(path, str) or not text.strip():
        raise TemplatesError(f"{where}: text and path must be strings")
    if isinstance(seen, bool) or not isinstance(seen, int) or not 1 <= seen <= pages:
        raise TemplatesError(f"{where}: pages must be a whole number from 1 to {pages}")
    return Template(text, path, seen)


def _matches(blocks: Iterable[Block], site: HostTemplates) -> Iterator[tuple[Block, Template]]:
    for block in blocks:
        if block.kind in _NEVER:
            continue
        key = block_key(block)
        template = site.index.get(key) if key is not None else None
        if template is not None:
            yield block, template


def page_host(urls: Sequence[str], fallback: str | None) -> str | None:
    """The host of the first URL that has one (the given URL, then the canonical one), else
    ``fallback``."""
    for url in urls:
        host = host_of(url)
        if host is not None:
            return host
    return fallback


@dataclass(frozen=True, slots=True)
class _Bound:
    """Templates with a host for pages whose URLs name none."""

    templates: SiteTemplates
    host: str | None

    def filter_blocks(self, blocks: Sequence[Block], urls: Sequence[str]) -> None:
        self.templates.drop(blocks, page_host(urls, self.host))


class TemplateLearner:
    """Learns templates one page at a time (two passes over a batch: learn, then extract).

    Memory grows with the distinct blocks seen (a 64-bit digest and a count each), not with
    the pages: texts are kept only for blocks seen on two pages or more.
    """

    def __init__(
        self,
        *,
        min_pages: int = MIN_PAGES,
        min_share: float = MIN_SHARE,
        options: Options | None = None,
    ) -> None:
        self._empty = SiteTemplates(min_pages=min_pages, min_share=min_share)  # checks them
        self.options = options
        self._hosts: dict[str, _HostCounts] = {}
        #: Pages that could not be extracted, and pages counted as another page's copy.
        self.failed = self.duplicates = 0

    def add(self, page: SitePage, options: Options | None = None) -> bool:
        """Learn from one page (with ``options`` instead of the learner's); False when it is
        not counted (no host, a copy of a page already counted, or an extraction error)."""
        recorder = _Recorder(page.host)
        options = options or self.options
        try:
            extract(page.source, url=page.url, options=options, templates=recorder)
        except CleannewsError:
            self.failed += 1
            return False
        if recorder.host is None:
            return False
        counted = self._hosts.setdefault(recorder.host, _HostCounts()).add(recorder)
        self.duplicates += not counted
        return counted

    def templates(self) -> SiteTemplates:
        """The templates of the pages added so far."""
        empty = self._empty
        hosts = {host: counts.result(empty) for host, counts in self._hosts.items()}
        return SiteTemplates(hosts, min_pages=empty.min_pages, min_share=empty.min_share)


class _Recorder:
    """Stands in for templates while learning: notes a page's host, addresses and blocks."""

    def __init__(self, fallback: str | None) -> None:
        self.fallback, self.host = fallback, fallback
        self.ids: set[str] = set()
        self.keys: dict[int, tuple[str, str]] = {}

    def filter_blocks(self, blocks: Sequence[Block], urls: Sequence[str]) -> None:
        self.host = page_host(urls, self.fallback)
        self.ids.update("url:" + url.split("#")[0].strip().rstrip("/") for url in urls)
        for block in blocks:
            key = None if block.kind in _NEVER else block_key(block)
            if key is not None:
                self.keys.setdefault(_digest(key), (block.text, key[1]))


def _digest(key: tuple[str, str]) -> int:
    data = f"{key[1]}\n{key[0]}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


@dataclass(slots=True)
class _HostCounts:
    """Per host while learning: pages counted, their ids, and pages per block digest."""

    pages: int = 0
    seen: set[str] = field(default_factory=set)
    counts: dict[int, int] = field(default_factory=dict)
    texts: dict[int, tuple[str, str]] = field(default_factory=dict)

    def add(self, page: _Recorder) -> bool:
        content = hashlib.blake2b(repr(sorted(page.keys)).encode(), digest_size=16).hexdigest()
        ids = {*page.ids, "content:" + content}
        if not ids.isdisjoint(self.seen):
            return False  # another capture or another address of a page already counted
        self.seen |= ids
        self.pages += 1
        for digest, found in page.keys.items():
            seen = self.counts.get(digest, 0) + 1
            self.counts[digest] = seen
            if seen == 2:
                self.texts[digest] = found
        return True

    def result(self, rules: SiteTemplates) -> HostTemplates:
        found = [
            Template(text, path, self.counts[digest])
            for digest, (text, path) in self.texts.items()
            if rules.enough(self.counts[digest], self.pages)
        ]
        found.sort(key=lambda t: (-t.pages, t.path, t.text))
        return HostTemplates.of(self.pages, found)
