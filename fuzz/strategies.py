"""Hypothesis strategies for pages that go wrong, and the properties every extraction keeps.

Shared by ``tests/test_fuzz.py`` (about 100 examples each, in the normal test run) and
``fuzz/run.py`` (the long run). Pages are generated HTML trees (random tags, boilerplate class
names, broken nesting, entities, comments, charsets, gzip), plain text, raw bytes, and
byte-level mutations of real pages.
"""

from __future__ import annotations

import gzip
import html
import json
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import cleannews
from cleannews import Article, CleannewsError, Options

ROOT = Path(__file__).resolve().parent.parent
TAGS = (
    "div p span a article main section header footer nav aside h1 h2 h3 h4 ul ol li dl dt dd "
    "table thead tr td th blockquote pre code br hr img figure figcaption time b i em strong "
    "script style noscript template form input button select option textarea iframe svg math "
    "frameset frame noframes body head html title meta link center font marquee details summary"
).split()
CLASS_WORDS = (
    "content article post entry body main text story nav menu share social related comments "
    "ad ads sidebar footer header byline author date hidden promo newsletter cookie consent "
    "toc breadcrumb caption"
).split()
WORDS = (
    "the council voted on Tuesday to rebuild old bridge which closed in March residents "
    "said cost would be paid by a new tax, and work starts next year. Share this story "
    "Read more Subscribe to our newsletter By Jane Smith Published 3 May 2024 Updated"
).split()
CHARSETS = (
    "utf-8 windows-1252 iso-8859-1 shift_jis gb2312 koi8-r utf-16 undefined idna "
    "unicode_escape x-nonsense"
).split()
ENCODINGS = ("utf-8", "cp1252", "latin-1", "utf-16", "utf-16-le", "gb18030", "shift_jis")
ODD_STRINGS = (
    "\x00", "\ud800", "\udfff", "\ufeff", "\u202e", "\r", "\r\n", "\x0c", "\x1b[2J", "\x85",
    "&amp;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "&#8203;", "&bogus;", "<!--", "-->",
    "<![CDATA[x]]>", "<?php echo 1; ?>", "<!DOCTYPE html>", "</", "<", ">", "\"'", "\u0000\u0001",
    "市议会投票", "المجلس يصوت", "🎉", "\U0010ffff", "\ufffe",
)  # fmt: skip

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)
odd = st.sampled_from(ODD_STRINGS)
texts = st.one_of(words, words, st.text(max_size=60), odd)


def _decodes_alike(text: str) -> bool:
    """No BOM, NUL or surrogate: str and its UTF-8 bytes are then decoded to the same text."""
    return not any(c in "\ufeff\x00" or "\ud800" <= c <= "\udfff" for c in text)


#: Texts whose UTF-8 bytes decode back to the same str (for ``utf8_pages``). Random text has
#: no control characters either: bytes dense in them are refused as binary, on purpose.
same_texts = st.one_of(
    words,
    words,
    st.text(
        st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\ufeff"), max_size=60
    ),
    st.sampled_from([s for s in ODD_STRINGS if _decodes_alike(s)]),
)


def _attrs(charset: bool = True) -> st.SearchStrategy[str]:
    classes = st.lists(st.sampled_from(CLASS_WORDS), max_size=3).map(" ".join)
    pairs = st.one_of(
        classes.map(lambda c: f'class="{c}"'),
        st.sampled_from(CLASS_WORDS).map(lambda c: f"id={c}"),
        st.sampled_from(
            [
                'style="display:none"', "hidden", 'role="navigation"', 'itemprop="articleBody"',
                'lang="fr"', 'dir="rtl"', 'href="https://example.com/a"', 'datetime="2024-05-03"',
                'property="og:title" content="A title"', "x=", '="', "a=b=c",
                *(['charset="utf-8"'] if charset else []),
            ]
        ),
    )  # fmt: skip
    return st.lists(pairs, max_size=3).map(lambda items: "".join(" " + i for i in items))


def _element(attrs: st.SearchStrategy[str]) -> Any:
    def render(tag: str, attrs: str, inner: list[str], closed: bool) -> str:
        return f"<{tag}{attrs}>{''.join(inner)}" + (f"</{tag}>" if closed else "")

    def extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            render, st.sampled_from(TAGS), attrs, st.lists(children, max_size=5), st.booleans()
        )

    return extend


