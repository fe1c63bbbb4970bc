"""Verdicts that depend on what surrounds a block, revised after the classifier's.

An embedded photo gallery (legends numbered k/N) inside the article is dropped; section
headings and short sentences the classifier doubted between kept prose are restored
(jusText's neighbour smoothing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import regex

from cleannews.blocks import CLASSIFIER_RULE, HEADING, LIVE_LABELS, PARAGRAPH, Block
from cleannews.dom import Element
from cleannews.filters.boilerplate import MAX_LINK_DENSITY, drop_all, live
from cleannews.rules.loader import RuleKind, hint_matches, rules_of_kind
from cleannews.rules.page_kinds import item_tag
from cleannews.rules.widgets import slide_counter
from cleannews.words import LONG_PARAGRAPH_WORDS, count_both, sentence_end

#: A slideshow has at least this many numbered legends (fewer are footnotes or fractions)...
MIN_SLIDES = 5
#: ...and is dropped only when the page keeps this many characters of text outside it: a
#: page that is nothing but a slideshow keeps it.
MIN_TEXT_BESIDE_SLIDES = 500
#: Climbing from the legends' list to the slideshow wrapper takes in short titles and
#: controls ("Business news in pictures", "show all") up to this many characters.
MAX_SLIDESHOW_FRAME = 120


def drop_slideshow(blocks: Sequence[Block]) -> None:
    """An embedded photo gallery: legends numbered k/N (same N, k rising) inside the article.

    Galleries of another story's photos sit inside many news articles; their legends are
    long prose the classifier cannot tell from the article, but their counters give them away.
    """
    kept = live(blocks)
    slides = _numbered_slides(kept)
    if len(slides) < MIN_SLIDES:
        return
    wrapper = _slideshow_wrapper(kept, slides)
    if wrapper is None:
        return
    inside = [b for b in kept if wrapper in b.ancestors]
    beside = sum(len(b.text) for b in kept if wrapper not in b.ancestors)
    if beside >= MIN_TEXT_BESIDE_SLIDES:
        drop_all(inside, "slideshow", f"photo gallery of {len(slides)} numbered legends")


def _numbered_slides(kept: Sequence[Block]) -> list[Block]:
    """The longest run of blocks starting with counters k/N of one N, k rising."""
    runs: dict[str, list[Block]] = defaultdict(list)
    last: dict[str, int] = {}
    counter = slide_counter()  # "3/50", "3 of 50" (data/widgets.json)
    for block in kept:
        match = counter.match(block.text)
        if match is None or block.element is None:
            continue
        index, total = int(match[1]), match[2]
        if 0 < index <= int(total) and index > last.get(total, 0):
            runs[total].append(block)
            last[total] = index
    return max(runs.values(), key=len, default=[])


def _slideshow_wrapper(kept: Sequence[Block], slides: Sequence[Block]) -> Element | None:
    """The innermost element holding every legend, widened over short titles and controls."""
    common = 0
    first = slides[0].ancestors
    while common < len(first) and all(
        len(s.ancestors) > common and s.ancestors[common] is first[common] for s in slides
    ):
        common += 1
    if common == 0:
        return None
    depth = common - 1
    inside = sum(len(b.text) for b in kept if first[depth] in b.ancestors)
    while depth > 0:
        wider = sum(len(b.text) for b in kept if first[depth - 1] in b.ancestors)
        if wider - inside > MAX_SLIDESHOW_FRAME:
            break
        depth, inside = depth - 1, wider
    return first[depth]


#: Labels drawn over a chart: at least this many short lines in one element with one picture...
MIN_CHART_LABELS = 8
#: ...each of at most this many words, not a sentence...
MAX_LABEL_WORDS = 10
#: ...in an element at most this many levels above the label's own element; at least half of
#: them ticks and values: numbers of at most this many words ("$915", "'17", "13.0%").
CHART_LABEL_DEPTH = 3
MAX_TICK_WORDS = 2
_PICTURES = ("img",)


def drop_chart_labels(blocks: Sequence[Block]) -> None:
    """The text laid over a chart or map as positioned labels (axis ticks, values, legends:
    a graphics tool's HTML export puts each label in its own element beside the chart's
    picture): an element holding exactly one picture and at least ``MIN_CHART_LABELS`` kept
    blocks, every one of them a short line that is not a sentence, half of them a number of
    a word or two (a tick or a value: a map's legend of phrases and a product's sheet of
    features stay). Read out of the picture, the labels are a list of numbers and fragments,
    not the article's text."""
    kept = live(blocks)
    counts: dict[Element, int] = defaultdict(int)
    for block in kept:
        if _chart_label(block):
            for element in block.ancestors[-CHART_LABEL_DEPTH - 1 : -1]:
                counts[element] += 1
    for element, labels in counts.items():
        if labels < MIN_CHART_LABELS:
            continue
        inside = [b for b in kept if element in b.ancestors]
        ticks = sum(map(_tick, inside))
        if len(inside) == labels and 2 * ticks >= labels and _one_picture(element):
            drop_all(inside, "chart-labels", f"{labels} labels laid over a chart")


