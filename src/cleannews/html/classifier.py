"""A small logistic model decides each remaining block, content or not.

The model weighs what the earlier stages measured — text and link density, the block's kind,
the class/id concepts of its ancestors, whether it lies in the selected main container and
where, and its neighbours — instead of a hand-set threshold per signal. It was trained offline
on the development split of the evaluation corpora (``benchmarks/train_block_model.py``);
its weights, feature names and held-out scores are in ``data/block_model.json``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter, mul
from typing import NamedTuple

import regex

from cleannews.blocks import (
    CELL,
    CLASSIFIER_RULE,
    HEADING,
    HINT_VETO_RULE,
    LIST_ITEM,
    UNDECIDED,
    Block,
    BlockKind,
)
from cleannews.dom import Element, link_share
from cleannews.errors import RuleError
from cleannews.options import Favor
from cleannews.rules.concepts import ClassNames, element_concepts
from cleannews.rules.loader import (
    PhraseRule,
    RuleKind,
    feature_concepts,
    hint_matches,
    read_json,
    rules_of_kind,
)

_KINDS = (BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.CODE,
          BlockKind.CELL, BlockKind.CAPTION)  # fmt: skip
#: How far Options.favor moves the model's threshold: precision keeps only confident content.
FAVOR_SHIFT = {Favor.PRECISION: 0.2, Favor.BALANCED: 0.0, Favor.RECALL: -0.2}
_TAGS = ("p", "div", "li", "td", "span", "section", "article")
_DIGIT = regex.compile(r"\d")
_SAMPLE = 400
#: Hint phrases are looked for in blocks up to this long.
_HINT_CHARS = 160


#: Features of the block itself; its hint, kind, heading level and tag flags follow them.
_OWN = ("log_chars", "log_words", "link_density", "commas_per_word", "sentence_end",
        "digit_ratio", "lower_word_ratio", "log_score", "promo", "repeated", "group_ld",
        "stopword_ratio")  # fmt: skip
#: Whether a main container was found, and where the block lies relative to it.
_POSITION = ("main_found", "in_main", "depth_below_main", "before_main", "after_main",
             "main_position", "main_ld", "main_chars")  # fmt: skip
_NEIGHBOURS = ("prev_ld", "next_ld", "prev_chars", "next_chars", "prev_heading", "next_heading")


class BlockVector(NamedTuple):
    """One undecided block's features, sparse: the columns (positions in :func:`feature_names`
    order, increasing) of the features that may be nonzero, and their values; others are 0.
    Inference sums the weighted values, training densifies them with :func:`vector`: one
    description of the features serves both."""

    place: int  # the block's index in the page's blocks
    columns: tuple[int, ...]
    values: list[float]
    in_main: bool


@dataclass(frozen=True, slots=True)
class BlockModel:
    """Logistic weights over named features (input scaling folded into the weights)."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, vector: Sequence[float]) -> float:
        """P(content) for one dense feature vector."""
        return _logistic(self.bias + sum(map(mul, self.weights, vector)))


def _sparse_probability(features: BlockVector) -> float:
    """P(content) under the packaged model for one block's sparse features: that of its dense
    vector to the last bit (the terms are added in vector order; a zero term changes no sum)."""
    terms = map(mul, _weights_at(features.columns), features.values)
    return _logistic(block_model().bias + sum(terms))


@lru_cache(maxsize=4096)
def _weights_at(columns: tuple[int, ...]) -> tuple[float, ...]:
    """The packaged model's weights at these columns (few column sets occur: cached)."""
    return tuple(map(block_model().weights.__getitem__, columns))


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def feature_names() -> tuple[str, ...]:
    """Names of the features, in vector order."""
    return (
        *_OWN,
        *(f"h_{rule.id}" for rule in rules_of_kind(RuleKind.HINT)),
        *(f"k_{k.value}" for k in _KINDS),
        "level",
        *(f"t_{t}" for t in _TAGS),
        *_POSITION,
        *(f"c_{c.name}" for c in feature_concepts()),
        *_NEIGHBOURS,
    )


def vector(features: BlockVector) -> list[float]:
    """The dense feature vector (:func:`feature_names` order) of one block, for training."""
    dense = [0.0] * len(feature_names())
    for i, value in zip(features.columns, features.values, strict=True):
        dense[i] = value
    return dense


