"""Stage 2 (Markdown): a crawler's Markdown becomes synthetic blocks.

``#`` headings keep their level, ``[text](href)`` links become the block's links (their text
stays, the target goes), ``![alt](src)`` images become figures before the next block, link-
only lines are all link text, bullets and numbers make list items, ``>`` lines quotations and
fenced code code blocks. Emphasis markers and backslash escapes are removed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from cleannews.blocks import Block, BlockKind, FigureContext
from cleannews.rules.diskcache import compile_pattern
from cleannews.text.lines import MAX_DEPTH, collapse_spaces, mark_headings

#: Link and image syntax; an image inside a link (``[![alt](src)](href)``) counts as an image.
_LINK = compile_pattern(
    r"(?P<image>!)?\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\]){0,500})\]"
    r"\((?P<href><[^<>]{0,2000}>|[^()\s]{0,2000}(?:\([^()\s]{0,200}\)[^()\s]{0,200})?)"
    r"(?:\s+[\"'(][^\n]{0,300}?[\"')])?\)"
)
_AUTOLINK = compile_pattern(r"<(https?://[^<>\s]{1,2000})>")
_HEADING = compile_pattern(r"^ {0,3}(?P<hashes>#{1,6})(?:\s+(?P<text>.*?))?\s*#*\s*$")
_SETEXT = compile_pattern(r"^ {0,3}(?:=+|-+)\s*$")
_BULLET = compile_pattern(
    r"^(?P<indent>[ \t]*)(?:(?P<mark>[*+•-])|(?P<num>\d{1,9})[.)])\s+(?P<text>.*)$"
)
_QUOTE = compile_pattern(r"^\s{0,3}(?:>\s?)+")
#: List and quote markers that open an item's text (``- - item``: a list in a list).
_NESTED = compile_pattern(r"(?:[*+-][ \t]+|>[ \t]?)+")
_FENCE = compile_pattern(r"^\s{0,3}(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`]*)")
_RULE = compile_pattern(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_TABLE_RULE = compile_pattern(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_EMPHASIS = compile_pattern(r"(?<![\w\\])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_ESCAPE = compile_pattern(r"\\([!-/:-@\[-`{-~])")
_CODE_SPAN = compile_pattern(r"`([^`\n]{0,1000})`")


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown page, in reading order."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    groups = itertools.count()
    quotes = itertools.count()
    figures: list[FigureContext] = []
    for block in _joined(_blocks(text.split("\n"), groups, quotes)):
        if block.kind is BlockKind.CAPTION:  # an image line: a figure before the next block
            figures.append(block.figure or FigureContext())
            continue
        if figures:
            block.figures_before, figures = tuple(figures), []
        blocks.append(block)
    _relative_levels(blocks)
    mark_headings(blocks)
    return blocks


def _relative_levels(blocks: list[Block]) -> None:
    """List nesting counted from each list's own first indent."""
    base: dict[int, int] = {}
    for block in blocks:
        if block.kind is BlockKind.LIST_ITEM and block.group is not None:
            low = base.setdefault(block.group, block.level)
            block.level = max(0, block.level - low)


def _joined(blocks: Iterator[Block]) -> Iterator[Block]:
    """Paragraph lines joined where a line continues the sentence of the line before (a soft
    line break: no sentence end before it, a lower-case letter after it)."""
    pending: Block | None = None
    last = pending  # the line joined last (its kind and quote are pending's): its end decides
    texts: list[str] = []  # the joined lines' texts and links, put together once (linear)
    links: list[tuple[str, str]] = []
    for block in blocks:
        if pending is not None and last is not None and _continues(last, block):
            texts.append(block.text)
            links.extend(block.links)
            pending.link_chars += block.link_chars
            last = block
            continue
        if pending is not None:
            yield _put_together(pending, texts, links)
        pending = last = block
        texts, links = [block.text], list(block.links)
    if pending is not None:
        yield _put_together(pending, texts, links)


def _put_together(block: Block, texts: list[str], links: list[tuple[str, str]]) -> Block:
    if len(texts) > 1:
        block.text, block.links = " ".join(texts), tuple(links)
    return block


def _continues(previous: Block, block: Block) -> bool:
    return (
        previous.kind is block.kind
        and block.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)
        and previous.quote == block.quote
        and bool(previous.text)
        and bool(block.text)
        and previous.text[-1] not in _TERMINAL
        and block.text[0].islower()
    )


_TERMINAL = frozenset(".!?…:;\"'”’)»")
#: The first characters a thematic break, a table's rule line or a heading's underline can
#: have (``_RULE``, ``_TABLE_RULE``, ``_SETEXT`` match nothing else after the line's strip).
_RULE_OPENERS = frozenset("*-_|:=")
#: The ASCII marks a bullet can open with (a number with an ASCII digit).
_BULLET_MARKS = frozenset("*+-0123456789")


