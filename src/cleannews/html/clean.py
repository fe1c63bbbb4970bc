"""Drop what is never content, before the page is cut into blocks.

Scripts, styles, embeds and form controls go by tag; hidden elements by attribute; site
chrome (nav, aside, footer, ARIA landmarks) by tag and role; menus, share bars, comments,
related links, ads, sign-ups and consent banners by class/id concept (``data/class_tokens.json``).
An element is protected from class/id removal when it also looks like content, contains the
article or the main heading, or holds most of the page's text: a page whose wrapper is named
``page-with-sidebar`` must not lose its article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from lxml import etree

from cleannews.dom import (
    INLINE_LEAVES,
    Element,
    drop_tree,
    leading_text,
    link_density,
    replace_with_children,
    strings,
    text_of,
)
from cleannews.html.compiled import text_length, walks
from cleannews.model import Removed
from cleannews.rules.concepts import ClassNames, Concepts, attrs_of, class_and_id, concepts_of

_NEVER_CONTENT = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "applet", "map", "audio", "video", "input", "select", "textarea",
    "button", "option", "datalist", "link", "meta",
)  # fmt: skip
_VOID_WRAPPERS = ("source", "track")
_CHROME_TAGS = ("nav", "aside", "footer", "menu", "dialog", "form")
#: Tags looked for in the whole page: chrome, and what holds the article.
_WATCHED_TAGS = frozenset({*_CHROME_TAGS, "article", "main", "h1"})
_VISIBILITY_HIDDEN_SOURCE = r"visibility\s*:\s*hidden"
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|" + _VISIBILITY_HIDDEN_SOURCE, regex.I)
_ROLES = frozenset(
    "navigation menu menubar complementary contentinfo dialog alertdialog search".split()
)
#: Attributes that make an element hidden, a landmark or the article body (few have them).
_RARE_ATTRS = frozenset({"hidden", "aria-hidden", "style", "role", "itemprop"})
_PROTECTED_TAGS = frozenset({"html", "body", "article", "main"})
#: An element holding more than this share of the body's text is never removed by class/id.
MAX_REMOVED_SHARE = 0.4
#: Concepts whose blocks are long prose by nature: holding much text does not make them content.
_LONG_TEXT_CONCEPTS = frozenset({"comments"})
#: An element holding more than this share of the text of the article element around it is
#: never removed by class/id.
MAX_ARTICLE_SHARE = 0.5


#: Characters of a removed element's text kept for the boilerplate report.
DROPPED_TEXT_CHARS = 200


def clean(root: Element, dropped: list[Removed], *, by_class: bool = True) -> ClassNames | None:
    """Remove non-content from ``root`` in place, recording what went in ``dropped``
    (``by_class=False``: everything but the class/id concepts). Returns the concepts the
    scan found in the body's class/id names (None for a page without a body)."""
    _open_noscript_articles(root)
    place_streamed_segments(root)
    _open_wrapping_buttons(root)
    targets = _control_targets(root)  # before the controls (buttons) go with the tags below
    etree.strip_elements(root, *_NEVER_CONTENT, with_tail=False)
    # lxml nests what follows a void <source> inside it (the <img> of a <picture>): keep that.
    etree.strip_tags(root, *_VOID_WRAPPERS)
    scan = _Scan.of(root)
    guard = _Guard.of(root, scan)
    hidden = [el for el in scan.hidden if not _deferred(el, guard.body_chars)]
    hidden = [el for el in hidden if not _collapsed(el, targets)]
    _remove_all(root, hidden, "hidden", "hidden from readers", dropped)
    roles = [el for el in scan.roles if guard.removable_landmark(el)]
    _remove_all(root, roles, "aria-role", "navigation or complementary landmark", dropped)
    # Chrome was found before those removals: what went with them is skipped. (Whether an
    # element is removable does not change while only elements after it are removed.)
    for element in scan.chrome:
        if _attached(root, element) and guard.removable(element):
            _drop(element, "chrome-tag", "site chrome element", dropped)
    for element, (concept, _, _) in scan.named if by_class else ():
        if concept is not None and _attached(root, element) and guard.removable(element, concept):
            _drop(element, f"class:{concept}", f"{concept} block (class/id)", dropped)
    body = root.find("body")
    return None if body is None else ClassNames.of(body, scan.named)


