"""Stage 7b (plain text and Markdown): the frame around the main run, and promo inside it.

Content farms print the headline several times, wrap the article in greetings and farewells,
and repeat it after the body. Anchored on the main run (:mod:`cleannews.text.mainrun`):

* the headline is the copy of a title-like line nearest before the run's first prose line
  (when the page prints it three or more times, the article is the stretch between two
  copies holding the most kept text);
* a closing echo is a copy after the article's prose: what follows it is the footer;
* a frame cut never removes more kept prose than it keeps.

Promo paragraphs are scored by structure as well as by phrases: first-person-plural and
second-person pronouns together, the site's name (a word the frame repeats) and calls to
visit, bookmark, subscribe or come back (:mod:`cleannews.rules.promo`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from cleannews.blocks import Block, BlockKind, Label
from cleannews.rules.diskcache import compile_pattern
from cleannews.rules.promo import (
    edge_promo,
    site_names,
    speaks_to_reader,
    states_reading_time,
    structural_promo,
)
from cleannews.text.lines import is_credit, is_heading_like

_NON_WORD = compile_pattern(r"[^\p{L}\p{N}]+")
#: Copies of the headline share this much of their words.
COPY_SIMILARITY = 0.8
#: A prose line has this many words and ends like a sentence.
PROSE_WORDS = 20
#: The headline is looked for this many lines before the run's first prose line.
HEADLINE_LOOKBACK = 12


#: ASCII bytes as :func:`key` sees them: letters and digits kept, every other byte a space.
_ASCII_KEY = bytes(c if chr(c).isalnum() and c < 0x80 else 0x20 for c in range(256))


def key(text: str) -> str:
    """Case- and punctuation-insensitive form of a line."""
    folded = text.casefold()
    if folded.isascii():  # letters and digits are [A-Za-z0-9]: one C pass, no regex
        return " ".join(folded.encode("ascii").translate(_ASCII_KEY).decode("ascii").split())
    return _NON_WORD.sub(" ", folded).strip()


def is_copy(a: str, b: str) -> bool:
    """Two normalised lines are copies of one headline (same words, about the same length)."""
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < COPY_SIMILARITY * len(longer):
        return False
    words_a, words_b = set(a.split()), set(b.split())
    return len(words_a & words_b) / max(len(words_a), len(words_b)) >= COPY_SIMILARITY


def is_prose(block: Block) -> bool:
    """A paragraph of at least PROSE_WORDS words."""
    return block.kind is BlockKind.PARAGRAPH and len(block.text.split()) >= PROSE_WORDS


class Frame(NamedTuple):
    """The headline's index and the closing echo's (None when there is none)."""

    headline: int
    echo: int | None
    #: Lines of the page that are copies of the headline (itself included): a farm frame
    #: prints it twice or more.
    copies: int = 1

    @property
    def repeated(self) -> bool:
        """The page prints the headline more than once (the farm frame's mark)."""
        return self.copies >= 2


def find_frame(blocks: Sequence[Block], kept: Sequence[bool], start: int) -> Frame | None:
    """The headline and closing echo around the article whose main run starts at ``start``.

    ``kept`` tells which lines the line model keeps (the prose a cut is weighed by)."""
    if not blocks:  # Markdown of rules and fences only has no lines
        return None
    first_prose = next((i for i in range(start, len(blocks)) if is_prose(blocks[i])), start)
    lookback = range(max(0, first_prose - HEADLINE_LOOKBACK), min(first_prose, len(blocks)))
    keys = [key(b.text) for b in blocks]
    candidates = [i for i in lookback if _title_candidate(blocks[i], keys)]
    if not candidates:
        return None
    by_length: dict[int, list[int]] = {}
    for j, k in enumerate(keys):
        by_length.setdefault(len(k), []).append(j)
    copies = {i: _copies(keys, by_length, keys[i]) for i in candidates}
    best = max(candidates, key=lambda i: (len(copies[i]) > 1, blocks[i].level == 1, i))
    if len(copies[best]) >= 3:
        return _best_stretch(blocks, kept, copies[best])
    after = [j for j in copies[best] if j > first_prose]
    headline = max(j for j in copies[best] if j <= first_prose)
    if after and _greeting_between(blocks, kept, headline, after[0]):
        return Frame(after[0], None, len(copies[best]))
    return Frame(headline, after[0] if after else None, len(copies[best]))


def _greeting_between(blocks: Sequence[Block], kept: Sequence[bool], low: int, high: int) -> bool:
    """True when most of the kept prose between two copies of the headline (by characters)
    is the site talking to the reader (we/our and you/your words, :func:`speaks_to_reader`):
    a farm's greeting in words no phrase rule knows. The second copy is then the article's
    headline, not an echo (on other pages a headline printed twice frames article text
    between its copies)."""
    between = [blocks[i].text for i in range(low + 1, high) if kept[i] and is_prose(blocks[i])]
    talking = sum(len(text) for text in between if speaks_to_reader(text) is not None)
    return 2 * talking > sum(len(text) for text in between)


def _copies(keys: Sequence[str], by_length: dict[int, list[int]], target: str) -> list[int]:
    """The lines whose keys are copies of ``target``, in page order: :func:`is_copy` asked
    only of keys of a length a copy can have (a margin wider than COPY_SIMILARITY's)."""
    low, high = int(COPY_SIMILARITY * len(target)) - 1, int(len(target) / COPY_SIMILARITY) + 2
    near = [j for n in range(max(1, low), high) for j in by_length.get(n, ())]
    return [j for j in sorted(near) if is_copy(keys[j], target)]


def _title_candidate(block: Block, keys: Sequence[str]) -> bool:
    """A heading-like line, or one in lower case that the page prints twice or more (a
    headline in lower case, "adac-kindersitztest-herbst-2018", is known by its copies)."""
    if block.label is Label.BOILERPLATE and block.rule != "headline-echo":
        return False
    if block.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING):
        return False
    text = block.text
    if is_credit(text):  # a caption's credit, printed under each photo, is no headline
        return False
    if is_heading_like(text):
        return True
    if not text[:1].islower() or not is_heading_like(text[:1].upper() + text[1:]):
        return False
    own = key(text)
    return sum(1 for k in keys if k == own) >= 2


