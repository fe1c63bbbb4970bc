"""Find the page's own table of contents box, read it, and take it out.

Run before cleaning. A TOC box is a list of links, most of them in-page anchors
(``href="#..."``) that point at ids present in the page (ez-toc, ``nav`` with anchors,
Wikipedia's "Contents"). Its entries keep the nesting depth of their lists as the level;
:mod:`cleannews.structure.toc` links them to the sections after structuring.
"""

from __future__ import annotations

from lxml import etree

from cleannews.dom import Element, drop_tree, elements, link_density, strings, text_of
from cleannews.html.compiled import walks
from cleannews.model import TocEntry

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
    walk = walks()
    if walk is not None:  # the same links, found in C
        return walk.anchor_links(root)  # type: ignore[no-any-return]
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