def _open_noscript_articles(root: Element) -> None:
    """Keep a ``<noscript>`` that holds paragraphs of text (some blogs put the only readable
    copy of the post there, for browsers without JavaScript) as an ordinary ``div``; other
    ``noscript`` elements (tracking pixels, "please enable JavaScript" notices) go with the
    scripts. A ``noscript`` that mentions JavaScript is kept only when it holds most of the
    page's paragraph text: the page's only readable copy (a forum thread served to crawlers
    "best viewed with JavaScript enabled"), not a notice or consent form beside the article."""
    found = [(el, sum(map(text_length, el.iter("p")))) for el in root.iter("noscript")]
    found = [(el, chars) for el, chars in found if chars >= NOSCRIPT_MIN_CHARS]
    if not found:
        return
    notices = ["javascript" in text_of(el).lower() for el, _ in found]
    total = sum(map(text_length, root.iter("p"))) if any(notices) else 0
    for (element, chars), notice in zip(found, notices, strict=True):
        if not notice or 2 * chars > total:
            element.tag = "div"


#: Characters of paragraph text that make a ``noscript`` element part of the page.
NOSCRIPT_MIN_CHARS = 200


def _open_wrapping_buttons(root: Element) -> None:
    """A ``<button>`` that holds the page's main element, an article or the headline is no
    control: its markup was left open (a menu button never closed before the page), and
    browsers show what it holds. It becomes a ``div`` and its content is judged like the
    rest; other buttons go with the form controls."""
    for button in list(root.iter("button")):
        if next(button.iter(*_PAGE_CORES), None) is not None:
            button.tag = "div"


#: Elements a control never holds: what holds them is the page, not a button.
_PAGE_CORES = ("main", "article", "h1")


def place_streamed_segments(root: Element) -> None:
    """Put the parts of a page that React's server renderer streamed late where the page's
    script puts them. Such a page marks the place of each part with an empty ``<template
    id="B:1">`` (a boundary) or ``<template id="P:1">`` (a placeholder) and sends the part
    itself at the end of the body as ``<div hidden id="S:1">``, which ``$RC("B:1","S:1")`` or
    ``$RS("S:1","P:1")`` then moves into place: in a browser its text is the page's (an
    article's paragraphs, a product's details), not hidden. The calls pair the ids; without
    them (scripts not saved), a template pairs with the segment of the same number."""
    places = {
        ident: el for el in root.iter("template") if (ident := el.get("id", ""))[:2] in _PLACES
    }
    if not places:  # nearly every page: nothing streamed
        return
    segments = {
        ident: el
        for el in root.iter("div")
        if (ident := el.get("id", "")).startswith("S:") and el.get("hidden") is not None
    }
    pairs = _streamed_pairs(root)
    for place_id, place in places.items():
        segment = segments.get(pairs.get(place_id, "S:" + place_id[2:]))
        if segment is not None and segment not in place.iterancestors():
            replace_with_children(place, segment)


#: Id prefixes of the templates a streamed segment replaces (boundary, placeholder).
_PLACES = frozenset({"B:", "P:"})
#: React's calls that move a streamed segment into place: ``$RC(boundary, segment)`` and
#: ``$RS(segment, placeholder)``.
_STREAM_CALL = regex.compile(r"""\$R([CS])\(\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']""")


def _streamed_pairs(root: Element) -> dict[str, str]:
    """Template id -> the id of the segment that the page's scripts move into it."""
    pairs: dict[str, str] = {}
    for script in root.iter("script"):
        for kind, first, second in _STREAM_CALL.findall(script.text or ""):
            if kind == "C":
                pairs[first] = second
            else:
                pairs[second] = first
    return pairs