@cache
def block_model() -> BlockModel:
    """The packaged model, loaded once."""
    data = read_json("block_model.json")
    names = tuple(data["features"])
    if names != feature_names():
        raise RuleError("data/block_model.json was trained on other features: retrain it")
    mean, scale, raw = data["mean"], data["scale"], data["weights"]
    weights = tuple(w / s for w, s in zip(raw, scale, strict=True))
    bias = data["bias"] - sum(w * m for w, m in zip(weights, mean, strict=True))
    return BlockModel(names, weights, bias, float(data["threshold"]))


def decide(
    blocks: Sequence[Block],
    containers: Sequence[Element],
    favor: Favor = Favor.BALANCED,
    names: ClassNames | None = None,
    *,
    captions: bool = False,
) -> None:
    """Drop undecided blocks the model scores below its threshold (moved by ``favor``), then
    short blocks a vetoing hint rule matches (:func:`veto_hints`); ``names``: the class/id
    concepts cleaning found (else read from the attributes); ``captions``: whether captions
    and credits count as text (``Options.captions``)."""
    model = block_model()
    threshold = model.threshold + FAVOR_SHIFT[favor]
    found = block_features(blocks, containers, names)
    scored = [(blocks[f.place], _sparse_probability(f), f.in_main) for f in found]
    shared = _group_probabilities([(block, p) for block, p, _ in scored])
    for block, own, inside in scored:
        p = shared.get((block.kind, block.group), own) if block.group is not None else own
        block.features.p_content = p
        if p < threshold and not (inside and _figure_caption(block, threshold - p)):
            block.drop(CLASSIFIER_RULE, f"looks like boilerplate (p={p:.2f})")
    veto_hints(blocks, found, captions)


def veto_hints(blocks: Sequence[Block], found: Sequence[BlockVector], captions: bool) -> None:
    """Short blocks matching a vetoing hint rule (``veto_words`` in ``data/boilerplate``:
    photo credits, "read also" labels, rights notices) are boilerplate whatever the model
    says: a model fitted on corpora where a rule never fires (the English ones, for the
    multilingual rules) gives its feature no weight. Credits (``caption``) are vetoed only
    when captions are left out of the text. Table cells and list items keep their group's
    verdict. (The blocks are those the model judged: a doubted one is dropped again under the
    veto's rule, which the neighbour revisions do not undo.)"""
    vetoes = _vetoes(captions)
    for features in found:
        block = blocks[features.place]
        if block.group is not None:
            continue
        rule = next((vetoes[c] for c in features.columns if c in vetoes), None)
        if rule is not None and block.features.words <= rule.veto_words:
            block.drop(HINT_VETO_RULE, rule.reason)


@cache
def _vetoes(captions: bool) -> dict[int, PhraseRule]:
    """The vetoing hint rules by their feature column."""
    return {
        column: rule
        for column, rule in zip(_layout().hints, rules_of_kind(RuleKind.HINT), strict=True)
        if rule.veto_words and not (captions and rule.caption)
    }


def _figure_caption(block: Block, doubt: float) -> bool:
    """A caption under a picture, which the model doubts only a little: in the article it
    stays with its picture (the corpora disagree on captions; readers see them)."""
    return (
        block.kind is BlockKind.CAPTION
        and block.figure is not None
        and bool(block.figure.images)
        and doubt <= CAPTION_MARGIN
    )


#: How far below the threshold a figure caption in the article may score and still be kept.
CAPTION_MARGIN = 0.15


def _group_probabilities(scored: list[tuple[Block, float]]) -> dict[tuple[BlockKind, int], float]:
    """One verdict per table and per list: the items' probabilities weighted by their length
    (a table with holes or a list missing items helps no reader)."""
    weight: Counter[tuple[BlockKind, int]] = Counter()
    total: dict[tuple[BlockKind, int], float] = {}
    for block, p in scored:
        if block.group is not None and (block.kind is CELL or block.kind is LIST_ITEM):
            key = (block.kind, block.group)
            weight[key] += len(block.text)
            total[key] = total.get(key, 0.0) + p * len(block.text)
    return {key: total[key] / weight[key] for key in total if weight[key]}


@dataclass(slots=True)
class _Page:
    """What the features need to know about the page as a whole."""

    blocks: Sequence[Block]
    in_main: list[bool]
    first_main: int
    last_main: int
    main_depth: int
    main_ld: float
    main_chars: float
    texts: Counter[str]
    groups: dict[int, float]
    #: Concepts of each element's chain of ancestors, filled as blocks need them.
    concepts: dict[Element, frozenset[str]]
    #: Link density, log1p(chars) and heading flag of every block (own and neighbour features).
    lds: list[float]
    logs: list[float]
    heads: list[bool]


