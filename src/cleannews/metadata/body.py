"""Metadata the article's own blocks state, after segmentation (:func:`text_metadata`).

``<time datetime>`` in the article or its header (never in related-link lists, never in
scripts), then bylines and dates written in the header or in lines the filters dropped as
reading/date lines, the dek under the headline and a stated reading time. Where to look
(class/id words) and which words mark a modification date are rules in
``data/page_metadata.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date

from cleannews.blocks import HEADING, LIVE_LABELS, QUOTE, TITLE, Block, BlockKind
from cleannews.dom import BLOCK_TAGS, Element, text_of
from cleannews.metadata.accumulator import Metadata, Offer, to_date
from cleannews.metadata.dates import parse_date
from cleannews.metadata.title import titles_agree
from cleannews.options import Options
from cleannews.rules.concepts import attrs_of
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.loader import class_words, concepts_in
from cleannews.rules.memo import MAX_ATTRS_CHARS, short_keys_cache
from cleannews.rules.page_metadata import page_rules
from cleannews.structure.bounds import BODY_WORDS, body_run, is_body_paragraph
from cleannews.words import longer_than

_DIGIT = compile_pattern(r"\d")
#: Blocks before the headline that still count as the article header (kicker, date line).
HEADER_BEFORE = 3
#: Blocks after the headline, before the body starts, that count as the article header.
HEADER_AFTER = 8
#: A byline or date line is short: no longer than the shortest body paragraph.
MAX_LINE_WORDS = BODY_WORDS
#: A block with links above this density is a teaser (related story), not the article.
TEASER_LINK_DENSITY = 0.3


def _classes_match(element: Element, words: frozenset[str]) -> bool:
    classes, ident = element.get("class"), element.get("id")
    return bool(
        (classes and _names_match(classes, words)) or (ident and _names_match(ident, words))
    )


@short_keys_cache(maxsize=16384, max_chars=MAX_ATTRS_CHARS)
def _names_match(attr: str, words: frozenset[str]) -> bool:
    """A class or id name in ``attr`` holds one of ``words`` (cached: attributes repeat)."""
    return any(words.intersection(class_words(name)) for name in attr.split())


def article_region(blocks: Sequence[Block], titles: Sequence[str] = ()) -> list[Block]:
    """The blocks of the article and its header, in page order: the neighbourhood of the
    headline (of its echoes, and of headings that agree with a metadata title in ``titles``)
    up to the body, the body, lines dropped inside the body by line rules (reading and
    date lines), and the header's bylines and date lines (:func:`drop_header_lines`)."""
    live = [i for i, b in enumerate(blocks) if b.label in LIVE_LABELS]  # (Block.live)
    title = next((i for i, b in enumerate(blocks) if b.label is TITLE), None)
    start = title if title is not None else (live[0] if live else 0)
    body = next((i for i in live if i > start), len(blocks))
    anchors = [start] + [
        i
        for i, b in enumerate(blocks)
        if (b.rule == "headline-echo" and i < body)
        or (b.kind is HEADING and any(titles_agree(b.text, t) for t in titles))
    ]
    prose = [i for i in live if blocks[i].kind is not HEADING]
    header: set[int] = set()
    for anchor in anchors:
        end = next((i for i in prose if i > anchor), len(blocks))
        header.update(range(max(0, anchor - HEADER_BEFORE), min(end, anchor + HEADER_AFTER + 1)))
    last = live[-1] if live else body
    region: list[Block] = []
    for index, block in enumerate(blocks):
        in_body = body <= index <= last and (not block.dropped or block.rule in _LINE_RULES)
        if index in header or in_body or block.rule in HEADER_LINE_RULES:
            region.append(block)
    return region


#: The line rules whose dropped lines state a reading time (read into ``reading_time``).
_READING_RULES = frozenset({"reading-line", "reading-line-multi"})
_LINE_RULES = _READING_RULES | {"ui-leftover", "ui-leftover-multi", "repeated"}
#: The rules of :func:`drop_header_lines`: their blocks stay in the region wherever they are.
HEADER_LINE_RULES = frozenset({"byline", "dateline"})

#: A byline or date line in the article header has at most this many words.
MAX_HEADER_LINE_WORDS = 15
#: A date line holds at most this many words beside its date ("Updated", "| News").
MAX_DATE_LINE_EXTRA_WORDS = 3