@dataclass(slots=True)
class _Scan:
    """What one traversal of the page found: named, hidden, landmark, chrome and article
    elements, each list in document order."""

    #: Elements whose class/id names at least one concept, with what it names.
    named: list[tuple[Element, Concepts]] = field(default_factory=list)
    hidden: list[Element] = field(default_factory=list)
    roles: list[Element] = field(default_factory=list)
    article_bodies: list[Element] = field(default_factory=list)
    chrome: list[Element] = field(default_factory=list)
    #: ``article``, ``main`` and ``h1`` elements.
    cores: list[Element] = field(default_factory=list)

    @classmethod
    def of(cls, root: Element) -> _Scan:
        """Named, hidden and landmark elements are looked for in the body (libxml2 always
        puts the one body under the root), chrome and cores in the whole page."""
        scan = cls()
        body = root.find("body")
        compiled = walks()
        if compiled is not None:  # the same lists, found in C
            scan.named, rare, scan.chrome, scan.cores = compiled.scan(
                root, body, concepts_of, class_and_id, _WATCHED_TAGS, _CHROME_TAGS, INLINE_LEAVES
            )
            for el, attrib in rare:
                scan.sort(el, attrib)
            return scan
        if root.tag in _WATCHED_TAGS:
            scan.watch(root, root.tag)
        for child in root:
            if child is body:
                scan.walk(body)
            else:
                for el in child.iter(*_WATCHED_TAGS):
                    scan.watch(el, el.tag)
        return scan

    def walk(self, body: Element) -> None:
        """One walk over the body's elements. Reading an element's attributes once into a
        dict is much cheaper than an XPath attribute test or one ``get`` per attribute."""
        named, watched, inline = self.named, _WATCHED_TAGS, INLINE_LEAVES
        for el in body.iterdescendants(etree.Element):
            tag = el.tag
            if tag in watched:
                self.watch(el, tag)
            items: list[tuple[str, str]] = el.items()  # type: ignore[assignment]  # parsed from str
            if not items:
                continue
            attrs: str | None
            if len(items) == 1:  # half the elements: most often a lone class
                name, attrs = items[0]
                if name != "class":
                    attrs = self.lone(el, name, attrs)
            else:
                attrs = self.several(el, items)
            if attrs and (tag not in inline or len(el)):
                concepts = concepts_of(attrs)
                if concepts.names:  # most class names belong to no concept: nothing to file
                    named.append((el, concepts))

    def lone(self, el: Element, name: str, value: str) -> str | None:
        """The class/id string of an element with one attribute, ``name``, not a class."""
        if name == "id":
            return class_and_id("", value)
        if name in _RARE_ATTRS:
            self.sort(el, {name: value})
        return None

    def several(self, el: Element, items: list[tuple[str, str]]) -> str | None:
        """The class/id string of an element with several attributes."""
        attrib = dict(items)
        if not _RARE_ATTRS.isdisjoint(attrib):
            self.sort(el, attrib)
        ident = attrib.get("id")
        return class_and_id(attrib.get("class", ""), ident) if ident else attrib.get("class")

    def watch(self, el: Element, tag: object) -> None:
        """File a chrome or core element."""
        (self.chrome if tag in _CHROME_TAGS else self.cores).append(el)

    def sort(self, el: Element, attrib: dict[str, str]) -> None:
        """File an element under hidden, landmark or article body by its attributes."""
        get = attrib.get
        if get("hidden") is not None or get("aria-hidden") == "true" or _hidden_style(get("style")):
            self.hidden.append(el)
        elif get("role", "").lower() in _ROLES:
            self.roles.append(el)
        if get("itemprop") == "articleBody":
            self.article_bodies.append(el)


@dataclass(frozen=True, slots=True)
class _Guard:
    """What class/id and chrome removal must never take: the article and what holds it."""

    protected: frozenset[Element]
    #: Ancestors of the article as the markup names it (article, main, h1, articleBody).
    marked: frozenset[Element]
    body_chars: int
    #: Text length of each <article> (not named as chrome) and articleBody element.
    articles: dict[Element, int]

    @classmethod
    def of(cls, root: Element, scan: _Scan) -> _Guard:
        # An <article class="comment"> is a comment; an h1 stays a headline whatever its class.
        cores = [el for el in scan.cores if el.tag != "article" or not _named_chrome(el)]
        articles = [el for el in cores if el.tag == "article"] + scan.article_bodies
        marked = _with_ancestors([*cores, *scan.article_bodies])
        named = [el for el, (_, _, found) in scan.named if "article_body" in found]
        body = root.find("body")
        return cls(
            marked | _with_ancestors(named),
            marked,
            text_length(body if body is not None else root),
            {el: text_length(el) for el in articles},
        )

    def removable(self, element: Element, concept: str | None = None) -> bool:
        """False for the article, its ancestors, elements with most of the page's text, and
        elements named for a short-text concept that hold most of the text of the article
        element they lie in (a wrapper named ``entry share`` or ``banners-contenido``)."""
        if element in self.protected or element.tag in _PROTECTED_TAGS:
            return False
        chars = text_length(element)
        if self._most_of_body(chars):
            return False
        if concept is None or concept in _LONG_TEXT_CONCEPTS:  # chrome tags: no article test
            return True
        return not self._holds_the_article(element, chars)

    def _holds_the_article(self, element: Element, chars: int) -> bool:
        """True when ``element`` (of ``chars`` characters) holds more than MAX_ARTICLE_SHARE
        of the innermost article element around it."""
        if not self.articles:  # no ancestor to look for
            return False
        for ancestor in element.iterancestors():
            article_chars = self.articles.get(ancestor)
            if article_chars is not None:
                return chars > MAX_ARTICLE_SHARE * article_chars
        return False

    def removable_landmark(self, element: Element) -> bool:
        """An ARIA landmark is trusted more than a class name: it stays only when it holds
        the article as the markup names it, or, on a page that names none, most of the text."""
        if element in self.marked:
            return False
        return bool(self.marked) or not self.holds_most_text(element)

    def holds_most_text(self, element: Element) -> bool:
        """True when ``element`` holds more than MAX_REMOVED_SHARE of the body's text."""
        return self._most_of_body(text_length(element))

    def _most_of_body(self, chars: int) -> bool:
        return self.body_chars > 0 and chars > MAX_REMOVED_SHARE * self.body_chars


