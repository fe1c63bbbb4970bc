"""The orchestrator: each function calls the stages in order and nothing else.

source -> load -> (HTML) parse -> clean -> segment -> features -> scoring -> select
                            -> boilerplate filters -> classifier -> neighbour revisions
                  (text) text blocks -> features -> boilerplate filters
       -> headline -> structure -> metadata -> Article
"""

from __future__ import annotations

import html
from typing import Any, NamedTuple

from lxml import etree

from cleannews.blocks import Block, SiteFilter
from cleannews.dom import Element
from cleannews.errors import EmptyInputError, InputTooLargeError
from cleannews.filters import boilerplate as filters
from cleannews.filters import duplicates, features, neighbours
from cleannews.html import scoring
from cleannews.html.classifier import decide
from cleannews.html.clean import clean
from cleannews.html.parse import parse_html
from cleannews.html.segment import segment
from cleannews.html.select import main_containers
from cleannews.html.toc_box import extract_toc
from cleannews.input.detect import input_kind, kind_from_name
from cleannews.input.load import Source, load, unify_line_breaks
from cleannews.metadata import jsonld
from cleannews.metadata.accumulator import Metadata
from cleannews.metadata.body import drop_header_lines, text_metadata
from cleannews.metadata.finish import estimated_reading_time, finish
from cleannews.metadata.head import head_metadata
from cleannews.metadata.title import choose_title
from cleannews.model import Article, PageType, Removed, TocEntry
from cleannews.options import InputKind, Options
from cleannews.rules.concepts import ClassNames
from cleannews.rules.schema_types import type_pattern
from cleannews.structure.bounds import (
    drop_above_headline,
    drop_edge_disclosures,
    drop_edges,
    drop_trailing_author_boxes,
)
from cleannews.structure.frame import drop_farm_frame
from cleannews.structure.headline import html_headline, keep_unlike_headline, mark_headline
from cleannews.structure.pagetype import Page, judge, measure
from cleannews.structure.sections import document_base, restore_inner_captions, sections
from cleannews.structure.toc import article_toc
from cleannews.structure.trim import trim
from cleannews.text.contents import page_toc
from cleannews.text.frames import cut_frame, drop_edge_promo, drop_structural_promo, find_frame
from cleannews.text.linemodel import drop_by_line_model, line_model, restore_likeliest
from cleannews.text.lines import mark_kept_headings
from cleannews.text.mainrun import kept_lines, main_run, text_units


def extract(
    source: Source,
    *,
    url: str | None = None,
    options: Options | None = None,
    templates: SiteFilter | None = None,
) -> Article:
    """Extract the article from one saved page.

    Parameters:
        source: the page. A ``str`` is its HTML or text; ``bytes`` are decoded (byte-order
            mark, ``<meta charset>``, UTF-8, then detection) and gunzipped when compressed;
            a ``pathlib.Path`` is read (``.gz`` too; a ``.txt`` or ``.md`` file is text
            whatever it holds). Also a binary file object (``open(p, "rb")``), an lxml
            element or tree, or a ``BeautifulSoup`` object; neither is modified. A short
            str that names an existing file raises :class:`InputError`: pass a ``Path``.
        url: the page's address: links, images and the canonical URL resolve against it.
        options: an :class:`~cleannews.options.Options` (input kind, favour precision or
            recall, tables, captions, repeated paragraphs, reference time for relative
            dates, reading speed, size limits).
        templates: site templates (:class:`cleannews.templates.SiteTemplates`): blocks the
            page's site repeats on its pages are dropped.

    Returns:
        An :class:`~cleannews.model.Article`: ``title``, ``text`` (the body), ``sections``,
        metadata (``published``, ``authors``, ``language``...), ``page_type`` and what was
        removed (``boilerplate``).

    Raises:
        InputError: the source cannot be read (wrong type, missing file, bad gzip, a path
            passed as str); its subclasses DecodeError (binary data), EmptyInputError
            and InputTooLargeError (over ``Options.max_input_bytes`` or ``max_elements``).
        ParseError: no document could be built from the text.
        RuleError: a packaged rule file is broken (a packaging bug).
        All are :class:`~cleannews.errors.CleannewsError`.

    Example:
        >>> import cleannews
        >>> page = "<title>Hi</title><h1>Hi</h1><p>" + "A sentence of the story. " * 20
        >>> article = cleannews.extract(page, url="https://example.org/hi")
        >>> article.title, article.text.startswith("A sentence")
        ('Hi', True)

    For many pages, with worker processes and time limits, see
    :func:`cleannews.extract_many`.
    """
    options = options or Options()
    loaded = load(source, options)
    text = loaded.text
    if not text or text.isspace():  # (strip() would copy a page ending in a line break)
        raise EmptyInputError("input is empty")
    kind = options.input_kind
    if kind is InputKind.AUTO and loaded.path is not None:
        kind = kind_from_name(loaded.path.name)
    kind = input_kind(text, kind)
    if kind is InputKind.HTML:
        return extract_page(text, url, options, templates, utf8=loaded.utf8)
    return extract_text(text, url, options, templates, markdown=kind is InputKind.MARKDOWN)