def _chart_label(block: Block) -> bool:
    text = block.text
    return (
        block.kind is PARAGRAPH
        and text.count(" ") < MAX_LABEL_WORDS
        and sentence_end().search(text) is None
    )


def _tick(block: Block) -> bool:
    """A chart's tick or value: a word or two with a digit ("$915", "'17", "13.0%")."""
    text = block.text
    return text.count(" ") < MAX_TICK_WORDS and any(map(str.isdigit, text))


def _one_picture(element: Element) -> bool:
    pictures = element.iter(*_PICTURES)
    return next(pictures, None) is not None and next(pictures, None) is None


#: A doubted heading is restored when the block after it is kept prose of this many characters.
MIN_PROSE_AFTER_HEADING = 80


def restore_inner_headings(blocks: Sequence[Block]) -> None:
    """Section headings the classifier doubted although the article runs on both sides.

    A short heading ("Conclusion", "Setting up") carries little evidence of its own; with kept
    prose right after it and kept text just before it, it titles a section of the article
    (jusText's near-good headings).
    """
    for index, block in enumerate(blocks):
        if block.kind is not HEADING or block.rule != CLASSIFIER_RULE:
            continue
        if block.hint < 0 or _outbound_link_chars(block) > MAX_LINK_DENSITY * len(block.text):
            continue
        after = _neighbours(blocks, index, 1)[:1]
        before = _neighbours(blocks, index, -1)
        if (
            after
            and not after[0].dropped
            and after[0].kind is not HEADING
            and len(after[0].text) >= MIN_PROSE_AFTER_HEADING
            and any(not b.dropped for b in before)
        ):
            block.restore()


def _outbound_link_chars(block: Block) -> int:
    """Characters of link text that lead off the page (a TOC back-link does not)."""
    return sum(len(text) for text, href in block.links if not href.startswith("#"))


#: Looking back from a doubted heading, kept text must lie within this many blocks.
HEADING_LOOKBACK = 2


def _neighbours(blocks: Sequence[Block], index: int, step: int) -> list[Block]:
    """Up to HEADING_LOOKBACK nearest blocks in direction ``step``, skipping doubted headings."""
    found: list[Block] = []
    index += step
    while 0 <= index < len(blocks) and len(found) < HEADING_LOOKBACK:
        block = blocks[index]
        if block.kind is not HEADING or block.rule != CLASSIFIER_RULE:
            found.append(block)
        index += step
    return found


#: A doubted paragraph is a sentence when it ends like one (full-width marks do not count).
_SENTENCE_END = sentence_end(cjk=False)
#: At most this many doubted sentences in a row are restored between kept paragraphs.
MAX_RESTORED_RUN = 3


def restore_inner_sentences(blocks: Sequence[Block]) -> None:
    """Short sentences the classifier doubted between two kept paragraphs: lines of dialogue
    ("Gotcha.") or one-line paragraphs inside the article (jusText's neighbour smoothing)."""
    run: list[Block] = []
    for index, block in enumerate(blocks):
        if _doubted_sentence(block):
            run.append(block)
            continue
        if run and len(run) <= MAX_RESTORED_RUN and _kept_prose(block):
            start = index - len(run) - 1
            if start >= 0 and _kept_prose(blocks[start]):
                for doubted in run:
                    doubted.restore()
        run = []


#: A linked line between two kept paragraphs of at least this many characters each is
#: the article's (a source, a petition's address, a question linked to its answer).
MIN_PROSE_AROUND_LINK = 150


#: A line opening with a label: a colon within its first four words.
_LABELLED = regex.compile(r"\W*(?:\w+\W+){0,3}?\w*\s?[:：](?!//)")