def _named_chrome(element: Element) -> bool:
    """True when the element's class/id names a removal concept (comments, related...)."""
    attrs = attrs_of(element)
    return bool(attrs) and concepts_of(attrs).remove is not None


def _with_ancestors(cores: list[Element]) -> frozenset[Element]:
    return frozenset(el for core in cores for el in (core, *core.iterancestors()))


def _deferred(element: Element, body_chars: int) -> bool:
    """A page rendered hidden until its scripts run: an element hidden by the ``hidden``
    attribute or ``visibility: hidden`` (not ``display: none``, not ``aria-hidden``) that
    holds ``MIN_DEFERRED_SHARE`` of the body's text, little of it links (React's streamed
    ``<div hidden id="S:0">`` swapped in by a script; a whole page kept invisible until it
    is styled). A hidden part beside as much visible text stays hidden."""
    if element.get("hidden") is None and not _VISIBILITY_HIDDEN.search(element.get("style", "")):
        return False
    chars = text_length(element)
    return (
        chars > MIN_DEFERRED_SHARE * body_chars
        and link_density(element) < MAX_DEFERRED_LINK_DENSITY
    )


def _control_targets(root: Element) -> frozenset[str]:
    """Ids that a control on the page opens or switches to."""
    found: set[str] = set()
    walk = walks()
    values = walk.control_targets(root) if walk is not None else strings(_CONTROL_TARGETS, root)
    for value in values:
        found.update(token.lstrip("#") for token in value.split())
    return frozenset(found)


_CONTROL_TARGETS = etree.XPath(
    "//@aria-controls | //@data-target | //@data-bs-target | //a/@href[starts-with(., '#')]"
)
#: ARIA roles of a panel a reader opens in place (a tab's panel, an accordion section).
_PANEL_ROLES = frozenset({"tabpanel", "region"})
#: ARIA roles of a hidden element that is never the page's text.
_OVERLAY_ROLES = frozenset({"dialog", "alertdialog", "menu", "listbox", "tooltip"})
#: A collapsed panel is prose or data: a hidden element more link-heavy than this is a menu.
MAX_COLLAPSED_LINK_DENSITY = 0.5


def _collapsed(element: Element, targets: frozenset[str]) -> bool:
    """True for a hidden element that is a collapsed panel: a tab panel, an accordion region
    or an element that a control on the page opens (``targets``: see :func:`_control_targets`),
    hidden only until the reader clicks. Product details, FAQ answers and code samples per
    language sit in them; their text is the page's. A dialog or a menu (link-heavy) stays
    hidden, and what names it as chrome is removed later by class/id."""
    role = element.get("role", "").lower()
    if role in _OVERLAY_ROLES:
        return False
    ident = element.get("id")
    panel = role in _PANEL_ROLES or element.get("aria-labelledby") is not None
    if not panel and (not ident or ident not in targets):
        return False
    return link_density(element) < MAX_COLLAPSED_LINK_DENSITY


_VISIBILITY_HIDDEN = regex.compile(_VISIBILITY_HIDDEN_SOURCE, regex.I)
#: A deferred copy of the page holds at least this share of the body's text...
MIN_DEFERRED_SHARE = 2 / 3
#: ...and is mostly text, not a menu of links.
MAX_DEFERRED_LINK_DENSITY = 0.5


def _hidden_style(style: str | None) -> bool:
    if not style or ("none" not in style and "hidden" not in style):
        return False
    return _HIDDEN_STYLE.search(style) is not None


def _remove_all(
    root: Element, elements: list[Element], rule: str, reason: str, out: list[Removed]
) -> None:
    for element in elements:
        _remove(root, element, rule, reason, out)


def _remove(root: Element, element: Element, rule: str, reason: str, out: list[Removed]) -> None:
    if _attached(root, element):  # not the root itself, nor already gone with an ancestor
        _drop(element, rule, reason, out)


def _attached(root: Element, element: Element) -> bool:
    """True when ``root`` is the top of ``element``'s ancestors. Only ancestors tagged like the
    root are looked at: the walk then makes no Python object for the others."""
    if root.getparent() is not None:
        return False
    return root in element.iterancestors(root.tag)  # elements compare by identity


def _drop(element: Element, rule: str, reason: str, out: list[Removed]) -> None:
    text = leading_text(element, DROPPED_TEXT_CHARS)
    if text:
        out.append(Removed(text, rule, reason))
    drop_tree(element)