html_fragments = st.recursive(texts, _element(_attrs()), max_leaves=60)
#: Markup without a charset, BOM, NUL or surrogate (for ``utf8_pages``).
same_fragments = st.recursive(same_texts, _element(_attrs(charset=False)), max_leaves=60)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A page: maybe a declaration and a head, then random (often broken) markup."""
    parts = [draw(st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0"?>', "\ufeff"]))]
    if draw(st.booleans()):
        charset = draw(st.sampled_from(CHARSETS))
        parts.append(f'<html><head><meta charset="{charset}"><title>{draw(words)}</title></head>')
    parts.append("<body>" if draw(st.booleans()) else "")
    parts.extend(draw(st.lists(html_fragments, min_size=1, max_size=6)))
    return "".join(parts)


@st.composite
def utf8_pages(draw: st.DrawFn) -> str:
    """A page whose UTF-8 bytes must give the same Article as the str: like ``html_pages``
    but with no charset declared and no BOM, NUL or surrogate (bytes are decoded differently
    there, on purpose), and always some words of text, so that extraction has something."""
    parts = [draw(st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0"?>']))]
    if draw(st.booleans()):
        parts.append(f"<html><head><title>{draw(words)}</title></head>")
    parts.append("<body>" if draw(st.booleans()) else "")
    parts.extend(draw(st.lists(st.one_of(same_fragments, words), min_size=1, max_size=6)))
    return "".join(parts)


@st.composite
def encoded(draw: st.DrawFn, pages: st.SearchStrategy[str]) -> bytes:
    """A page as bytes in some encoding, maybe gzipped, maybe cut short."""
    data = draw(pages).encode(draw(st.sampled_from(ENCODINGS)), "replace")
    if draw(st.integers(0, 4)) == 0:
        data = gzip.compress(data)
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def text_pages(draw: st.DrawFn) -> str:
    """Scraped plain text: headings, bullets, blank lines, odd characters, maybe one line."""
    line = st.one_of(
        words,
        words.map(lambda w: f"# {w}"),
        words.map(lambda w: f"- {w}"),
        words.map(lambda w: f"1. {w}"),
        st.just(""),
        texts,
    )
    lines = draw(st.lists(line, min_size=1, max_size=40))
    return draw(st.sampled_from(["\n", "\r\n", " ", "\n\n"])).join(lines)


#: Every line break text and Markdown input may use (``clean_text`` makes the last three
#: line feeds, ``unify_line_breaks`` the others).
LINE_BREAKS = ("\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")
_LINK_TARGETS = ("https://example.com/a", "/b", "#c", "<https://e.com/d e>", "", "x y", "(", "<")


def _inline(draw: st.DrawFn) -> str:
    """A run of inline Markdown: words with links and images (closed or not), emphasis,
    code spans, escapes, autolinks and HTML tags."""
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        text, target = draw(words), draw(st.sampled_from(_LINK_TARGETS))
        pieces.append(draw(st.sampled_from([
            text, text, f"[{text}]({target})", f"![{text}]({target})",
            f"[![{text}]({target})]({target})",
            f"[{text}]({target}", f"[{text}", f"![{text}", f"[{text}]({target} \"title\")",
            f"**{text}**", f"*{text}", f"_{text}_", f"`{text}`", f"`{text}", f"\\*{text}",
            f"<https://e.com/{text.replace(' ', '')}>", f"<b>{text}</b>", f"<div class=nav>{text}",
        ])))  # fmt: skip
    return " ".join(pieces)


@st.composite
def _markdown_line(draw: st.DrawFn) -> str:
    depth = draw(st.sampled_from([0, 0, 0, 1, 2, 3, 9, 40, 1000]))
    inline = _inline(draw)
    return draw(st.sampled_from([
        inline, inline, f"{'#' * draw(st.integers(1, 7))} {inline}", f"{' ' * depth}- {inline}",
        f"{' ' * depth}{draw(st.integers(0, 10**10))}. {inline}", f"{'- ' * depth}{inline}",
        f"{'> ' * depth}{inline}", f"{'>' * depth} {inline}", f"{'> ' * depth}- {inline}",
        f"| {inline} | {inline} |", "|---|---|", "```python", "~~~", "```", "    ```", "---",
        "===", "***", "", "", f"<!DOCTYPE html><p>{inline}", draw(texts),
    ]))  # fmt: skip


@st.composite
def markdown_pages(draw: st.DrawFn) -> str:
    """Markdown-like documents: headings, nested lists and quotes (up to 1,000 deep), fences
    opened and left open, tables, links and images closed or not, emphasis, HTML, odd
    characters, any line breaks (one kind or mixed)."""
    lines = draw(st.lists(_markdown_line(), min_size=1, max_size=40))
    if draw(st.booleans()):
        return draw(st.sampled_from(LINE_BREAKS)).join(lines)
    breaks = draw(st.lists(st.sampled_from(LINE_BREAKS), min_size=len(lines), max_size=len(lines)))
    return "".join(line + end for line, end in zip(lines, breaks, strict=True))


@st.composite
def text_shapes(draw: st.DrawFn) -> str:
    """Plain text of awkward shape: one long line, many short lines, deep indentation or
    markers, right-to-left and CJK without spaces, control characters, mixed line breaks."""
    unit = draw(
        st.one_of(words, st.sampled_from(["市议会投票重建旧桥。", "المجلس يصوت ", "הגשר "]), odd)
    )
    shape = draw(st.sampled_from(["line", "lines", "indent", "markers", "quotes", "mixed"]))
    count = draw(st.integers(1, 3000))
    if shape == "line":
        return unit * count
    if shape == "indent":
        return "\n".join(f"{' ' * n}- {unit}" for n in range(min(count, 400)))
    if shape in ("markers", "quotes"):
        return ("- " if shape == "markers" else "> ") * count + unit
    ends = draw(st.lists(st.sampled_from(LINE_BREAKS), min_size=1, max_size=8))
    if shape == "lines":
        ends = ends[:1]
    return "".join(unit + ends[n % len(ends)] for n in range(count))


def seed_pages() -> list[bytes]:
    """Real pages to mutate: the golden fixtures and the seed sample, when present."""
    found = sorted((ROOT / "fixtures" / "golden").glob("*/source.*"))
    found += sorted((ROOT.parent / "shared" / "seed").glob("*.txt"))
    pages = [p.read_bytes()[:200_000] for p in found]
    return pages or [
        b"<html><body><article><h1>Title</h1><p>Body text.</p></article></body></html>"
    ]


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


_MUTATIONS = ("delete", "insert", "flip", "duplicate", "truncate")


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    """A real page with a few byte-level edits: deletions, insertions, flips, copies, cuts."""
    data = bytearray(draw(st.sampled_from(seed_pages())))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(_MUTATIONS))
        at = draw(st.integers(0, len(data)))
        size = draw(st.integers(0, 64))
        if kind == "delete":
            del data[at : at + size]
        elif kind == "insert":
            data[at:at] = draw(
                st.binary(max_size=32) | odd.map(lambda s: s.encode("utf-8", "replace"))
            )
        elif kind == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "duplicate":
            data[at:at] = data[at : at + size * 16]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


DATES = (
    "2024-05-03", "0000-00-00", "99999-12-31", "2024-13-45T25:61:61Z", "2024-05-03T12:00:00+99:99",
    "3 hours ago", "99999999999999 days ago", "-5 minutes ago", "yesterday", "31 February 2024",
    "1714737600", "99999999999999999", "Mon, 03 May 2024 12:00:00 GMT", "3. Mai 2024",
    "2024年5月3日", "PT99999999999999H", "P1Y2M", "NaN", "1e999", "",
)  # fmt: skip
JSON_KEYS = (
    "@type @id @graph @context @value name author creator datePublished dateModified headline "
    "publisher inLanguage keywords url image mainEntityOfPage articleSection wordCount "
    "timeRequired license description isPartOf"
).split()
META_NAMES = (
    "article:published_time article:modified_time og:title og:site_name og:description og:url "
    "og:locale author date dc.date pubdate description keywords citation_date parsely-pub-date"
).split()
dates = st.one_of(st.sampled_from(DATES), st.text(max_size=30), st.integers().map(str))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | dates | st.sampled_from(WORDS),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(JSON_KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=40,
)


def _json_ld(value: object, depth: int, cut: int | None) -> str:
    """JSON-LD text: ``value`` as JSON, maybe wrapped ``depth`` levels deep, maybe cut short."""
    text = "[" * depth + json.dumps(value, allow_nan=True) + "]" * depth
    return html.escape(text[:cut] if cut is not None else text, quote=False)


@st.composite
def metadata_pages(draw: st.DrawFn) -> str:
    """Pages whose metadata goes wrong: JSON-LD (random, deep, cut), meta dates, bylines."""
    head = [draw(st.sampled_from(["", "<title>A title | Site</title>"]))]
    for _ in range(draw(st.integers(0, 3))):
        depth = draw(st.sampled_from([0, 0, 1, 600, 100_000]))
        ld = _json_ld(draw(json_values), depth, draw(st.none() | st.integers(0, 200)))
        head.append(f'<script type="application/ld+json">{ld}</script>')
    for _ in range(draw(st.integers(0, 4))):
        name, value = draw(st.sampled_from(META_NAMES)), html.escape(draw(dates))
        head.append(f'<meta property="{name}" name="{name}" content="{value}">')
    lines = st.one_of(
        dates.map(lambda d: f"<p>Published {html.escape(d)}</p>"),
        dates.map(lambda d: f'<time datetime="{html.escape(d)}">{html.escape(d)}</time>'),
        words.map(lambda w: f'<p class="byline">By {w}</p>'),
        st.integers().map(lambda n: f"<p>{n} min read</p>"),
        html_fragments,
    )
    body = "".join(draw(st.lists(lines, max_size=8)))
    return f"<html><head>{''.join(head)}</head><body><article><h1>A title</h1>{body}</article>"


#: Options worth varying: forced input kinds, trade-offs, tables, any reference time.
options = st.builds(
    Options,
    input_kind=st.sampled_from(list(cleannews.InputKind)),
    favor=st.sampled_from(list(cleannews.Favor)),
    tables=st.booleans(),
    reference_time=st.none() | st.datetimes(),
)

#: Every kind of generated input, by name.
SOURCES: dict[str, st.SearchStrategy[Any]] = {
    "html": html_pages(),
    "html-bytes": encoded(html_pages()),
    "html-utf8": html_pages().map(_utf8),
    "text": text_pages(),
    "text-bytes": encoded(text_pages()),
    "markdown": markdown_pages(),
    "markdown-bytes": encoded(markdown_pages()),
    "text-shapes": text_shapes(),
    "binary": st.binary(max_size=2048),
    "mutated": mutated_pages(),
    "unicode": st.text(max_size=500),
    "metadata": metadata_pages(),
}


def strings_of(value: object) -> list[str]:
    """Every string in a nested dict/list structure."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings_of(k) + strings_of(v)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_of(item)]
    return []