def restore_inner_links(blocks: Sequence[Block]) -> None:
    """A paragraph dropped as mostly links whose next blocks either side are kept prose
    paragraphs of the article: a link the text stops to give (a source's address, "the
    petition is here"), not a link list, which comes in runs of links, nor a labelled
    pointer to another story ("Read more: ...", "Lire aussi : ...": a colon in its first
    words), nor a line a vetoing hint rule names (a photo credit)."""
    for index in range(1, len(blocks) - 1):
        block = blocks[index]
        if block.rule != "link-heavy" or block.kind is not PARAGRAPH:
            continue
        if not (_long_prose(blocks[index - 1]) and _long_prose(blocks[index + 1])):
            continue
        if not (_LABELLED.match(block.text) or _vetoed(block.text)):
            block.restore()


def _vetoed(text: str) -> bool:
    """A vetoing hint rule matches: a photo credit, a "read also" label, a rights notice."""
    rules = rules_of_kind(RuleKind.HINT)
    return any(hit and rule.veto_words for hit, rule in zip(hint_matches(text), rules, strict=True))


def _long_prose(block: Block) -> bool:
    return _kept_prose(block) and len(block.text) >= MIN_PROSE_AROUND_LINK


def _doubted_sentence(block: Block) -> bool:
    return (
        block.kind is PARAGRAPH
        and block.rule == CLASSIFIER_RULE
        and not _outbound_link_chars(block)
        and _SENTENCE_END.search(block.text) is not None
    )


def _kept_prose(block: Block) -> bool:
    return not block.dropped and block.kind is PARAGRAPH


#: A teaser card: a linked headline and a short excerpt, at most this long (characters)...
MAX_CARD_CHARS = 400
#: ...in at most this many blocks.
MAX_CARD_BLOCKS = 4
#: A headline is linked when this share of it is link text.
MIN_HEADLINE_LINK_SHARE = 0.6
#: Cards come in runs: at least this many siblings built alike (same tag and class).
MIN_CARDS = 3
#: A run of cards is recirculation only when this share of its text is links (a headline
#: and excerpt: 0.2-0.5, under the link-list limit)...
MIN_CARD_LINK_SHARE = 0.2
#: ...and the page keeps at least this much text outside the cards, and more than the cards
#: hold: a page of nothing but cards is a listing, and its cards are its content.
MIN_TEXT_BESIDE_CARDS = 1000


def drop_teaser_cards(blocks: Sequence[Block]) -> None:
    """Runs of headline+excerpt cards (related stories, "more from"): siblings built alike,
    each a linked heading and a short excerpt, beside an article that holds more text than
    all the runs of cards together (a page of cards is a listing). The cards are read from
    every block, dropped or not: a card whose linked headline or meta line is already gone
    still shows its excerpt, which goes too."""
    runs = _card_runs(blocks)
    if not runs:
        return
    found = list(zip(runs, _inside(blocks, runs), strict=True))
    in_cards = {id(b) for _, inside in found for b in inside}
    beside = sum(len(b.text) for b in live(blocks) if id(b) not in in_cards)
    for cards, inside in found:
        shown = [b for b in inside if b.label in LIVE_LABELS]
        chars = sum(len(b.text) for b in inside)
        linked = sum(b.link_chars for b in inside)
        if linked < MIN_CARD_LINK_SHARE * chars or beside < max(MIN_TEXT_BESIDE_CARDS, chars):
            continue
        if shown and _all_cards(inside, cards):
            drop_all(shown, "teaser-cards", f"{len(cards)} headline and excerpt cards")


def _inside(blocks: Sequence[Block], runs: Sequence[Sequence[Element]]) -> list[list[Block]]:
    """For each run of cards, the blocks lying in one of its cards (one pass over the blocks'
    ancestors)."""
    run_of = {card: i for i, cards in enumerate(runs) for card in cards}
    found: list[list[Block]] = [[] for _ in runs]
    for block in blocks:
        hits = {run_of[a] for a in block.ancestors if a in run_of}
        for i in sorted(hits):
            found[i].append(block)
    return found


def _card_runs(blocks: Sequence[Block]) -> list[list[Element]]:
    """Sibling elements built alike (same tag and first class name), MIN_CARDS+ of them,
    each holding a linked heading: for each heading, the deepest ancestor level at which it
    has such siblings."""
    levels: dict[tuple[Element, str, str], dict[Element, None]] = defaultdict(dict)
    for block in blocks:
        if block.kind is not HEADING or len(block.ancestors) < 2:
            continue
        if _outbound_link_chars(block) < MIN_HEADLINE_LINK_SHARE * len(block.text):
            continue
        chain = block.ancestors
        for depth in range(len(chain) - 2, 0, -1):  # elements holding the heading element
            element = chain[depth]
            names = (element.get("class") or "").split()
            key = (chain[depth - 1], str(element.tag), names[0] if names else "")
            levels[key][element] = None
    runs = [list(cards) for cards in levels.values() if len(cards) >= MIN_CARDS]
    runs.sort(key=len)
    chosen: list[list[Element]] = []
    taken: set[Element] = set()
    for run in runs:  # the smallest runs first: the cards, not the columns holding them
        if taken.isdisjoint(run):
            chosen.append(run)
            taken.update(run)
    return chosen


