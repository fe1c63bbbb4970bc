"""Boilerplate filters over blocks, each a small rule with a stated reason.

Phrase rules come from ``data/boilerplate/*.json``; the rest generalise by structure:
link-heavy blocks and link lists, promo paragraphs (scored by promo signals per sentence),
repeated lines, and headings left with no content under them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import regex

from cleannews.blocks import Block, BlockKind, Label
from cleannews.dom import Element
from cleannews.rules.loader import RuleKind, line_rule, possible_rules

#: A paragraph is promo when its promo signals reach this score...
PROMO_MIN_SCORE = 2.0
#: ...and at least this many signals per sentence.
PROMO_PER_SENTENCE = 0.5
#: Promo paragraphs are looked for among paragraphs of this many characters: a shorter one
#: cannot hold two signals, and a longer one would need many (it is an article paragraph).
PROMO_MIN_CHARS = 40
PROMO_MAX_CHARS = 1200
#: Blocks this link-heavy are navigation, not prose.
MAX_LINK_DENSITY = 0.6
#: A list whose items are mostly links is a link list (related stories, tags, menus)...
MAX_LIST_LINK_DENSITY = 0.5
#: ...but a numbered list of sentences with links in them (references, footnotes, steps)
#: is prose: it is a link list only when this link-heavy. (Bulleted lists of long linked
#: items are as often feeds and author boxes, so they keep the stricter limit.)
MAX_PROSE_LIST_LINK_DENSITY = 0.7
#: Average characters per item from which a numbered list counts as a list of sentences.
PROSE_ITEM_CHARS = 60
#: A table is a link table (a navigation column) when nearly all its text is links; a table
#: with a column of linked titles beside other columns is data (the classifier decides).
MAX_TABLE_LINK_DENSITY = 0.8
#: Lists and tables are judged as a whole: one linked cell or item says little about them.
_GROUPED = frozenset({BlockKind.LIST_ITEM, BlockKind.CELL})
_SENTENCE = regex.compile(r"[.!?…]+(?:\s|$)")


def live(blocks: Sequence[Block]) -> list[Block]:
    """Blocks still in the running for the body: not dropped, not the headline."""
    return [b for b in blocks if b.label is Label.UNDECIDED or b.label is Label.CONTENT]


def drop_phrase_lines(blocks: Sequence[Block]) -> None:
    """Short blocks that are wholly an interface label, reading-time line or TOC label."""
    for block in live(blocks):
        if block.kind in (BlockKind.CODE, BlockKind.CELL) or len(block.text) > 200:
            continue
        rule = line_rule(block.text)
        if rule is not None:
            block.drop(rule.id, rule.reason)


def promo_score(text: str) -> tuple[float, int]:
    """(sum of promo signal weights, number of sentences) of a paragraph."""
    return _signals(text), _sentences(text)


def _signals(text: str) -> float:
    # Most paragraphs hold none of the literals any signal needs: no regex runs at all.
    return sum(
        (rule.weight * rule.count(text) for rule in possible_rules(RuleKind.SIGNAL, text)), 0.0
    )


def _sentences(text: str) -> int:
    return max(1, len(_SENTENCE.findall(text)))


def drop_promo(blocks: Sequence[Block]) -> None:
    """Paragraphs in which the site talks about itself or calls the reader to act."""
    for block in live(blocks):
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.QUOTE):
            continue
        if not PROMO_MIN_CHARS <= len(block.text) <= PROMO_MAX_CHARS:
            continue
        score = _signals(block.text)
        # Nearly every paragraph scores 0: its sentences, uncounted, would not change 0 / n.
        per_sentence = score / _sentences(block.text) if score else 0.0
        block.features["promo"] = per_sentence
        if score >= PROMO_MIN_SCORE and per_sentence >= PROMO_PER_SENTENCE:
            block.drop("promo", f"site promotion ({score:g} promo signals)")


def drop_link_heavy(blocks: Sequence[Block]) -> None:
    """Link-heavy paragraphs, lists made mostly of links, and tables made only of links."""
    groups: dict[tuple[BlockKind, int], list[Block]] = defaultdict(list)
    for block in live(blocks):
        if block.kind in _GROUPED and block.group is not None:
            groups[block.kind, block.group].append(block)
        elif block.kind is not BlockKind.HEADING and block.link_density > MAX_LINK_DENSITY:
            block.drop("link-heavy", f"mostly links ({block.link_density:.0%})")
    for (kind, _), items in groups.items():
        chars = sum(len(b.text) for b in items)
        density = sum(b.link_chars for b in items) / chars if chars else 0.0
        if kind is BlockKind.LIST_ITEM and density > _list_link_limit(items, chars):
            _drop_all(items, "link-list", f"list of links ({density:.0%})")
        elif kind is BlockKind.CELL and density > MAX_TABLE_LINK_DENSITY:
            _drop_all(items, "link-table", f"table of links ({density:.0%})")


def _list_link_limit(items: list[Block], chars: int) -> float:
    if items[0].ordered and chars >= PROSE_ITEM_CHARS * len(items):
        return MAX_PROSE_LIST_LINK_DENSITY
    return MAX_LIST_LINK_DENSITY


def _drop_all(items: list[Block], rule: str, reason: str) -> None:
    for item in items:
        item.drop(rule, reason)


def drop_repeated(blocks: Sequence[Block], protect: Block | None = None) -> None:
    """Short lines repeated on the page (headline echoes, labels): keep none but ``protect``."""
    seen: dict[str, list[Block]] = defaultdict(list)
    for block in blocks:
        if len(block.text) <= 150:
            seen[block.text.casefold()].append(block)
    for copies in seen.values():
        if len(copies) < 2:
            continue
        for block in copies:
            if block is not protect and block.label is Label.UNDECIDED:
                block.drop("repeated", f"line repeated {len(copies)} times on the page")


#: Verdicts that weigh evidence (and can be wrong on a tiny page), as opposed to rules that
#: recognise boilerplate for what it is (a promo paragraph, an interface label).
RELAXABLE = frozenset({"classifier", "link-heavy", "empty-heading"})


def relax(blocks: Sequence[Block]) -> None:
    """Undo the soft verdicts: for a page where they left nothing at all (Readability's
    relax-and-retry), a short page's few lines are better than an empty article."""
    for block in blocks:
        if block.rule in RELAXABLE:
            block.restore()