def check_text(text: str) -> None:
    """Valid Unicode (no surrogates) with no control characters but newline and tab."""
    text.encode("utf-8")  # strict: a lone surrogate fails here
    bad = {c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"}
    assert not bad, f"control characters {sorted(hex(ord(c)) for c in bad)} in {text[:80]!r}"


def check(source: str | bytes, options: Options | None = None) -> Article | None:
    """The properties: an Article or a CleannewsError; clean text; the same output twice."""
    try:
        article = cleannews.extract(source, options=options)
    except CleannewsError as error:
        assert "\n" not in str(error).strip(), f"multi-line error message: {error}"
        return None
    data = article.to_dict()
    for text in [*strings_of(data), article.to_markdown(), article.to_text()]:
        check_text(text)
    again = cleannews.extract(source, options=options).to_dict()
    assert again == data, "extraction is not deterministic"
    return article


#: The strategies of text and Markdown input, checked by :func:`check_text_article`.
TEXT_SOURCES = ("text", "text-bytes", "markdown", "markdown-bytes", "text-shapes")


def check_text_article(source: str | bytes, options: Options | None = None) -> Article | None:
    """:func:`check`, and the Article's own invariants: it reads back from its JSON record
    as itself, and the headline is the title, not the body's first block too."""
    article = check(source, options)
    if article is None:
        return None
    again = Article.from_dict(json.loads(article.to_json()))
    assert again == article, "the Article does not read back from its JSON"
    if article.title:
        first = article.text.split("\n\n", 1)[0]
        assert first != article.title, f"the title {article.title!r} opens the body too"
    return article