def _page(blocks: Sequence[Block], containers: Sequence[Element]) -> _Page:
    chosen = set(containers)
    in_main = (
        [not chosen.isdisjoint(b.ancestors) for b in blocks] if chosen else [False] * len(blocks)
    )
    inside = [i for i, flag in enumerate(in_main) if flag]
    main_blocks = [blocks[i] for i in inside]
    chars = sum(len(b.text) for b in main_blocks)
    linked = sum(b.link_chars for b in main_blocks)
    depth = min((len(list(c.iterancestors())) for c in containers), default=0)
    return _Page(
        blocks=blocks,
        in_main=in_main,
        first_main=inside[0] if inside else -1,
        last_main=inside[-1] if inside else -1,
        main_depth=depth,
        main_ld=link_share(linked, chars),
        main_chars=math.log1p(chars),
        texts=Counter(b.text for b in blocks),
        groups=_group_link_density(blocks),
        concepts={},
        lds=[b.link_density for b in blocks],
        logs=[math.log1p(len(b.text)) for b in blocks],
        heads=[b.kind is HEADING for b in blocks],
    )


def _group_link_density(blocks: Sequence[Block]) -> dict[int, float]:
    chars: Counter[int] = Counter()
    linked: Counter[int] = Counter()
    for block in blocks:
        if block.kind is LIST_ITEM and block.group is not None:
            chars[block.group] += len(block.text)
            linked[block.group] += block.link_chars
    return {g: link_share(linked[g], chars[g]) for g in chars if chars[g]}


@dataclass(frozen=True, slots=True)
class _Layout:
    """Columns of the features in the vector by group, looked up by name once."""

    own: tuple[int, ...]
    hints: tuple[int, ...]  # one per hint rule
    kinds: dict[BlockKind, tuple[int, ...]]  # () for a kind without a flag
    level: int
    tags: dict[str, int]
    position: tuple[int, ...]
    concepts: tuple[tuple[str, int], ...]
    neighbours: tuple[int, ...]


@cache
def _layout() -> _Layout:
    at = {name: i for i, name in enumerate(feature_names())}
    return _Layout(
        own=tuple(at[name] for name in _OWN),
        hints=tuple(at[f"h_{rule.id}"] for rule in rules_of_kind(RuleKind.HINT)),
        kinds={k: (at[f"k_{k.value}"],) if k in _KINDS else () for k in BlockKind},
        level=at["level"],
        tags={t: at[f"t_{t}"] for t in _TAGS},
        position=tuple(at[name] for name in _POSITION),
        concepts=tuple((c.name, at[f"c_{c.name}"]) for c in feature_concepts()),
        neighbours=tuple(at[name] for name in _NEIGHBOURS),
    )


def block_features(
    blocks: Sequence[Block], containers: Sequence[Element], names: ClassNames | None = None
) -> list[BlockVector]:
    """The features of each undecided block: the few dense groups (own, position, neighbours)
    whole, the one-hot and flag features (hints, kind, tag, concepts) only where set. The
    concepts of the blocks' ancestors come from ``names`` when given (the same, cheaper)."""
    page, layout = _page(blocks, containers), _layout()
    of = names.concepts if names is not None else element_concepts
    found = []
    for i, block in enumerate(blocks):
        if block.label is UNDECIDED:
            own, values = _own(i, block, page, layout)
            concepts = _concept_columns(_chain_concepts(block.ancestors, page.concepts, of))
            columns = (*own, *layout.position, *concepts, *layout.neighbours)
            values += _position(i, block, page)
            values += (1.0,) * len(concepts)
            values += _neighbours(i, page)
            found.append(BlockVector(i, columns, values, page.in_main[i]))
    return found


def _own(i: int, block: Block, page: _Page, layout: _Layout) -> tuple[list[int], list[float]]:
    """The block's own features (:data:`_OWN`), then its hint, kind, level and tag flags."""
    f, text, group = block.features, block.text, block.group
    words = max(f.words, 1.0)
    digits, lower, stop, hints = _text_features(text)
    element = block.element
    flags, flag_values = _layout_flags(
        block.kind, "" if element is None else element.tag, block.level
    )
    values = [
        page.logs[i],
        math.log1p(words),
        page.lds[i],
        f.commas / words,
        f.sentence,
        digits,
        lower,
        math.log1p(block.score),
        f.promo,
        1.0 if page.texts[text] > 1 else 0.0,
        page.groups.get(group, 0.0) if group is not None else 0.0,
        stop,
        *(1.0,) * len(hints),
        *flag_values,
    ]
    return [*layout.own, *hints, *flags], values