def extract_page(
    text: str,
    url: str | None,
    options: Options,
    templates: SiteFilter | None = None,
    *,
    utf8: bytes | None = None,
) -> Article:
    """HTML, with one relaxed retry when class/id cleaning left next to nothing: a site that
    names its article wrapper ``comments`` or ``ad-slot`` must not lose the article
    (``utf8``: the text's UTF-8 bytes, when loading made them)."""
    article = extract_html(parse_html(text, options.max_elements, utf8), url, options, templates)
    if len(article.text) >= RETRY_BELOW_CHARS:
        return article
    root = parse_html(text, options.max_elements, utf8)
    retry = extract_html(root, url, options, templates, by_class=False)
    best = retry if len(retry.text) > len(article.text) else article
    if len(best.text) >= RETRY_BELOW_CHARS:
        return best
    return _from_structured_data(text, url, options, templates) or best


def _from_structured_data(
    text: str, url: str | None, options: Options, templates: SiteFilter | None
) -> Article | None:
    """A page whose visible body is (next to) empty, its text rendered by scripts from data
    in the page: the main text of its JSON-LD (``articleBody``, a QAPage's question and
    answers) becomes the body, one paragraph per line, under the page's own head."""
    root = parse_html(text, options.max_elements)
    found = jsonld.main_text(jsonld.parse(root))
    body = root.find("body")
    if found is None or body is None:
        return None
    body.clear()
    article = etree.SubElement(body, "article")
    for line in found.splitlines():
        if line.strip():
            etree.SubElement(article, "p").text = html.unescape(line.strip())
    structured = extract_html(root, url, options, templates)
    return structured if len(structured.text) >= RETRY_BELOW_CHARS else None


#: A body shorter than this (characters) is extracted again without class/id removal.
RETRY_BELOW_CHARS = 250


def extract_html(
    root: Element,
    url: str | None,
    options: Options,
    templates: SiteFilter | None = None,
    *,
    by_class: bool = True,
) -> Article:
    """The HTML pipeline over a parsed tree (modified in place)."""
    meta = Metadata(url=url)
    head_metadata(root, meta)
    base = document_base(root, url or meta.canonical_url)  # links resolve against this
    page_toc = extract_toc(root)
    dropped: list[Removed] = []
    thread = any(map(type_pattern("thread").fullmatch, meta.types))
    found = candidates(root, dropped, by_class=by_class, thread=thread)
    blocks = found.blocks
    decide(blocks, found.containers, options.favor, found.names, captions=options.captions)
    revise_by_neighbours(blocks, found.containers)
    if templates is not None:
        templates.filter_blocks(blocks, [u for u in (url, meta.canonical_url) if u])
    headline = html_headline(blocks, [text for text, _ in meta.titles] or [meta.title or ""])
    if headline is not None:
        mark_headline(blocks, headline)
    trim_article(blocks, options)
    filters.drop_empty_headings(blocks)
    if not filters.live(blocks):
        filters.relax(blocks)  # nothing survived: retry with the soft verdicts undone
        duplicates.drop_repeated_paragraphs(blocks)  # the relaxed blocks repeat, too
    text_metadata(blocks, meta, options)
    title = choose_title(meta, headline.text if headline else None)
    if headline is not None:
        keep_unlike_headline(blocks, headline, title)
    return assemble(
        blocks,
        title=title,
        meta=meta,
        dropped=dropped,
        options=options,
        page_toc=page_toc,
        base=base,
    )


