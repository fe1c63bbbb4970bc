"""Lines and paragraphs of scraped text become synthetic blocks.

Blank lines separate paragraphs. Within a paragraph, bullet and numbered lines become list
items, a line that continues a wrapped sentence is joined to it, and every other line is a
block of its own (scrapers often keep one paragraph per line). Short title-like lines are
headings; ``# Markdown`` headings keep their level.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from functools import cache

import regex

from cleannews.blocks import Block, BlockKind
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.loader import RuleKind, hint_matches, line_rule, rules_of_kind
from cleannews.words import CLOSING_MARKS, SENTENCE_MARKS

_BULLET = compile_pattern(
    r"^(?P<indent>[ \t]*)(?:(?P<mark>[•◦▪▸►‣●○■□➢➤✓✔*·–—-])|(?P<num>\d{1,3}|[a-z])[.)])"
    r"\s+(?P<text>\S.*)$"
)
_MD_HEADING = compile_pattern(r"^(?P<hashes>#{1,6})\s+(?P<text>\S.*?)\s*#*$")
#: A line that ends with one of these is not continued by the next (a sentence mark, a
#: lead-in or clause mark, a closing quote or bracket).
_TERMINAL = compile_pattern(f"[{SENTENCE_MARKS}:;,{CLOSING_MARKS}]$")
#: A heading does not end like a sentence, nor like a lead-in to a list ("...for families:"),
#: but may end with a question mark alone ("Is it over?").
_SENTENCE_END = compile_pattern(
    f"[{SENTENCE_MARKS.replace('?', '')}:;,]$|[{SENTENCE_MARKS}][{CLOSING_MARKS}]$"
)
_WS = compile_pattern(r"[ \t\u00a0]+")
#: Quotes and brackets a heading may open with ("‘Unprecedented’ strandings").
_OPENERS = "'\"‘’“”«»„‚‹›([¿¡"
#: A line ends like a sentence (the mark, then closing quotes or brackets).
_PROSE_END = compile_pattern(f"[{SENTENCE_MARKS}][{CLOSING_MARKS}]*$")
#: The kept line after an inner heading ends like a sentence and has this many words.
SENTENCE_AFTER_HEADING_WORDS = 8
#: A heading has at most this many words.
HEADING_MAX_WORDS = 16
#: Nesting depth beyond which list items are flattened (a 10,000-deep list is not a list).
MAX_DEPTH = 8


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text page, in reading order."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    groups = itertools.count()
    repeated = _repeated_lines(text)
    for paragraph in regex.split(r"\n[ \t]*\n", text):
        blocks.extend(_paragraph_blocks(paragraph, groups, repeated))
    mark_headings(blocks)
    return blocks


#: Dashes that open a line of dialogue or a quotation's attribution in many languages
#: ("– To dla nas ważna chwila", "— zaznaczył."): such a line is a list item only beside
#: another bullet line.
_SPEECH_DASHES = "–—"


def _repeated_lines(text: str) -> frozenset[str]:
    """Lines the page prints more than once (a headline's echoes, menu entries)."""
    counts = Counter(line.strip() for line in text.split("\n"))
    return frozenset(line for line, n in counts.items() if n > 1 and line)


def _paragraph_blocks(
    paragraph: str, groups: Iterator[int], repeated: frozenset[str] = frozenset()
) -> Iterator[Block]:
    group: int | None = None
    base_indent = 0
    lines = list(_joined_lines(paragraph, repeated))
    bullets = [_BULLET.match(line) for line in lines]
    for n, line in enumerate(lines):
        bullet = bullets[n]
        if bullet and bullet["mark"] and bullet["mark"] in _SPEECH_DASHES:
            beside = bullets[max(0, n - 1) : n] + bullets[n + 1 : n + 2]
            bullet = bullet if any(beside) else None
        if bullet:
            indent = len(bullet["indent"].expandtabs(4))
            if group is None:
                group, base_indent = next(groups), indent
            yield _list_item(bullet, group, min(max(0, indent - base_indent) // 2, MAX_DEPTH))
            continue
        group = None
        heading = _MD_HEADING.match(line.strip())
        if heading:
            level = len(heading["hashes"])
            yield Block(collapse_spaces(heading["text"]), BlockKind.HEADING, level=level)
        elif line.strip():
            yield Block(collapse_spaces(line))


def _list_item(match: regex.Match[str], group: int, level: int) -> Block:
    number = match["num"]
    return Block(
        collapse_spaces(match["text"]),
        BlockKind.LIST_ITEM,
        level=level,
        group=group,
        ordered=number is not None,
        marker=match.string[match.start("num") : match.start("text")].strip() if number else "",
    )


def _joined_lines(paragraph: str, repeated: frozenset[str] = frozenset()) -> Iterator[str]:
    """Lines of a paragraph, a wrapped line joined to the line it continues, except a line
    the page prints again elsewhere after a line the rule data knows as a whole line ("5 min
    read · June 28, 2025" then a lower-case headline and its echoes)."""
    current: list[str] = []  # the parts, joined once: joining at each line is quadratic
    for line in paragraph.split("\n"):
        stripped = line.strip()
        if (
            current
            and stripped
            and _continues(current[-1], stripped)
            and not _BULLET.match(line)
            and not (stripped in repeated and len(current) == 1 and line_rule(current[0]))
        ):
            current.append(stripped)
            continue
        if current:
            yield " ".join(current)
        current = [line.rstrip()] if line.rstrip() else []
    if current:
        yield " ".join(current)


def _continues(previous: str, line: str) -> bool:
    return line[0].islower() and not _TERMINAL.search(previous)


def collapse_spaces(text: str) -> str:
    """``text`` with each run of spaces, tabs and no-break spaces one space, ends trimmed."""
    if "  " not in text and "\t" not in text and "\xa0" not in text:
        return text.strip()  # every run is one space already
    return _WS.sub(" ", text).strip()


def is_title_like(text: str) -> bool:
    """Short, capitalised, and not ending like a sentence or a lead-in (a full stop, colon)."""
    words = text.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and len(text) <= 150
        and text[0].isupper() | text[0].isdigit()
        and not _SENTENCE_END.search(text)
    )


def mark_headings(blocks: list[Block]) -> None:
    """A title-like line followed by a list, or by a longer line that is not title-like (body
    text or a lead-in), is a heading."""
    for block, following in itertools.pairwise(blocks):
        if block.kind is not BlockKind.PARAGRAPH or not is_title_like(block.text):
            continue
        if following.kind is BlockKind.LIST_ITEM or (
            not is_title_like(following.text) and len(following.text) > 1.5 * len(block.text)
        ):
            block.kind = BlockKind.HEADING
            block.level = 2


def is_heading_like(text: str) -> bool:
    """Title-like, opening quotes and brackets set aside ("'A-ha' moment", "(Updated)")."""
    if is_title_like(text):
        return True
    bare = text.lstrip(_OPENERS)
    return bare != text and bool(bare) and is_title_like(bare)


def mark_kept_headings(blocks: list[Block]) -> None:
    """After the line model: among the lines still kept, a heading-like paragraph between kept
    text and a kept sentence is a section heading (its raw neighbours, which
    :func:`mark_headings` saw, may have been a caption or a dropped line), and a "heading" of
    more than twice a heading's words is a paragraph (not dropped as an empty heading)."""
    lone = _lone_numbered(blocks)
    body = [b for b in blocks if b.live]
    for block in body:  # a page's prose styled as a heading (Markdown "# ..." or "---" under)
        if block.kind is BlockKind.HEADING and len(block.text.split()) > 2 * HEADING_MAX_WORDS:
            block.kind, block.level = BlockKind.PARAGRAPH, 0
    for block, after in itertools.pairwise(body[1:]):
        numbered = id(block) in lone
        if block.kind is not BlockKind.PARAGRAPH and not numbered:
            continue
        if _kept_heading_shape(block.text) and _sentence_after_heading(after):
            if numbered:  # "1. Why it matters" alone between paragraphs: a numbered heading
                block.text, block.group = f"{block.marker} {block.text}", None
            block.kind, block.level = BlockKind.HEADING, 2


#: Between kept paragraphs, a line this short may end with an exclamation mark (before a
#: closing bracket, too) and still be a heading ("Nektar giftig? Nein!", "¡Por fin!", "Am
#: Land (der Stadt so nah!)"); a longer one is a sentence.
EXCLAIMED_HEADING_WORDS = 8


def _kept_heading_shape(text: str) -> bool:
    if is_heading_like(text):
        return True
    bare = text.rstrip(")]").rstrip("!")  # "Am Land (der Stadt so nah!)" too
    return (
        bare != text.rstrip(")]")
        and len(text.split()) <= EXCLAIMED_HEADING_WORDS
        and bool(bare)
        and is_heading_like(bare)
    )


def _lone_numbered(blocks: list[Block]) -> set[int]:
    """Ids of numbered lines standing alone: a one-item list with no list item on either side
    (items of a list the text spaced with blank lines stand next to each other)."""
    sizes = Counter(b.group for b in blocks if b.kind is BlockKind.LIST_ITEM)
    lone = set()
    for n, block in enumerate(blocks):
        if block.kind is not BlockKind.LIST_ITEM or not block.marker or sizes[block.group] > 1:
            continue
        around = blocks[max(0, n - 1) : n] + blocks[n + 1 : n + 2]
        if all(b.kind is not BlockKind.LIST_ITEM for b in around):
            lone.add(id(block))
    return lone


def _sentence_after_heading(block: Block) -> bool:
    return (
        block.kind is BlockKind.PARAGRAPH
        and not is_heading_like(block.text)
        and len(block.text.split()) >= SENTENCE_AFTER_HEADING_WORDS
        and _PROSE_END.search(block.text) is not None
    )


#: The hint rules (by id prefix) of photo credits and source lines.
CREDIT_RULES = "credit"


@cache
def _credit_hints() -> tuple[int, ...]:
    """Positions, among the hint rules, of the photo-credit and source-line rules."""
    hints = rules_of_kind(RuleKind.HINT)
    return tuple(n for n, rule in enumerate(hints) if rule.id.startswith(CREDIT_RULES))


def is_credit(text: str) -> bool:
    """A photo credit or source line ("Getty Images", "Bild: Jahr Media"): a figure's
    furniture, never a headline or a section heading."""
    found = hint_matches(text)
    return any(found[n] for n in _credit_hints())
