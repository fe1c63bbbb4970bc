"""Find the page's own table of contents, read it, and take it out.

A TOC box is a list of links, most of them in-page anchors (``href="#..."``) that point at
ids present in the page (ez-toc, ``nav`` with anchors, Wikipedia's "Contents"). Its entries
keep the nesting depth of their lists as the level.

After structuring, :func:`article_toc` links the page's entries to the sections (by anchor,
else by title) and notes where the two disagree; a page without a contents box gets its TOC
from the headings. A plain list in the body whose items name the sections after it is read
as the page's contents list too, and taken out of the body.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex
from lxml import etree

from cleannews.dom import Element, drop_tree, elements, link_density, strings, text_of
from cleannews.model import Content, ListBlock, Paragraph, Section, TocEntry, TocSource
from cleannews.structure.sections import toc_from_sections

_ANCHOR_LINKS_REL = etree.XPath(".//a[starts-with(@href, '#') and string-length(@href) > 1]")
#: Plain strings: lxml's "smart" strings (which know their parent element) cost more to make.
_IDS = etree.XPath("//@id | //a/@name", smart_strings=False)
#: A TOC has at least this many entries pointing at anchors in the page.
MIN_ENTRIES = 3
#: ...and at least this share of its text is link text.
MIN_ANCHOR_SHARE = 0.8


def extract_toc(root: Element) -> tuple[TocEntry, ...]:
    """Entries of the page's own TOC box (removed from the tree), or () when there is none."""
    links = _anchor_links(root)
    if len(links) < MIN_ENTRIES or not _clustered(links):
        return ()  # (checked before the costly collection of every id in the page)
    ids = set(strings(_IDS, root))
    box = _toc_box(links, ids)
    if box is None:
        return ()
    entries = tuple(_entries(box))
    drop_tree(box)
    return entries


def _anchor_links(root: Element) -> list[Element]:
    """Links to in-page anchors (``href="#x"``) inside the body, in document order: the
    XPath ``//body//a[starts-with(@href, '#') and string-length(@href) > 1]``, but a plain
    walk over the ``a`` elements is about twice as fast."""
    found = []
    for link in root.getroottree().iter("a"):
        href = link.get("href")
        if href and len(href) > 1 and href[0] == "#" and _in_body(link):
            found.append(link)
    return found


def _clustered(links: list[Element]) -> bool:
    """True when one outermost list holds enough of the links to be a TOC (necessary for
    :func:`_toc_box` to find one: its links are a subset of these)."""
    counts: dict[Element, int] = {}
    for link in links:
        lists = list(link.iterancestors("ul", "ol"))
        if lists:
            counts[lists[-1]] = counts.get(lists[-1], 0) + 1
    return max(counts.values(), default=0) >= MIN_ENTRIES


def _in_body(element: Element) -> bool:
    return next(element.iterancestors("body"), None) is not None


def _toc_box(links: list[Element], ids: set[str]) -> Element | None:
    """The outermost list made almost only of in-page links that resolve, with its box."""
    resolving = [a for a in links if a.get("href", "")[1:] in ids]
    if len(resolving) < MIN_ENTRIES:
        return None
    seen: set[Element] = set()
    for link in resolving:
        lists = list(link.iterancestors("ul", "ol"))
        if not lists or lists[-1] in seen:
            continue
        outer = lists[-1]
        seen.add(outer)
        inside = sum(1 for a in resolving if _contains(outer, a))
        if inside >= MIN_ENTRIES and link_density(outer) >= MIN_ANCHOR_SHARE:
            return _outermost_box(outer)
    return None


def _contains(container: Element, element: Element) -> bool:
    return any(parent is container for parent in element.iterancestors())


def _outermost_box(container: Element) -> Element:
    """Climb from the list to the box around it (its title, toggle and nav wrapper)."""
    box = container
    for parent in container.iterancestors():
        if (
            parent.tag in ("body", "article", "main")
            or len(text_of(parent)) > 2 * len(text_of(box)) + 80
        ):
            break
        box = parent
    return box


def _entries(box: Element) -> list[TocEntry]:
    """Every entry of the box, also those whose anchor is missing from the page (they are
    matched to sections by title later, or reported)."""
    result = []
    for link in elements(_ANCHOR_LINKS_REL, box):
        anchor = link.get("href", "")[1:]
        title = text_of(link)
        if title:
            depth = sum(1 for p in link.iterancestors("ul", "ol") if _contains(box, p) or p is box)
            result.append(TocEntry(_strip_number(title), max(1, depth) + 1, anchor))
    return result


def _strip_number(title: str) -> str:
    """'2.1 Background' -> 'Background' (TOC widgets number their entries)."""
    head, _, rest = title.partition(" ")
    if rest and head.rstrip(".").replace(".", "").isdigit():
        return rest.strip()
    return title


# --- the page TOC against the sections -----------------------------------------------------------

_KEY_DROP = regex.compile(r"^[\d.\s]+(?=\p{L})|[^\p{L}\p{N}]+")
#: A list is a plain contents list when this many of its items, and this share, name sections.
MIN_LIST_MATCHES = 3
MIN_LIST_SHARE = 0.6
_TOC_LABELS = frozenset(
    "contents|table of contents|in this article|on this page|in this post|jump to|"
    "inhalt|inhaltsverzeichnis|sommaire|table des matières|índice|indice|contenido|contenidos|"
    "inhoud|indholdsfortegnelse|spis treści|obsah|目次|目录".split("|")
)


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
    page: Sequence[TocEntry], parts: Sequence[Section], title: str | None = None
) -> tuple[Toc, tuple[Section, ...]]:
    """The TOC (the page's own, linked to the sections, else from the headings) and the
    sections without a plain contents list found in the body."""
    parts = tuple(parts)
    if not page:
        page, parts = _contents_list(parts)
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
    """A "Contents" / "In this article:" label, as a heading text or a paragraph."""
    text = node if isinstance(node, str) else node.text if isinstance(node, Paragraph) else ""
    return text.casefold().strip(" :") in _TOC_LABELS