def drop_empty_headings(blocks: Sequence[Block]) -> None:
    """Headings with no kept content before the next heading of the same or higher rank."""
    kept = live(blocks)
    for index, block in enumerate(kept):
        if block.kind is BlockKind.HEADING and not _has_content_after(kept, index):
            block.drop("empty-heading", "heading with no content under it")


def _has_content_after(kept: Sequence[Block], index: int) -> bool:
    level = kept[index].level
    for block in kept[index + 1 :]:
        if block.kind is not BlockKind.HEADING:
            return True
        if block.level <= level:
            return False
    return False


#: A slide legend starts with its counter: "3/50", "3 / 50", "3 of 50".
_SLIDE_COUNTER = regex.compile(r"(\d{1,3})\s*(?:/|of)\s*(\d{1,3})(?!\d)")
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
        _drop_all(inside, "slideshow", f"photo gallery of {len(slides)} numbered legends")


def _numbered_slides(kept: Sequence[Block]) -> list[Block]:
    """The longest run of blocks starting with counters k/N of one N, k rising."""
    runs: dict[str, list[Block]] = defaultdict(list)
    last: dict[str, int] = {}
    for block in kept:
        match = _SLIDE_COUNTER.match(block.text)
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


#: A doubted heading is restored when the block after it is kept prose of this many characters.
MIN_PROSE_AFTER_HEADING = 80


def restore_inner_headings(blocks: Sequence[Block]) -> None:
    """Section headings the classifier doubted although the article runs on both sides.

    A short heading ("Conclusion", "Setting up") carries little evidence of its own; with kept
    prose right after it and kept text just before it, it titles a section of the article
    (jusText's near-good headings).
    """
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.HEADING or block.rule != "classifier":
            continue
        if block.hint < 0 or _outbound_link_chars(block) > MAX_LINK_DENSITY * len(block.text):
            continue
        after = _neighbours(blocks, index, 1)[:1]
        before = _neighbours(blocks, index, -1)
        if (
            after
            and not after[0].dropped
            and after[0].kind is not BlockKind.HEADING
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
        if block.kind is not BlockKind.HEADING or block.rule != "classifier":
            found.append(block)
        index += step
    return found


#: A sentence ends here: terminal punctuation, maybe followed by closing quotes or brackets.
_SENTENCE_END = regex.compile(r"[.!?…][\p{Pf}\p{Pe}\"'\s]*$")
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


def _doubted_sentence(block: Block) -> bool:
    return (
        block.kind is BlockKind.PARAGRAPH
        and block.rule == "classifier"
        and not _outbound_link_chars(block)
        and _SENTENCE_END.search(block.text) is not None
    )


def _kept_prose(block: Block) -> bool:
    return not block.dropped and block.kind is BlockKind.PARAGRAPH