def extract_text(
    text: str,
    url: str | None,
    options: Options,
    templates: SiteFilter | None = None,
    *,
    markdown: bool = False,
) -> Article:
    """The plain-text and Markdown pipeline: the line model's main run, the farm frame around
    it, then the same filters and structure as for HTML."""
    text = unify_line_breaks(text)
    lines = text.count("\n")
    if lines > options.max_elements:  # lines cost what elements cost: the same limit
        limit = f"{options.max_elements:,}-line limit (Options.max_elements)"
        raise InputTooLargeError(f"text has {lines:,} lines, over the {limit}")
    blocks = text_units(text, markdown=markdown)
    features.compute(blocks)
    model = line_model()
    p = model.probabilities(blocks)
    texts = [b.text for b in blocks]
    run = main_run(p, texts, model.threshold)
    kept = kept_lines(p, texts, model.threshold, model.inside, model.outside, run=run)
    filters.drop_phrase_lines(blocks)
    filters.drop_promo(blocks)
    if templates is not None:
        templates.filter_blocks(blocks, [url] if url else [])
    frame = find_frame(blocks, kept, run.start)
    headline = blocks[frame.headline] if frame is not None else None
    if frame is not None and headline is not None:
        headline.restore()
        mark_headline(blocks, headline)
        cut_frame(blocks, kept, frame)
    drop_structural_promo(blocks, frame)
    drop_by_line_model(blocks, p, kept)
    drop_edge_promo(blocks)  # a farm's greeting and farewell around the article
    drop_edges(blocks, trailer_only=True)  # newsletter, follow, disclosure lines after it
    if not filters.live(blocks):
        restore_likeliest(blocks, p)  # a tiny page: its likeliest lines beat an empty article
    mark_kept_headings(blocks)
    filters.drop_empty_headings(blocks)
    meta = Metadata(url=url)
    text_metadata(blocks, meta, options)
    title = choose_title(meta, headline.text if headline else None)
    return assemble(blocks, title=title, meta=meta, dropped=[], options=options,
                    page_toc=page_toc(blocks), base=url, body_lists=True)  # fmt: skip


class Candidates(NamedTuple):
    """What the HTML pipeline hands the block classifier."""

    blocks: list[Block]
    containers: list[Element]
    #: The class/id concepts cleaning found (None for a page without a body).
    names: ClassNames | None


def candidates(
    root: Element, dropped: list[Removed], *, by_class: bool = True, thread: bool = False
) -> Candidates:
    """Cleaned, segmented and scored blocks, rule-filtered, with the main containers
    (``thread``: the page declares a discussion thread, whose posts are its content)."""
    names = clean(root, dropped, by_class=by_class)
    body = root.find("body")
    blocks = segment_and_score(body if body is not None else root)
    containers = main_containers(blocks, thread=thread)
    drop_boilerplate(blocks)
    return Candidates(blocks, containers, names)


def segment_and_score(body: Element) -> list[Block]:
    """Blocks of the cleaned body with features and scores."""
    blocks = segment(body)
    features.compute(blocks)
    scoring.score_blocks(blocks)
    return blocks


