"""Dev-corpus pages flattened to text the ways scrapers and crawlers flatten them.

Benchmark tools only (the flatteners come from the ``bench`` extra, never from the runtime):

* ``layout``: whole-page text with layout (inscriptis; html2text without markup if inscriptis
  is absent), the shape a scraper's "page text" has;
* ``plain``: text without layout, one block per line (resiliparse's plain-text extraction
  with ``main_content=False``, as crawl archives' WET files; lxml block text if absent);
* ``innertext``: an innerText-like rendering written here (what a browser's copy gives:
  paragraphs separated by blank lines, list items and table rows on lines of their own,
  hidden and script content skipped);
* ``markdown``: whole-page Markdown with links and images (html2text), as crawling tools give.

Each corpus page also yields its reference: readability's expected text, wcxb-dev's ``body``,
trafilatura-eval's with/without snippets. :func:`line_label` labels one line against it.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import lxml.html
import regex
from lxml import etree

from benchmarks.corpora import (
    CorpusMissingError,
    ReadabilityAnnotation,
    SnippetAnnotation,
    corpora_root,
    decode_html,
    load_corpus,
    split_of,
)
from benchmarks.metrics import BLOCK_TAGS, html_to_text, normalize_ws, shingles, tokenize

FLATTENINGS: Final = ("layout", "plain", "innertext", "markdown")
CORPORA: Final = ("trafilatura", "readability", "wcxb")


@dataclass(frozen=True)
class Page:
    """One dev-corpus page: its HTML and its reference (text, or snippets)."""

    corpus: str
    id: str
    split: str
    html: str
    reference: str | None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


def pages(corpus: str, split: str = "all") -> Iterator[Page]:
    """The pages of one corpus (``split`` "dev", "holdout" or "all"), sorted by id."""
    if corpus == "wcxb":
        yield from _wcxb_pages(split)
        return
    for doc in load_corpus("trafilatura" if corpus == "trafilatura" else "readability"):
        if split not in ("all", doc.split):
            continue
        html = decode_html(doc.raw)
        if isinstance(doc.annotation, SnippetAnnotation):
            yield Page(corpus, doc.id, doc.split, html, None,
                       doc.annotation.with_, doc.annotation.without)  # fmt: skip
        elif isinstance(doc.annotation, ReadabilityAnnotation):
            reference = html_to_text(doc.annotation.expected_html())
            yield Page(corpus, doc.id, doc.split, html, reference)


def _wcxb_pages(split: str) -> Iterator[Page]:
    base = corpora_root() / "wcxb-dev"
    if not base.is_dir():
        raise CorpusMissingError(f"corpus 'wcxb' not found at {base}")
    truth = json.loads((base / "truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        entry = truth[page_id]
        own = split_of(f"wcxb/{page_id}")
        if split not in ("all", own):
            continue
        raw = gzip.decompress((base / "html" / f"{page_id}.html.gz").read_bytes())
        yield Page("wcxb", page_id, own, decode_html(raw), str(entry.get("body") or ""),
                   tuple(entry.get("with") or ()), tuple(entry.get("without") or ()))  # fmt: skip


# --- flatteners ------------------------------------------------------------------------------


def flatten(html: str, how: str) -> str:
    """The page flattened one of the :data:`FLATTENINGS` ways."""
    return _FLATTENERS[how](html)


def _layout(html: str) -> str:
    try:
        from inscriptis import get_text
    except ImportError:
        return _html2text(html, markup=False)
    return str(get_text(html))


def _plain(html: str) -> str:
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        return html_to_text(html)
    text = extract_plain_text(HTMLTree.parse(html), main_content=False, alt_texts=False)
    return "\n".join(line for line in str(text).splitlines() if line.strip()) + "\n"


def _markdown(html: str) -> str:
    return _html2text(html, markup=True)


def _html2text(html: str, *, markup: bool) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_links = not markup
    converter.ignore_images = not markup
    converter.ignore_emphasis = not markup
    converter.unicode_snob = True
    return str(converter.handle(html))


_HIDDEN = ("script", "style", "noscript", "template", "head", "svg", "iframe", "select")
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                             "table", "ul", "ol", "dl", "figure", "hr"})  # fmt: skip


def _innertext(html: str) -> str:
    """innerText-like: blocks on lines of their own, blank lines around paragraphs and
    headings, cells separated by tabs, hidden elements skipped."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []
    _render(root, parts)
    text = regex.sub(r"[ \t\r\n\f\v\u00a0]+", " ", "".join(parts))  # source white space
    text = text.replace(_LINE, "\n").replace(_CELL, "\t")
    lines = [line.strip(" ") for line in text.split("\n")]
    return regex.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


