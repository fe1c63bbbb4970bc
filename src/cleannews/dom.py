"""Small helpers over plain lxml elements (cleannews never uses lxml.html's element classes:
their Python-level class lookup costs more than the parse itself)."""

from __future__ import annotations

from lxml import etree

from cleannews.rules.diskcache import compile_pattern

Element = etree._Element

# --- the HTML vocabulary: every stage reads tags through these sets ----------------------------

#: Heading tags and their levels.
HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
#: Elements that start and end a block of text (segmentation cuts the page at them).
BLOCK_TAGS = frozenset(
    (
        "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 li ul ol dl dt "
        "dd blockquote pre table thead tbody tfoot tr td th caption figure figcaption form "
        "fieldset address hr br center details summary body hgroup"
    ).split()
)
#: Elements whose text is one paragraph, not a container of paragraphs (scoring credits a
#: block's score to the containers above such an owner).
PARAGRAPH_TAGS = frozenset(
    {"p", "li", "pre", "blockquote", *HEADING_LEVELS, "td", "th", "dd", "dt", "figcaption", "span"}
)
#: Inline elements that cleaning does not classify by class/id when they have no children
#: (they are left to the block filters: classifying every classed link, icon and span costs
#: more than removing them gains).
INLINE_LEAVES = frozenset(
    "a span img i b em strong small svg path use label font abbr time sup sub picture".split()
)

_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
_LINK_TEXT = etree.XPath(".//a")
#: Control characters but line feed and tab. The loader removes them from the page, but the
#: parser decodes character references such as ``&#1;`` into them afterwards.
_CONTROLS = compile_pattern(r"[^\P{Cc}\n\t]")


def printable(text: str) -> str:
    """``text`` without control characters (line feeds and tabs stay); a C-level test first,
    as almost every text has none."""
    return text if text.isprintable() else _CONTROLS.sub("", text)


def text_of(element: Element) -> str:
    """All text inside ``element`` (not its tail), whitespace collapsed."""
    raw = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return printable(" ".join(raw.split()))


def leading_text(element: Element, limit: int) -> str:
    """The first ``limit`` characters of :func:`text_of`. Collapsing a prefix of the raw text
    gives a prefix of the collapsed whole (a word cut short is a prefix of itself), so a long
    text is collapsed only as far as needed."""
    raw = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    if len(raw) > 4 * limit:
        head = " ".join(raw[: 4 * limit].split())
        if len(head) >= limit:
            return printable(head[:limit])
    return printable(" ".join(raw.split())[:limit])


def text_length(element: Element) -> int:
    """Length of the element's whitespace-normalised text, computed in C."""
    return int(_TEXT_LENGTH(element))  # type: ignore[arg-type]


def replace_with_children(element: Element, donor: Element) -> None:
    """Put ``donor``'s content (its text and children, in order) where ``element`` is, and
    remove both; ``element``'s tail text stays after the content."""
    parent = element.getparent()
    if parent is None:
        return
    children = list(donor)
    _append_text(element, donor.text)
    index = parent.index(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)  # moved out of the donor
    if children:
        children[-1].tail = (children[-1].tail or "") + (element.tail or "")
        element.tail = None
    drop_tree(element)
    drop_tree(donor)


def _append_text(element: Element, text: str | None) -> None:
    """Append ``text`` just before ``element`` (to its previous sibling's tail, or to its
    parent's text)."""
    if not text:
        return
    previous, parent = element.getprevious(), element.getparent()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    elif parent is not None:
        parent.text = (parent.text or "") + text


def drop_tree(element: Element) -> None:
    """Remove ``element`` and its children, keeping its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def link_share(link_chars: float, chars: float) -> float:
    """The link density of ``chars`` characters of text of which ``link_chars`` are link
    text (0 for no text): of a block, a group of blocks or a container."""
    return link_chars / chars if chars else 0.0


def link_density(element: Element) -> float:
    """Share of the element's text inside links (at most 1: link texts may overlap)."""
    total = text_length(element)
    if not total:
        return 0.0
    linked = sum(text_length(a) for a in elements(_LINK_TEXT, element))
    return min(1.0, link_share(linked, total))


def elements(xpath: etree.XPath, node: Element) -> list[Element]:
    """Run an XPath that selects elements, typed."""
    result = xpath(node)
    return [item for item in result if isinstance(item, etree._Element)]  # type: ignore[union-attr]


def strings(xpath: etree.XPath, node: Element) -> list[str]:
    """Run an XPath that selects text or attribute values, typed."""
    result = xpath(node)
    return [str(item) for item in result if isinstance(item, str)]  # type: ignore[union-attr]