#: A headline frames the article once: header promo, article, footer promo. A line printed
#: between this many stretches of kept prose runs through an article ("Continue reading",
#: "Follow"): no headline.
MAX_FRAMED_STRETCHES = 3


def _best_stretch(blocks: Sequence[Block], kept: Sequence[bool], copies: list[int]) -> Frame | None:
    """Between consecutive copies of the headline, the stretch holding the most kept text
    (None when more than MAX_FRAMED_STRETCHES stretches hold kept prose)."""
    bounds = [*copies, len(blocks)]
    stretches = range(len(copies))
    holding = sum(kept_prose(blocks, kept, bounds[n] + 1, bounds[n + 1]) > 0 for n in stretches)
    if holding > MAX_FRAMED_STRETCHES:
        return None
    best = max(stretches, key=lambda n: _article_chars(blocks, kept, bounds[n] + 1, bounds[n + 1]))
    echo = copies[best + 1] if best + 1 < len(copies) else None
    return Frame(copies[best], echo, len(copies))


def _article_chars(blocks: Sequence[Block], kept: Sequence[bool], low: int, high: int) -> int:
    """Characters of the kept lines among ``low`` to ``high`` that no promo rule took: the
    phrase rules' drops and paragraphs that are promo by structure do not count (a farm's
    greetings can outweigh a short article)."""
    return sum(
        len(blocks[i].text) for i in range(low, high) if kept[i] and not _promo_line(blocks[i])
    )


_NO_NAMES: frozenset[str] = frozenset()


