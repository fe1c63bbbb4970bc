"""Boilerplate filters over blocks, each a small rule with a stated reason.

Phrase rules come from ``data/boilerplate/*.json``; the rest generalise by structure:
link-heavy blocks and link lists, promo paragraphs (scored by promo signals per sentence),
repeated lines, and headings left with no content under them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from cleannews.blocks import CLASSIFIER_RULE, HEADING, HINT_VETO_RULE, LIVE_LABELS, Block, BlockKind
from cleannews.dom import link_share
from cleannews.rules.loader import line_rule, signal_weight
from cleannews.words import count_sentences

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
#: A list is no link list, however linked as a whole, when at least this share of its items
#: are text with a link inside (a link, and less linked than a paragraph may be: a sentence
#: or a label with its linked value). A list of bare headline links ("Related: ..." lines
#: included, their label is short) stays one.
LINKED_TEXT_ITEMS = 0.5
#: A table is a link table (a navigation column) when nearly all its text is links; a table
#: with a column of linked titles beside other columns is data (the classifier decides).
MAX_TABLE_LINK_DENSITY = 0.8
#: Lists and tables are judged as a whole: one linked cell or item says little about them.
_GROUPED = frozenset({BlockKind.LIST_ITEM, BlockKind.CELL})
#: The kinds line rules never drop and the kinds promo is looked for in, built once.
_NO_LINE_RULES = (BlockKind.CODE, BlockKind.CELL)
_PROMO_KINDS = (BlockKind.PARAGRAPH, BlockKind.QUOTE)


def live(blocks: Sequence[Block]) -> list[Block]:
    """Blocks still in the running for the body: not dropped, not the headline."""
    return [b for b in blocks if b.label in LIVE_LABELS]  # (Block.live, without a call each)


def drop_phrase_lines(blocks: Sequence[Block]) -> None:
    """Short blocks that are wholly an interface label, reading-time line or TOC label."""
    for block in live(blocks):
        if block.kind in _NO_LINE_RULES or len(block.text) > 200:
            continue
        rule = line_rule(block.text)
        if rule is not None:
            block.drop(rule.id, rule.reason)


def promo_score(text: str) -> tuple[float, int]:
    """(sum of promo signal weights, number of sentences) of a paragraph."""
    return signal_weight(text), _sentences(text)


def _sentences(text: str) -> int:
    return count_sentences(text)


def drop_promo(blocks: Sequence[Block]) -> None:
    """Paragraphs in which the site talks about itself or calls the reader to act."""
    for block in live(blocks):
        if block.kind not in _PROMO_KINDS:
            continue
        if not PROMO_MIN_CHARS <= len(block.text) <= PROMO_MAX_CHARS:
            continue
        score = signal_weight(block.text)
        # Nearly every paragraph scores 0: its sentences, uncounted, would not change 0 / n.
        per_sentence = score / _sentences(block.text) if score else 0.0
        block.features.promo = per_sentence
        if score >= PROMO_MIN_SCORE and per_sentence >= PROMO_PER_SENTENCE:
            block.drop("promo", f"site promotion ({score:g} promo signals)")


def drop_link_heavy(blocks: Sequence[Block]) -> None:
    """Link-heavy paragraphs, lists made mostly of links, and tables made only of links."""
    groups: dict[tuple[BlockKind, int], list[Block]] = defaultdict(list)
    for block in live(blocks):
        if block.kind in _GROUPED and block.group is not None:
            groups[block.kind, block.group].append(block)
        elif block.kind is not HEADING and block.link_density > MAX_LINK_DENSITY:
            block.drop("link-heavy", f"mostly links ({block.link_density:.0%})")
    for (kind, _), items in groups.items():
        chars = sum(len(b.text) for b in items)
        density = link_share(sum(b.link_chars for b in items), chars)
        if kind is BlockKind.LIST_ITEM and density > _list_link_limit(items, chars):
            if _linked_text_share(items) < LINKED_TEXT_ITEMS:
                drop_all(items, "link-list", f"list of links ({density:.0%})")
        elif kind is BlockKind.CELL and density > MAX_TABLE_LINK_DENSITY:
            drop_all(items, "link-table", f"table of links ({density:.0%})")


def _list_link_limit(items: list[Block], chars: int) -> float:
    if items[0].ordered and chars >= PROSE_ITEM_CHARS * len(items):
        return MAX_PROSE_LIST_LINK_DENSITY
    return MAX_LIST_LINK_DENSITY


def _linked_text_share(items: list[Block]) -> float:
    """Share of the items that hold a link inside their own text (not wholly a link)."""
    inside = sum(1 for b in items if b.link_chars and b.link_density < MAX_LINK_DENSITY)
    return inside / len(items)


def drop_all(items: list[Block], rule: str, reason: str) -> None:
    """Drop every block of ``items`` for one rule and reason."""
    for item in items:
        item.drop(rule, reason)


#: Verdicts that weigh evidence (and can be wrong on a tiny page), as opposed to rules that
#: recognise boilerplate for what it is (a promo paragraph, an interface label).
RELAXABLE = frozenset({CLASSIFIER_RULE, HINT_VETO_RULE, "link-heavy", "empty-heading"})


def relax(blocks: Sequence[Block]) -> None:
    """Undo the soft verdicts: for a page where they left nothing at all (Readability's
    relax-and-retry), a short page's few lines are better than an empty article."""
    for block in blocks:
        if block.rule in RELAXABLE:
            block.restore()


def drop_empty_headings(blocks: Sequence[Block]) -> None:
    """Headings with no kept content before the next heading of the same or higher rank,
    but for a heading stacked on the next one (a name over its role, a kicker over a title):
    it never had content of its own, and goes with the heading it stands on."""
    kept = live(blocks)
    empty = {
        id(block)
        for index, block in enumerate(kept)
        if block.kind is HEADING and not _has_content_after(kept, index)
    }
    for index, block in enumerate(blocks):
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if id(block) in empty and not _stacked_on(block, after, empty):
            block.drop("empty-heading", "heading with no content under it")


def _stacked_on(block: Block, after: Block | None, empty: set[int]) -> bool:
    """``block`` is directly followed, nothing between, by a kept heading of its rank."""
    return (
        after is not None
        and after.kind is BlockKind.HEADING
        and after.level == block.level
        and after.label in LIVE_LABELS
        and id(after) not in empty
    )


def _has_content_after(kept: Sequence[Block], index: int) -> bool:
    level = kept[index].level
    for block in kept[index + 1 :]:
        if block.kind is not BlockKind.HEADING:
            return True
        if block.level <= level:
            return False
    return False