_LINE, _CELL = "\x01", "\x02"


def _render(element: etree._Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _HIDDEN or _hidden(element):
        return
    breaks = _LINE * 2 if tag in _PARAGRAPH_TAGS else _LINE if tag in BLOCK_TAGS else ""
    parts.append(breaks)
    if tag == "br":
        parts.append(_LINE)
    elif tag == "img" and element.get("alt"):
        parts.append(element.get("alt", ""))
    elif tag in ("td", "th"):
        parts.append(_CELL)
    if tag:
        parts.append(element.text or "")
    for child in element:
        _render(child, parts)
        parts.append(child.tail or "")
    parts.append(breaks)


def _hidden(element: etree._Element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


_FLATTENERS: Final[dict[str, Callable[[str], str]]] = {
    "layout": _layout,
    "plain": _plain,
    "innertext": _innertext,
    "markdown": _markdown,
}


def available() -> dict[str, str]:
    """Which tool renders each flattening here (fallbacks named as such)."""
    tools: dict[str, str] = {"innertext": "own innerText-like renderer", "markdown": "html2text"}
    try:
        import inscriptis  # noqa: F401

        tools["layout"] = "inscriptis"
    except ImportError:
        tools["layout"] = "html2text (no markup; inscriptis not installed)"
    try:
        import resiliparse  # noqa: F401

        tools["plain"] = "resiliparse extract_plain_text(main_content=False)"
    except ImportError:
        tools["plain"] = "lxml block text (resiliparse not installed)"
    return tools


# --- labels ----------------------------------------------------------------------------------

#: A line is content when this share of its shingles is in the reference, boilerplate when at
#: most LOW is; lines in between are left unlabelled.
HIGH: Final = 0.7
LOW: Final = 0.2
_MD_MARKUP = regex.compile(r"!?\[([^\]]*)\]\([^)]*\)|<https?://[^>]*>|https?://\S+")


def plain_words(line: str) -> str:
    """A line without Markdown link targets and URLs (their tokens are in no reference)."""
    return _MD_MARKUP.sub(lambda m: m[1] or "", line)


class Labeler:
    """Labels lines of one page against its reference: 1 content, 0 boilerplate, None unsure."""

    def __init__(self, page: Page) -> None:
        self.page = page
        if page.reference is not None:
            self._shingles = shingles(page.reference)
            self._tokens = " " + " ".join(tokenize(page.reference)) + " "
        self._with = [normalize_ws(s) for s in page.with_]
        self._without = [normalize_ws(s) for s in page.without]

    def __call__(self, line: str) -> int | None:
        text = plain_words(line)
        if self.page.reference is None:
            return self._snippet_label(normalize_ws(text))
        return self._shingle_label(text)

    def _shingle_label(self, text: str) -> int | None:
        tokens = tokenize(text)
        if not tokens:
            return None
        if len(tokens) < 4:
            return 1 if f" {' '.join(tokens)} " in self._tokens else 0
        own = shingles(text)
        share = sum(min(n, self._shingles[s]) for s, n in own.items()) / sum(own.values())
        return 1 if share >= HIGH else 0 if share <= LOW else None

    def _snippet_label(self, text: str) -> int | None:
        if not text:
            return None

        def hit(snippets: list[str]) -> bool:
            return any(s in text or (len(text) >= 20 and text in s) for s in snippets)

        good, bad = hit(self._with), hit(self._without)
        return None if good == bad else 1 if good else 0


@functools.cache
def cache_dir() -> Path:
    """Where flattened pages are cached between runs (outside the repository)."""
    path = Path("/tmp") / "cleannews-flat"
    path.mkdir(parents=True, exist_ok=True)
    return path


def flattened(page: Page, how: str) -> str:
    """``flatten`` with an on-disk cache keyed by corpus, page and flattening."""
    path = cache_dir() / f"{page.corpus}-{page.id}-{how}.txt.gz"
    if path.is_file():
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    text = flatten(page.html, how)
    partial = path.with_suffix(f".{os.getpid()}.part")  # one per writer: sessions share /tmp
    partial.write_bytes(gzip.compress(text.encode("utf-8")))
    partial.replace(path)  # atomic: a reader never sees half a file
    return text


def main() -> None:
    """Flatten every page of every corpus present into the cache (a warm-up for training and
    evaluation)."""
    import sys

    for corpus in CORPORA:
        try:
            count = 0
            for page in pages(corpus):
                for how in FLATTENINGS:
                    flattened(page, how)
                count += 1
            print(f"{corpus}: {count} pages flattened {len(FLATTENINGS)} ways", file=sys.stderr)
        except CorpusMissingError as error:
            print(f"skipped: {error}", file=sys.stderr)


if __name__ == "__main__":
    main()