def _may_open_bullet(stripped: str) -> bool:
    """False when ``_BULLET`` cannot match the line: its first character is ASCII and no mark
    or digit (outside ASCII the regex decides: ``•``, and ``\\d`` knows newer digits than
    ``str.isdigit``)."""
    first = stripped[:1]
    return first in _BULLET_MARKS or not first.isascii()


def _blocks(lines: list[str], groups: Iterator[int], quotes: Iterator[int]) -> Iterator[Block]:
    fence: str | None = None
    code: list[str] = []
    group: int | None = None
    quote: int | None = None
    for index, line in enumerate(lines):
        if fence is not None:
            if line.strip().startswith(fence):
                yield Block("\n".join(code), BlockKind.CODE)
                fence, code = None, []
            else:
                code.append(line)
            continue
        head = line[:4]  # a fence or quote marker opens a line after at most three spaces
        opened = _FENCE.match(line) if "`" in head or "~" in head else None
        if opened:
            fence = opened["fence"]
            continue
        quoted = _QUOTE.match(line) if ">" in head else None
        quote = (next(quotes) if quote is None else quote) if quoted else None
        own = line[quoted.end() :] if quoted else line
        block, group = _line_block(own, lines, index, group, groups)
        if block is not None:
            if quoted and block.kind is BlockKind.PARAGRAPH:
                block.kind, block.quote = BlockKind.QUOTE, quote
            yield block
    if code:  # an unterminated fence: its lines are still code
        yield Block("\n".join(code), BlockKind.CODE)


def _line_block(
    line: str, lines: list[str], index: int, group: int | None, groups: Iterator[int]
) -> tuple[Block | None, int | None]:
    stripped = line.strip()
    ruled = stripped[:1] in _RULE_OPENERS  # (a rule, table rule or underline opens so)
    if not stripped or (ruled and (_RULE.match(stripped) or _TABLE_RULE.match(stripped))):
        return None, None if not stripped else group
    if ruled and _SETEXT.match(stripped):
        return None, None
    heading = _HEADING.match(line) if "#" in line[:4] else None
    if heading:
        block = inline_block(heading["text"] or "", BlockKind.HEADING)
        block.level = len(heading["hashes"])
        return (block if block.text else None), None
    bullet = _BULLET.match(line) if _may_open_bullet(stripped) else None
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if following[:1] in _RULE_OPENERS and _SETEXT.match(following) and not bullet:
        block = inline_block(stripped, BlockKind.HEADING)
        block.level = 1 if following.startswith("=") else 2
        return (block if block.text else None), None
    if bullet and bullet["text"].strip():
        group = next(groups) if group is None else group
        nested = _NESTED.match(bullet["text"])
        inner = sum(c in "*+-" for c in nested[0]) if nested else 0
        block = inline_block(bullet["text"][nested.end() if nested else 0 :], BlockKind.LIST_ITEM)
        indent = len(bullet["indent"].expandtabs(4))
        block.level = min(indent // 2 + inner, MAX_DEPTH)
        block.group, block.ordered = group, bool(bullet["num"])
        return (block if block.text else None), group
    if stripped.startswith("|"):  # a table row: its cells' text
        stripped = stripped.strip("|").replace(" | ", " · ")
    block = inline_block(stripped)
    return (block if block.text or block.kind is BlockKind.CAPTION else None), None


def inline_block(source: str, kind: BlockKind = BlockKind.PARAGRAPH) -> Block:
    """A block from one line of inline Markdown: links recorded, images made figures (a line
    that is only images becomes a CAPTION placeholder the caller turns into a figure)."""
    links: list[tuple[str, str]] = []
    images: list[tuple[str, str]] = []
    pieces: list[str] = []
    position = 0
    for match in _LINK.finditer(source) if "](" in source else ():
        pieces.append(source[position : match.start()])
        position = match.end()
        href = match["href"].strip("<>")
        label = _plain(match["text"])
        if match["image"]:
            images.append((href, label))
            continue
        inner = _LINK.fullmatch(match["text"].strip())
        if inner and inner["image"]:
            images.append((inner["href"].strip("<>"), _plain(inner["text"])))
            continue
        pieces.append(label)
        if label:
            links.append((label, href))
    pieces.append(source[position:])
    text = collapse_spaces(_plain("".join(pieces)))
    if not text and images and kind is BlockKind.PARAGRAPH:
        return Block("", BlockKind.CAPTION, figure=FigureContext(images=images))
    link_chars = min(len(text), sum(len(label) for label, _ in links))
    return Block(text, kind, link_chars=link_chars, links=tuple(links))


def _plain(text: str) -> str:
    """Inline text without emphasis, code-span backticks, autolink brackets and escapes."""
    if "`" in text:
        text = _CODE_SPAN.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\2", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text