def kept_prose(blocks: Sequence[Block], kept: Sequence[bool], low: int, high: int) -> int:
    """Characters of kept prose among lines ``low`` to ``high`` (exclusive), promo left out
    as in :func:`_article_chars`."""
    return sum(
        len(blocks[i].text)
        for i in range(low, high)
        if kept[i] and is_prose(blocks[i]) and not _promo_line(blocks[i])
    )


def _promo_line(block: Block) -> bool:
    return block.dropped or _promo_by_structure(block.text)


@lru_cache(maxsize=4096)
def _promo_by_structure(text: str) -> bool:
    """``structural_promo`` without site names, once per text: the frame's weighing reads
    the same lines for every stretch and cut it compares."""
    return structural_promo(text, _NO_NAMES) is not None


def cut_frame(blocks: Sequence[Block], kept: Sequence[bool], frame: Frame) -> None:
    """Drop the page header above the headline and the footer from the closing echo on: the
    footer only when it holds no more kept prose than the article keeps; the header only
    when the page prints the headline twice or more (an ordinary page's single headline may
    be a subhead the model's run began after, and the text above it article text) and
    :func:`header_cut` finds it a farm's header."""
    end = frame.echo if frame.echo is not None else len(blocks)
    article = kept_prose(blocks, kept, frame.headline + 1, end)
    after = kept_prose(blocks, kept, end, len(blocks))
    if frame.repeated and header_cut(blocks, kept, frame.headline, article):
        _drop_live(blocks[: frame.headline], "above-headline", "page header above the headline")
    if frame.echo is not None and after <= article:
        _drop_live(blocks[frame.echo :], "after-headline-echo",
                   "site footer after the closing headline echo")  # fmt: skip


def header_cut(blocks: Sequence[Block], kept: Sequence[bool], headline: int, article: int) -> bool:
    """Whether the lines above the ``headline`` are the page header of a farm frame, whose
    article keeps ``article`` characters of prose. The kept text above (every kept line
    that no promo rule took, short ones too: a shop's or a listing's lines are its content)
    must be no more than that; and kept prose above must be the site talking to the reader
    (:func:`speaks_to_reader`), unless the page states a reading time (a farm's furniture,
    with greetings in words no rule knows). Elsewhere, prose above a copy of the headline is
    the article's own opening and the copy a section heading that repeats the headline."""
    if _article_chars(blocks, kept, 0, headline) > article:
        return False
    opening = (
        block.text
        for block, keep in zip(blocks[:headline], kept, strict=False)
        if keep and is_prose(block) and not _promo_line(block)
    )
    if all(speaks_to_reader(text) is not None for text in opening):
        return True
    return any(map(states_reading_time, blocks))


def _drop_live(blocks: Sequence[Block], rule: str, reason: str) -> None:
    for block in blocks:
        if block.live:
            block.drop(rule, reason)


def drop_structural_promo(blocks: Sequence[Block], frame: Frame | None) -> None:
    """Paragraphs the site speaks in about itself to the reader, by structure, on a page
    framed like a farm (its headline printed twice or more): on other pages a shop's, a
    coach's or a society's "we" talking to "you" is their article."""
    if frame is None or not frame.repeated:
        return
    names = site_names(blocks)
    for block in blocks:
        if block.dropped or block.kind not in (BlockKind.PARAGRAPH, BlockKind.QUOTE):
            continue
        reason = structural_promo(block.text, names)
        if reason is not None:
            block.drop("promo-structure", reason)


def drop_edge_promo(blocks: Sequence[Block]) -> None:
    """On a page that states a reading time (a farm's furniture, which a headline printed
    once leaves no frame to find by), the promo by structure that opens or closes the kept
    prose: the greeting above the article and the farewell below it."""
    if not any(map(states_reading_time, blocks)):
        return
    for block, reason in edge_promo(blocks, site_names(blocks)):
        block.drop("promo-structure", reason)
