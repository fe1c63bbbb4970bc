"""Strategies and properties for the input kinds beyond a single page: web archives (WARC
files built from random records and pages, then damaged), site templates (files of random
or damaged JSON, and templates learned from random pages) and batches of text and Markdown.

Each strategy comes with its check, in :data:`KINDS`; ``tests/test_fuzz.py`` and
``fuzz/run.py`` run them beside the page strategies of :mod:`fuzz.strategies`.

Properties:

- an archive gives, in order, an ``ArchiveRecord`` per page record, each with an Article
  whose strings pass :func:`fuzz.strategies.check_text` or a ``CleannewsError`` with a
  one-line message (a file that is no archive at all: one such error); never more records
  than the file could hold; the same records twice;
- a templates file loads or raises ``TemplatesError`` with a one-line message; loaded
  templates applied to a page give an Article (or the page's own CleannewsError) whose text
  is empty only when the page's text without templates is;
- templates learned from 1-6 random pages: every page still extracts; a host with one page
  learns nothing;
- a batch of 1-5 text and Markdown sources (``extract_many``): one result per source, in
  order, each what the source gives alone.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import cleannews
from cleannews import Article, CleannewsError, Options, TemplatesError
from cleannews.templates import FORMAT, VERSION, SitePage, SiteTemplates
from cleannews.warc import extract_archive
from fuzz.strategies import (
    check_text,
    encoded,
    html_pages,
    markdown_pages,
    seed_pages,
    strings_of,
    text_pages,
    text_shapes,
)

CONTENT_TYPES = (
    "text/html; charset=utf-8", "text/html; charset=iso-8859-1", "text/html; charset=bogus",
    "text/html; charset=utf-16", "text/plain", "text/plain; charset=undefined",
    "application/xhtml+xml", "image/png", "text/html;;;charset=", "", "application/json",
)  # fmt: skip
ENCODINGS = ("", "gzip", "br", "deflate", "chunked", "gzip, chunked", "x-unknown")
KINDS_OF_RECORD = ("response", "response", "response", "request", "metadata", "revisit",
                   "warcinfo", "resource")  # fmt: skip


def _raw(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid bytes


def _payload(draw: st.DrawFn) -> bytes:
    page = draw(st.one_of(html_pages(), text_pages(), st.sampled_from(seed_pages())))
    data = page if isinstance(page, bytes) else page.encode("utf-8", "replace")
    return data if draw(st.integers(0, 5)) else draw(st.binary(max_size=300))


def _http(draw: st.DrawFn, body: bytes) -> bytes:
    status = draw(st.sampled_from((200, 200, 200, 301, 404, 500, 999)))
    lines = [f"HTTP/1.1 {status} OK", f"Content-Type: {draw(st.sampled_from(CONTENT_TYPES))}"]
    coding = draw(st.sampled_from(ENCODINGS))
    if "gzip" in coding and draw(st.booleans()):
        body = gzip.compress(body, mtime=0)  # else: a header that lies
    if "chunked" in coding and draw(st.booleans()):
        body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    if coding:
        lines.append(("Transfer-Encoding: " if coding == "chunked" else "Content-Encoding: ")
                     + coding)  # fmt: skip
    if draw(st.booleans()):
        lines.append(f"Content-Length: {len(body) + draw(st.integers(-5, 5))}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _record(draw: st.DrawFn, number: int) -> bytes:
    from fastwarc.warc import WarcRecord, WarcRecordType

    kind = draw(st.sampled_from(KINDS_OF_RECORD))
    record = WarcRecord()
    # a fixed id: FastWARC's random one would change the file's length between runs, and
    # hypothesis needs the same draws to give the same file
    record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"record-{number}")
    record.init_headers(getattr(WarcRecordType, kind), str(record_id).encode())
    record.headers["WARC-Target-URI"] = draw(st.sampled_from((
        f"https://site.example/{number}", f"http://www.site.example/a?{number}", "not a url",
        "", f"https://other.example/{number}#x",
    )))  # fmt: skip
    record.headers["WARC-Date"] = draw(st.sampled_from(("2024-05-06T07:08:09Z", "yesterday")))
    body = _payload(draw)
    if kind in ("response", "revisit"):
        record.headers["Content-Type"] = "application/http; msgtype=response"
        body = _http(draw, body)
    else:
        record.headers["Content-Type"] = draw(st.sampled_from(CONTENT_TYPES))
    record.set_bytes_content(body)
    out = io.BytesIO()
    record.write(out)
    raw = out.getvalue()
    return gzip.compress(raw, mtime=0) if draw(st.booleans()) else raw


_DAMAGE = ("none", "none", "truncate", "flip", "insert", "drop-head")


@st.composite
def warc_files(draw: st.DrawFn) -> bytes:
    """A WARC file of 0-6 random records (gzipped one by one or not), maybe damaged."""
    data = b"".join(_record(draw, n) for n in range(draw(st.integers(0, 6))))
    damage = draw(st.sampled_from(_DAMAGE))
    if not data or damage == "none":
        return data
    at = draw(st.integers(0, len(data) - 1))
    if damage == "truncate":
        return data[:at]
    if damage == "flip":
        span = draw(st.integers(1, 64))
        return data[:at] + bytes(b ^ 0x5A for b in data[at : at + span]) + data[at + span :]
    if damage == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
    return data[at:]


def check_archive(data: bytes, options: Options | None = None) -> None:
    """Records or one-line errors, at most one per record start, the same twice."""
    first = _archive_records(data, options)
    limit = data.count(b"WARC/") + data.count(b"\x1f\x8b") + 2
    assert len(first) <= limit, f"{len(first)} records from a file of at most {limit}"
    assert _archive_records(data, options) == first, "reading the archive is not deterministic"


def _archive_records(data: bytes, options: Options | None) -> list[Any]:
    found: list[Any] = []
    try:
        for record in extract_archive(io.BytesIO(data), options=options):
            if record.article is None:
                assert isinstance(record.error, CleannewsError), record
                message = str(record.error)
                assert "\n" not in message.strip(), f"multi-line error: {message}"
                found.append(("error", type(record.error).__name__, message, record.url))
                continue
            article = record.article.to_dict()
            for text in strings_of(article):
                check_text(text)
            found.append(("article", article, record.url, record.warc_record_id))
    except CleannewsError as error:  # not an archive at all
        assert "\n" not in str(error).strip(), f"multi-line error: {error}"
        found.append(("file-error", type(error).__name__, str(error)))
    return found


_TEMPLATE = st.fixed_dictionaries({
    "text": st.one_of(st.text(max_size=80), st.sampled_from((
        "Subscribe to our newsletter", "Body text.", "Title", "x"))),
    "path": st.one_of(st.text(max_size=30), st.sampled_from((
        "text/paragraph", "html/body/article/p/paragraph", "body/body/p/paragraph"))),
    "pages": st.one_of(st.integers(-2, 30), st.text(max_size=3), st.none()),
})  # fmt: skip
_HOST = st.fixed_dictionaries({
    "pages": st.one_of(st.integers(-2, 30), st.floats(), st.none()),
    "templates": st.one_of(st.lists(_TEMPLATE, max_size=5), st.none(), st.text(max_size=5)),
})  # fmt: skip
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def templates_files(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """(a templates file's bytes, a page to apply it to): a well-formed file with random
    fields, random JSON, or either damaged."""
    data = {
        "format": draw(st.sampled_from((FORMAT, FORMAT, "other", None))),
        "version": draw(st.sampled_from((VERSION, VERSION, VERSION + 1, 0, "1", None))),
        "min_pages": draw(st.one_of(st.integers(-1, 6), st.floats(), st.none())),
        "min_share": draw(st.one_of(st.floats(-1, 2), st.integers(-1, 2), st.none())),
        "hosts": draw(st.dictionaries(
            st.sampled_from(("site.example", "news.example", "", "dailybrief")), _HOST,
            max_size=3)),
    }  # fmt: skip
    chosen = draw(st.sampled_from(("valid-ish", "valid-ish", "json", "bytes")))
    if chosen == "json":
        text = json.dumps(draw(_JSON)).encode()
    elif chosen == "bytes":
        text = draw(st.binary(max_size=200))
    else:
        text = json.dumps(data, allow_nan=True).encode()
        if draw(st.integers(0, 3)) == 0:
            text = text[: draw(st.integers(0, len(text)))]
    page = draw(st.one_of(st.sampled_from(seed_pages()), html_pages().map(_raw)))
    return text, page


def check_templates_file(case: tuple[bytes, bytes], options: Options | None = None) -> None:
    """A file loads or is a one-line TemplatesError; loaded, no page loses all its text."""
    data, page = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "templates.json")
        path.write_bytes(data)
        try:
            templates = SiteTemplates.load(path)
        except TemplatesError as error:
            assert "\n" not in str(error).strip(), f"multi-line error: {error}"
            return
    for host in ("site.example", "news.example", "dailybrief", None):
        _compare(page, templates.bound(host), "https://site.example/p", options)


def _compare(page: bytes, templates: Any, url: str, options: Options | None) -> None:
    try:
        plain = cleannews.extract(page, url=url, options=options)
    except CleannewsError:
        return
    article = cleannews.extract(page, url=url, options=options, templates=templates)
    for text in strings_of(article.to_dict()):
        check_text(text)
    assert article.text or not plain.text, "templates left a page without its text"


@st.composite
def learned_sites(draw: st.DrawFn) -> list[tuple[bytes, str | None]]:
    """1-6 pages of one or two hosts (some pages repeated), to learn templates from."""
    page = st.one_of(st.sampled_from(seed_pages()), html_pages().map(_raw),
                     text_pages().map(_raw))  # fmt: skip
    pages = draw(st.lists(page, min_size=1, max_size=6))
    urls = st.sampled_from(("https://a.example/1", "https://a.example/2", None,
                            "https://b.example/x", "https://a.example/3"))  # fmt: skip
    return [(p, draw(urls)) for p in pages]


def check_learned(pages: list[tuple[bytes, str | None]], options: Options | None = None) -> None:
    """Learning never raises; every page extracts with the templates; one page, nothing."""
    templates = SiteTemplates.learn(
        (SitePage(p, url=u, host="folder") for p, u in pages), options=options
    )
    for host, site in templates.hosts.items():
        assert site.pages >= templates.min_pages, f"{host}: learned from {site.pages} pages"
    again = SiteTemplates.from_dict(json.loads(json.dumps(templates.to_dict())))
    assert again.to_dict() == templates.to_dict()
    for page, url in pages:
        _compare(page, templates.bound("folder"), url or "", options)


@st.composite
def text_batches(draw: st.DrawFn) -> list[str | bytes]:
    """1-5 text and Markdown sources (random, awkward shapes, bytes) for one batch."""
    source = st.one_of(text_pages(), markdown_pages(), text_shapes(), encoded(markdown_pages()))
    return draw(st.lists(source, min_size=1, max_size=5))


def check_batch(sources: list[str | bytes], options: Options | None = None) -> None:
    """``extract_many`` gives one result per source, in order, each what the source gives
    alone: an Article (the same) or a CleannewsError (the same class and message)."""
    results = list(cleannews.extract_many(sources, options=options))
    assert [source for source, _ in results] == sources, "not one result per source, in order"
    for source, result in results:
        try:
            alone: Article | CleannewsError = cleannews.extract(source, options=options)
        except CleannewsError as error:
            alone = error
        if isinstance(alone, Article):
            assert isinstance(result, Article), f"{result!r} for a source that extracts"
            assert result.to_dict() == alone.to_dict()
        else:
            assert type(result) is type(alone) and str(result) == str(alone)


#: Every extra input kind: its strategy and its check.
KINDS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any, Options | None], None]]] = {
    "warc": (warc_files(), check_archive),
    "templates-file": (templates_files(), check_templates_file),
    "templates-learned": (learned_sites(), check_learned),
    "text-batch": (text_batches(), check_batch),
}