def trim_article(blocks: list[Block], options: Options) -> None:
    """The article's edges and repeats, once the headline is known: a content farm's frame,
    framing prompts outside the body run, header bylines and datelines (read later into
    metadata), short lines above a headline that heads the body, a thread's post signatures,
    and paragraphs repeated in another role; with ``Options(captions=True)``, doubted
    captions between kept blocks are given back."""
    drop_farm_frame(blocks)
    drop_edges(blocks)
    drop_trailing_author_boxes(blocks)
    drop_edge_disclosures(blocks)
    drop_header_lines(blocks, options)
    drop_above_headline(blocks)
    if options.captions:
        restore_inner_captions(blocks)
    duplicates.drop_thread_signatures(blocks)
    duplicates.drop_repeated_paragraphs(blocks)


def revise_by_neighbours(blocks: list[Block], containers: list[Element]) -> None:
    """Verdicts that depend on what surrounds a block, after the classifier's."""
    neighbours.drop_slideshow(blocks)
    neighbours.drop_teaser_cards(blocks)
    neighbours.restore_inner_headings(blocks)
    neighbours.restore_inner_sentences(blocks)
    neighbours.restore_inner_links(blocks)
    neighbours.restore_inside_main(blocks, containers)
    neighbours.restore_feed_items(blocks)
    neighbours.drop_chart_labels(blocks)  # after the restores, which give them back too


def drop_boilerplate(blocks: list[Block]) -> None:
    """Every block-level boilerplate filter, in order."""
    filters.drop_phrase_lines(blocks)
    filters.drop_promo(blocks)
    filters.drop_link_heavy(blocks)


def assemble(
    blocks: list[Block],
    *,
    title: str | None,
    meta: Metadata,
    dropped: list[Removed],
    options: Options,
    page_toc: tuple[TocEntry, ...] = (),
    base: str | None = None,
    body_lists: bool = False,
) -> Article:
    """Build the Article from the kept blocks and the metadata (every repeated paragraph
    kept once first, unless ``Options(repeats=True)``; ``body_lists``: a contents list in
    the body leaves it beside a page TOC read elsewhere, :func:`article_toc`)."""
    if not options.repeats:
        duplicates.keep_first_copies(blocks, captions=options.captions)
    body = filters.live(blocks)
    parts = sections(body, tables=options.tables, base=base)
    toc, parts = article_toc(page_toc, parts, title, body_lists=body_lists)
    parts = trim(parts, links=options.links, images=options.images)
    removed = [*dropped]  # cleaning made them as Removed entries
    removed += [Removed(b.text, b.rule, b.reason) for b in blocks if b.dropped]
    finish(meta, body, options)
    dated_headline = bool(title) and meta.published is not None
    page = Page(
        item_types=meta.item_types,
        published=meta.published is not None,
        url=meta.url,
        bylined=bool(meta.authors),
    )
    signals = measure(meta.types, blocks, body, dated_headline=dated_headline, page=page)
    kind, reasons = judge(signals)
    reading = _reading_time(meta, signals.words, options)
    return Article(
        title=title,
        sections=parts,
        toc=toc.entries,
        toc_source=toc.source,
        toc_warnings=toc.warnings,
        reading_time_minutes=reading,
        is_article=kind is PageType.ARTICLE,
        page_type=kind,
        page_type_reasons=reasons,
        boilerplate=tuple(removed),
        provenance=dict(meta.provenance),
        captions_in_text=options.captions,
        **_metadata_fields(meta),
    )


def _reading_time(meta: Metadata, words: int, options: Options) -> int | None:
    """The page's own reading time, else an estimate from the body's ``words`` (counted by
    the page-type test)."""
    if meta.reading_time is None:
        meta.provenance.setdefault("reading_time_minutes", "estimate:word-count")
        return estimated_reading_time(words, options)
    meta.provenance["reading_time_minutes"] = meta.provenance.pop("reading_time")
    return meta.reading_time


def _metadata_fields(meta: Metadata) -> dict[str, Any]:
    """The Article fields copied from the metadata as they are."""
    return {name: getattr(meta, name) for name in _COPIED_FIELDS}


#: Metadata fields that become Article fields of the same name.
_COPIED_FIELDS = (
    "published", "modified", "authors", "description", "site_name", "language", "url",
    "subtitle", "publisher", "canonical_url", "section", "tags", "image", "license",
)  # fmt: skip