def drop_header_lines(blocks: Sequence[Block], options: Options) -> None:
    """Bylines and date lines of the article header, from a few blocks above the headline to
    the first body paragraph, leave the body; their values are still read into ``authors``
    and ``published`` (:func:`text_metadata` reads the header's dropped blocks too): a short
    block marked as a byline by class (or rel/itemprop author) or starting "By Name", and a
    short block that is a date with at most a label beside it ("Updated: 11.04.2020, 10:27").
    The dek stays in the body (trafilatura-eval's and wcxb-dev's references keep it; it is
    read into ``subtitle`` all the same)."""
    run = body_run(blocks)
    if run is None:
        return
    title = next((i for i, b in enumerate(blocks) if b.label is TITLE), None)
    if title is not None and title > run.first:
        title = None  # a heading below the prose is no headline of this body
    inline = _inline_memo()
    start = 0 if title is None else max(0, title - HEADER_BEFORE)
    for block in blocks[start : run.first]:
        if _header_candidate(block):
            _header_line(block, options, inline)


def _header_candidate(block: Block) -> bool:
    return (
        block.live
        and block.kind not in (BlockKind.CODE, BlockKind.CELL)
        and not _quoted_or_data(block)
    )


def _header_line(block: Block, options: Options, inline: _Inline) -> None:
    """Drop the header block when it is a byline or a date line."""
    if longer_than(block.text, MAX_HEADER_LINE_WORDS) or block.kind is HEADING:
        return
    rules = page_rules()
    if rules.byline.match(block.text) or _marked(block, rules.author_classes, inline):
        block.drop("byline", "byline in the article header (read into authors)")
    elif _is_date_line(block.text, options):
        block.drop("dateline", "date line in the article header (read into published)")


def _is_date_line(text: str, options: Options) -> bool:
    """A date with at most a label or a section name beside it."""
    if _DIGIT.search(text) is None:
        return False
    parsed = parse_date(text, reference=options.reference_time)
    if parsed is None or not parsed.matched:
        return False
    rest = text.replace(parsed.matched, " ", 1)
    return not longer_than(rest, MAX_DATE_LINE_EXTRA_WORDS)


def text_metadata(blocks: Sequence[Block], meta: Metadata, options: Options) -> None:
    """Dates, bylines, dek and reading time stated in the article's own lines."""
    region = article_region(blocks, [text for text, _ in meta.titles[:3]])
    for block in region:
        minutes = reading_minutes(block.text) if block.rule in _READING_RULES else None
        if minutes is not None:
            meta.offer("reading_time", minutes, f"text:{block.rule}")
    dated = meta.published is not None and meta.modified is not None
    inline = _inline_memo()  # the offers below walk the same blocks' inline elements
    if not dated:
        meta.offer_until_set(_time_offers(region, _header(blocks, region), inline), _DATES)
    if not meta.authors:
        meta.offer_until_set(_byline_offers(region, inline), ("authors",))
    if not dated:
        meta.offer_until_set(_text_date_offers(region, blocks, options, inline), _DATES)
    if not meta.subtitle:
        meta.offer_until_set(_subtitle_offers(region, blocks, inline), ("subtitle",))


_DATES = ("published", "modified")
_Inline = Callable[[Element], list[Element]]


def _inline_memo() -> _Inline:
    """:func:`_inline` as a list, remembered per owner (for one :func:`text_metadata` call)."""
    memo: dict[Element, list[Element]] = {}

    def inline(owner: Element) -> list[Element]:
        found = memo.get(owner)
        if found is None:
            found = memo[owner] = list(_inline(owner))
        return found

    return inline


def _inline(owner: Element) -> Iterator[Element]:
    """The elements inside ``owner`` that belong to its own block: descendants not inside a
    nested block-level element (those own blocks of their own)."""
    stack = list(reversed(owner))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element.tag in BLOCK_TAGS:
            continue
        yield element
        stack.extend(reversed(element))


def _time_offers(
    region: Sequence[Block], header: Sequence[Block], inline: _Inline
) -> Iterator[Offer]:
    """``<time>`` elements of the header first, then of the body; never in teasers (a list
    item or block with links: related stories) or, in the body, inside a link."""
    seen: set[Element] = set()
    in_header = set(header)
    for block in [*header, *(b for b in region if b not in in_header)]:
        if block.element is None or block.element in seen or _is_teaser(block):
            continue
        if _quoted_or_data(block):
            continue
        seen.add(block.element)
        for time in inline(block.element):
            if time.tag != "time":
                continue
            if block not in in_header and next(time.iterancestors("a"), None) is not None:
                continue
            value = to_date(time.get("datetime") or text_of(time))
            kind = "modified" if _says_updated(time, block) else "published"
            yield kind, value, "html:time"


def _quoted_or_data(block: Block) -> bool:
    """A block of a quotation (a fact-check's claim, an embedded post) or a data table cell
    (an infobox's "Founded"): its dates are the subject's, not the article's."""
    if block.quote is not None or block.kind is QUOTE:
        return True
    return block.cell is not None and block.cell.table.data