def _text_features(text: str) -> tuple[float, float, float, tuple[int, ...]]:
    """Digit, lowercase-word and stopword ratios of the text's sample, and the columns of
    the hint phrases it holds (hints are looked for in short blocks only: credits and box
    labels are short lines)."""
    if len(text) > _HINT_CHARS:
        return (*_sample_ratios(text[:_SAMPLE]), ())
    return _short_text_features(text)


@lru_cache(maxsize=8192)
def _short_text_features(text: str) -> tuple[float, float, float, tuple[int, ...]]:
    """:func:`_text_features` of a short text (cached: menus and labels repeat across pages)."""
    hints = _layout().hints
    found = tuple(i for i, flag in zip(hints, hint_matches(text), strict=True) if flag)
    return (*_sample_ratios(text[:_SAMPLE]), found)


@lru_cache(maxsize=1024)
def _layout_flags(
    kind: BlockKind, tag: str, level: int
) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Columns and values of the block's kind flag, heading level and tag flag."""
    layout = _layout()
    columns, values = [*layout.kinds[kind]], [1.0] * len(layout.kinds[kind])
    if kind is HEADING:
        columns.append(layout.level)
        values.append(level / 6)
    if tag in layout.tags:
        columns.append(layout.tags[tag])
        values.append(1.0)
    return tuple(columns), tuple(values)


def _sample_ratios(sample: str) -> tuple[float, float, float]:
    """Shares of digits, of words starting lowercase and of function words in the sample."""
    words = sample.split()
    return (
        _digits(sample) / len(sample) if sample else 0.0,
        sum(map(str.islower, map(itemgetter(0), words))) / max(len(words), 1),
        _stopword_ratio(sample),
    )


@cache
def _stopwords() -> frozenset[str]:
    """Function words of every language in ``data/stopwords.json``: a prose signal."""
    languages = read_json("stopwords.json")["languages"]
    return frozenset(w for spec in languages.values() for w in spec["words"])


def _stopword_ratio(sample: str) -> float:
    """Share of the sample's words that are function words (lowercasing the sample at once
    gives the words lowercased one by one: case mappings keep whitespace where it is)."""
    words = sample.lower().split()
    if not words:
        return 0.0
    return sum(map(_stopwords().__contains__, words)) / len(words)


def _digits(sample: str) -> int:
    """Number of ``\\d`` characters (in ASCII text, the bytes 0-9: deleted in one C pass)."""
    if sample.isascii():
        return len(sample) - len(sample.encode("ascii").translate(None, b"0123456789"))
    return len(_DIGIT.findall(sample))


def _position(i: int, block: Block, page: _Page) -> list[float]:
    """The :data:`_POSITION` features (all 0 when no main container was found)."""
    found = page.first_main >= 0
    inside = page.in_main[i]
    span = max(page.last_main - page.first_main, 1)
    return [
        1.0 if found else 0.0,
        1.0 if inside else 0.0,
        (len(block.ancestors) - page.main_depth) / 10 if inside else 0.0,
        1.0 if found and i < page.first_main else 0.0,
        1.0 if found and i > page.last_main else 0.0,
        (i - page.first_main) / span if inside else 0.0,
        page.main_ld,
        page.main_chars / 10,
    ]


@lru_cache(maxsize=4096)
def _concept_columns(found: frozenset[str]) -> tuple[int, ...]:
    """Columns of the concept flags set (few combinations occur: cached)."""
    return tuple(i for name, i in _layout().concepts if name in found)


def _chain_concepts(
    ancestors: tuple[Element, ...],
    chains: dict[Element, frozenset[str]],
    of: Callable[[Element], frozenset[str]],
) -> frozenset[str]:
    """Concepts of an element and all its ancestors, memoised per element (blocks share them)."""
    start = len(ancestors)
    while start > 0 and ancestors[start - 1] not in chains:
        start -= 1
    found = chains[ancestors[start - 1]] if start > 0 else frozenset()
    for element in ancestors[start:]:
        found = chains[element] = found | of(element)
    return found


def _neighbours(i: int, page: _Page) -> list[float]:
    """The :data:`_NEIGHBOURS` features: link density, size and heading flag of the blocks
    before and after (a missing neighbour counts as all link)."""
    first, last = i == 0, i + 1 == len(page.blocks)
    return [
        1.0 if first else page.lds[i - 1],
        1.0 if last else page.lds[i + 1],
        0.0 if first else page.logs[i - 1],
        0.0 if last else page.logs[i + 1],
        1.0 if not first and page.heads[i - 1] else 0.0,
        1.0 if not last and page.heads[i + 1] else 0.0,
    ]