def _all_cards(inside: Sequence[Block], cards: Sequence[Element]) -> bool:
    """True when every card is short, in a few blocks (a headline and at least an excerpt),
    with its heading first or second."""
    for card in cards:
        own = [b for b in inside if card in b.ancestors]
        if not 2 <= len(own) <= MAX_CARD_BLOCKS or all(b.kind is not HEADING for b in own[:2]):
            return False  # (a kicker, "Sport", may stand before the headline)
        if sum(len(b.text) for b in own) > MAX_CARD_CHARS:
            return False
    return True


#: Inside the main container, a doubted block between kept ones is restored when the model
#: gave it at least this probability of content...
MIN_INSIDE_P = 0.25


def restore_inside_main(blocks: Sequence[Block], containers: Sequence[Element]) -> None:
    """Doubted blocks of the main container that lie between its kept blocks: a service or
    product page's short feature lines, spec cells and card texts, which the model doubts one
    by one (short, no sentence) but which the page's main content runs through (jusText's
    near-good blocks between good ones). Blocks with links that lead off the page stay out."""
    chosen = set(containers)
    if not chosen:
        return
    inside = [i for i, b in enumerate(blocks) if not chosen.isdisjoint(b.ancestors)]
    kept = [i for i in inside if blocks[i].live]
    if len(kept) < 2:
        return
    for i in inside:
        block = blocks[i]
        if not kept[0] < i < kept[-1] or block.rule != CLASSIFIER_RULE:
            continue
        if block.features.p_content >= MIN_INSIDE_P and not _outbound_link_chars(block):
            block.restore()


#: A feed: at least this many self-contained items (page_kinds.json item_tag) hold blocks...
MIN_FEED_ITEMS = 10
#: ...and the kept text has at most this many paragraphs of ``LONG_PARAGRAPH_WORDS`` words.
MAX_FEED_LONG_PARAGRAPHS = 2
#: The verdicts a feed's item blocks are given back from (the classifier's, link density's).
FEED_RESTORED_RULES = frozenset({CLASSIFIER_RULE, "link-heavy"})


def feed_items(blocks: Sequence[Block]) -> set[Element]:
    """The self-contained items (``item_tag`` elements) that hold any of the blocks."""
    tag = item_tag()
    tags = {e: e.tag for e in {e for b in blocks for e in b.ancestors}}
    items = {t for t in set(tags.values()) if isinstance(t, str) and tag.fullmatch(t)}
    return {e for e, t in tags.items() if t in items}  # one regex call per tag, not element


#: In a feed, the items hold more than this share of the kept text, and no one item does.
FEED_ITEMS_SHARE = 0.5


def _spread_over_items(kept: Sequence[Block], items: set[Element]) -> bool:
    """The items together hold most of the kept text, and no one item holds most of it."""
    per_item: dict[Element, int] = defaultdict(int)
    inside = total = 0
    for block in kept:
        size = len(block.text)
        total += size
        holders = items.intersection(block.ancestors)
        inside += size if holders else 0
        for item in holders:
            per_item[item] += size
    largest = max(per_item.values(), default=0)
    return inside > FEED_ITEMS_SHARE * total and largest <= FEED_ITEMS_SHARE * total


def restore_feed_items(blocks: Sequence[Block]) -> None:
    """A feed of story or post cards (many self-contained items, little long prose, the kept
    text in the items and not in one of them): the cards are the page's content, so their
    headlines and excerpts, doubted one by one as short or link-heavy, are given back. A
    story inside one item, or beside a box of related cards, keeps its verdicts."""
    items = feed_items(blocks)
    if len(items) < MIN_FEED_ITEMS:
        return
    kept = live(blocks)
    long = sum(
        1 for b in kept if b.kind is PARAGRAPH and count_both(b.text)[1] >= LONG_PARAGRAPH_WORDS
    )
    if long > MAX_FEED_LONG_PARAGRAPHS or not _spread_over_items(kept, items):
        return
    for block in blocks:
        if block.rule in FEED_RESTORED_RULES and not items.isdisjoint(block.ancestors):
            block.restore()
