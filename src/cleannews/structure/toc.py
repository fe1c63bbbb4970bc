"""The article's TOC, assembled after structuring.

:func:`article_toc` links the page's own TOC entries (read by :mod:`cleannews.html.toc_box`)
to the sections (by anchor, else by title) and notes where the two disagree; a page without a
contents box gets its TOC from the headings. A plain list in the body whose items name the
sections after it is read as the page's contents list too, and taken out of the body.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from cleannews.model import Content, ListBlock, Paragraph, Section, TocEntry, TocSource
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.widgets import toc_labels
from cleannews.structure.sections import toc_from_sections

_KEY_DROP = compile_pattern(r"^[\d.\s]+(?=\p{L})|[^\p{L}\p{N}]+")
#: A list is a plain contents list when this many of its items, and this share, name sections.
MIN_LIST_MATCHES = 3
MIN_LIST_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Toc:
    """The article's TOC, where it comes from, and where the page's TOC disagrees."""

    entries: tuple[TocEntry, ...]
    source: TocSource
    warnings: tuple[str, ...] = ()


def heading_key(text: str) -> str:
    """Comparison key of a heading or TOC title: no numbering, case or punctuation."""
    return _KEY_DROP.sub("", text.casefold())


def article_toc(
    page: Sequence[TocEntry],
    parts: Sequence[Section],
    title: str | None = None,
    *,
    body_lists: bool = False,
) -> tuple[Toc, tuple[Section, ...]]:
    """The TOC (the page's own, linked to the sections, else from the headings) and the
    sections without a plain contents list found in the body (with ``body_lists``, taken
    out of the body even when the page's TOC was read elsewhere: plain text read it in a
    farm's header, and the page may print it again)."""
    parts = tuple(parts)
    if not page or body_lists:
        found, parts = _contents_list(parts)
        page = page or found
    if not page:
        return Toc(toc_from_sections(parts), TocSource.HEADINGS), parts
    return _reconcile(page, parts, title), parts


def _reconcile(page: Sequence[TocEntry], parts: Sequence[Section], title: str | None) -> Toc:
    headed = [s for s in parts if s.heading]
    by_anchor = {s.anchor: s for s in headed if s.anchor}
    by_key: dict[str, list[Section]] = {}
    for section in headed:
        by_key.setdefault(heading_key(section.heading or ""), []).append(section)
    entries: list[TocEntry] = []
    warnings: list[str] = []
    matched: set[int] = set()
    for entry in page:
        found = _match(entry, by_anchor, by_key.get(heading_key(entry.title), []), matched)
        if found is None:
            if not title or heading_key(entry.title) != heading_key(title):
                warnings.append(
                    f'page TOC entry "{entry.title}" (#{entry.anchor}) has no matching section'
                )
            entries.append(entry)
            continue
        matched.add(id(found))
        entries.append(TocEntry(entry.title, entry.level, found.anchor or entry.anchor))
    deepest = max((s.level for s in headed if id(s) in matched), default=0)
    for section in headed:
        if id(section) not in matched and section.level <= deepest:
            warnings.append(f'section "{section.heading}" is missing from the page TOC')
    return Toc(tuple(entries), TocSource.PAGE, tuple(warnings))


def _match(
    entry: TocEntry, by_anchor: dict[str, Section], same_title: list[Section], matched: set[int]
) -> Section | None:
    """The section an entry points at: by anchor, else the first unmatched one of its title."""
    section = by_anchor.get(entry.anchor)
    if section is not None and id(section) not in matched:
        return section
    return next((s for s in same_title if id(s) not in matched), None)


def _contents_list(parts: tuple[Section, ...]) -> tuple[tuple[TocEntry, ...], tuple[Section, ...]]:
    """A list in the body whose items name the sections after it: the page's contents list,
    read and taken out of the body (with its "Contents" heading when nothing else is under it).
    """
    keys: list[str | None] = []  # heading keys, made when the first list is met
    for index, section in enumerate(parts):
        lists = [node for node in section.content if isinstance(node, ListBlock)]
        if not lists:
            continue
        keys = keys or [heading_key(s.heading) if s.heading else None for s in parts]
        pairs = zip(keys[index + 1 :], parts[index + 1 :], strict=True)
        later = {k: s for k, s in pairs if k is not None}
        for node in lists:
            if _names_sections(node, later):
                entries = tuple(
                    TocEntry(text, depth + 2, later[key].anchor or "")
                    if (key := heading_key(text)) in later
                    else TocEntry(text, depth + 2, "")
                    for depth, text in node.walk()
                )
                return entries, _without(parts, index, node)
    return (), parts


def _names_sections(node: ListBlock, later: dict[str, Section]) -> bool:
    keys = [heading_key(text) for _, text in node.walk()]
    found = sum(1 for key in keys if key in later)
    return found >= MIN_LIST_MATCHES and found >= MIN_LIST_SHARE * len(keys)


def _without(parts: tuple[Section, ...], index: int, node: ListBlock) -> tuple[Section, ...]:
    """``parts`` without the contents list, its label paragraph ("Contents:") and, when
    nothing else is under it, its "Contents" heading."""
    section = parts[index]
    at = section.content.index(node)
    start = at - 1 if at and _is_label(section.content[at - 1]) else at
    content = section.content[:start] + section.content[at + 1 :]
    if not content and _is_label(section.heading or ""):
        return parts[:index] + parts[index + 1 :]
    return (*parts[:index], replace(section, content=content), *parts[index + 1 :])


def _is_label(node: Content | str) -> bool:
    """A "Contents" / "In this article:" label (``data/widgets.json``), as a heading text or a
    paragraph."""
    text = node if isinstance(node, str) else node.text if isinstance(node, Paragraph) else ""
    return text.casefold().strip(" :") in toc_labels()