def _is_teaser(block: Block) -> bool:
    return block.link_chars > 0 and (
        block.kind is BlockKind.LIST_ITEM or block.link_density > TEASER_LINK_DENSITY
    )


def _says_updated(time: Element, block: Block) -> bool:
    if _attrs_say_updated(f"{time.get('class', '')} {time.get('itemprop', '')}"):
        return True
    before = block.text.split(text_of(time))[0] if text_of(time) else ""
    return page_rules().updated.search(before[-40:]) is not None


def _attrs_say_updated(attrs: str) -> bool:
    """A class name or itemprop in ``attrs`` is (or holds the word) an updated class."""
    words = page_rules().updated_classes
    return any(w in words for name in attrs.split() for w in (name, *class_words(name)))


def _header(blocks: Sequence[Block], region: Sequence[Block]) -> list[Block]:
    """The region's blocks up to the first body block (the article header)."""
    header: list[Block] = []
    for block in region:
        if not block.dropped and block.label is not TITLE and header and is_body_paragraph(block):
            break
        header.append(block)
    return header


def _long(text: str) -> bool:
    return longer_than(text, MAX_LINE_WORDS)


def _marked(block: Block, words: frozenset[str], inline: _Inline) -> list[Element]:
    """Elements of the block (its own, two nearest ancestors, inline children) whose
    class/id holds one of ``words``; rel/itemprop=author count for author words."""
    if block.element is None:
        return []
    found = [el for el in block.ancestors[-3:] if _classes_match(el, words)]
    authorish = "author" in words
    for element in inline(block.element):
        named = authorish and (
            "author" in element.get("rel", "").lower().split()
            or "author" in element.get("itemprop", "").lower().split()
        )
        if named or _classes_match(element, words):
            found.append(element)
    return found


def _byline_offers(region: Sequence[Block], inline: _Inline) -> Iterator[Offer]:
    """Bylines: inline author elements (class, rel or itemprop author) of short blocks, else
    a short block marked as a byline or starting with "By"; never in a comment thread."""
    words = page_rules().author_classes
    for block in region:
        if _long(block.text) or block.label is TITLE:
            continue
        marked = _marked(block, words, inline)
        if (not marked and not page_rules().byline.match(block.text)) or _in_comments(block):
            continue
        own = set(block.ancestors)
        names = [text_of(el) for el in marked if el not in own and el.getparent() is not None]
        if names:
            yield "authors", names, "text:byline-element"
        else:
            yield "authors", [block.text], "text:byline"


def _in_comments(block: Block) -> bool:
    return any("comments" in concepts_in(attrs_of(el)) for el in block.ancestors)


def _text_date_offers(
    region: Sequence[Block], blocks: Sequence[Block], options: Options, inline: _Inline
) -> Iterator[Offer]:
    header = set(_header(blocks, region))
    words = page_rules().date_classes
    for block in region:
        if _long(block.text) or block.label is TITLE or _quoted_or_data(block):
            continue
        if options.reference_time is None and _DIGIT.search(block.text) is None:
            continue  # only relative dates are written without digits (see dates_in_line)
        reading = block.rule in _READING_RULES
        if block in header or reading or _marked(block, words, inline):
            source = "text:reading-line" if reading else "text:date-line"
            for kind, value in dates_in_line(block.text, options):
                yield kind, value, source


def dates_in_line(text: str, options: Options) -> list[tuple[str, date]]:
    """Up to three dates written in one line, each 'published' or 'modified' by the words
    before it ("Updated ...")."""
    found: list[tuple[str, date]] = []
    rest = text
    updated = page_rules().updated
    for _ in range(3):
        parsed = parse_date(rest, reference=options.reference_time)
        if parsed is None or not parsed.matched:
            break
        before, _, rest = rest.partition(parsed.matched)
        kind = "modified" if updated.search(before[-40:]) else "published"
        found.append((kind, parsed.value))
    return found


def _subtitle_offers(
    region: Sequence[Block], blocks: Sequence[Block], inline: _Inline
) -> Iterator[Offer]:
    words = page_rules().subtitle_classes
    for block in _header(blocks, region):
        count = len(block.text.split())
        if 3 <= count <= 80 and block.label is not TITLE and _marked(block, words, inline):
            yield "subtitle", block.text, "text:subtitle"


def reading_minutes(text: str) -> int | None:
    """The reading time (minutes) a line states, by ``page_metadata.json``'s patterns."""
    match = page_rules().reading_time.search(text)
    return int(next(g for g in match.groups() if g is not None)) if match else None
