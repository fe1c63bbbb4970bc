"""Stage 8b (HTML): a small logistic model decides each remaining block, content or not.

The model weighs what the earlier stages measured — text and link density, the block's kind,
the class/id concepts of its ancestors, whether it lies in the selected main container and
where, and its neighbours — instead of a hand-set threshold per signal. It was trained offline
on the development split of the evaluation corpora (``benchmarks/train_block_model.py``);
its weights, feature names and held-out scores are in ``data/block_model.json``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter, mul

import regex

from .blocks import Block, BlockKind, Label
from .clean import attrs_of, classify_attrs
from .dom import Element
from .errors import RuleError
from .options import Favor
from .rules import RuleKind, admitted, class_concepts, read_json, rules_of_kind

_KINDS = (BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.CODE,
          BlockKind.CELL, BlockKind.CAPTION)  # fmt: skip
#: How far Options.favor moves the model's threshold: precision keeps only confident content.
FAVOR_SHIFT = {Favor.PRECISION: 0.2, Favor.BALANCED: 0.0, Favor.RECALL: -0.2}
_CELL, _ITEM = BlockKind.CELL, BlockKind.LIST_ITEM  # grouped: one verdict per table, list
_TAGS = ("p", "div", "li", "td", "span", "section", "article")
#: One-hot features of the block's kind and of its element's tag.
_KIND_FLAGS = {k: tuple(1.0 if k is kind else 0.0 for kind in _KINDS) for k in BlockKind}
_TAG_FLAGS = {t: tuple(1.0 if t == tag else 0.0 for tag in _TAGS) for t in _TAGS}
_NO_TAG = (0.0,) * len(_TAGS)
_DIGIT = regex.compile(r"\d")
_SAMPLE = 400
#: Hint phrases are looked for in blocks up to this long.
_HINT_CHARS = 160
#: From this length on, hint rules are tested for their literals before their regexes run.
_LITERAL_CHARS = 40


@dataclass(frozen=True, slots=True)
class BlockModel:
    """Logistic weights over named features (input scaling folded into the weights)."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, vector: Sequence[float]) -> float:
        """P(content) for one feature vector."""
        z = self.bias + sum(map(mul, self.weights, vector))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def feature_names() -> tuple[str, ...]:
    """Names of the features, in vector order."""
    names = ["log_chars", "log_words", "link_density", "commas_per_word", "sentence_end"]
    names += ["digit_ratio", "lower_word_ratio", "log_score", "promo", "repeated", "group_ld"]
    names += ["stopword_ratio"]
    names += [f"h_{rule.id}" for rule in rules_of_kind(RuleKind.HINT)]
    names += [f"k_{k.value}" for k in _KINDS]
    names += ["level"]
    names += [f"t_{t}" for t in _TAGS]
    names += ["main_found", "in_main", "depth_below_main", "before_main", "after_main"]
    names += ["main_position", "main_ld", "main_chars"]
    names += [f"c_{c.name}" for c in class_concepts()]
    names += ["prev_ld", "next_ld", "prev_chars", "next_chars", "prev_heading", "next_heading"]
    return tuple(names)


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


def classify(
    blocks: Sequence[Block], containers: Sequence[Element], favor: Favor = Favor.BALANCED
) -> None:
    """Drop undecided blocks the model scores below its threshold (moved by ``favor``)."""
    model = block_model()
    threshold = model.threshold + FAVOR_SHIFT[favor]
    scored = _scored(blocks, containers)
    shared = _group_probabilities([(block, p) for block, p, _ in scored])
    for block, own, inside in scored:
        p = shared.get((block.kind, block.group), own) if block.group is not None else own
        block.features["p_content"] = p
        if p < threshold and not (inside and _figure_caption(block, threshold - p)):
            block.drop("classifier", f"looks like boilerplate (p={p:.2f})")


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
        if block.group is not None and (block.kind is _CELL or block.kind is _ITEM):
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
        main_ld=linked / chars if chars else 0.0,
        main_chars=math.log1p(chars),
        texts=Counter(b.text for b in blocks),
        groups=_group_link_density(blocks),
        concepts={},
    )


def _group_link_density(blocks: Sequence[Block]) -> dict[int, float]:
    chars: Counter[int] = Counter()
    linked: Counter[int] = Counter()
    for block in blocks:
        if block.kind is BlockKind.LIST_ITEM and block.group is not None:
            chars[block.group] += len(block.text)
            linked[block.group] += block.link_chars
    return {g: linked[g] / chars[g] for g in chars if chars[g]}


def vectors(blocks: Sequence[Block], containers: Sequence[Element]) -> list[list[float] | None]:
    """A feature vector (:func:`feature_names` order) per undecided block; None for others."""
    page = _page(blocks, containers)
    return [
        [*_own(block, page), *_position(i, block, page), *_concepts(block, page),
         *_neighbours(i, page)]
        if block.label is Label.UNDECIDED else None
        for i, block in enumerate(blocks)
    ]  # fmt: skip


def _own(block: Block, page: _Page) -> list[float]:
    f, text = block.features, block.text
    words = max(f.get("words", 0.0), 1.0)
    sample = text[:_SAMPLE]  # ratios from the first few hundred characters are enough
    digits, lower, stop = _sample_ratios(sample)
    group_ld = page.groups.get(block.group, 0.0) if block.group is not None else 0.0
    return [
        math.log1p(len(text)),
        math.log1p(words),
        block.link_density,
        f.get("commas", 0.0) / words,
        f.get("sentence", 0.0),
        digits,
        lower,
        math.log1p(block.score),
        f.get("promo", 0.0),
        1.0 if page.texts[text] > 1 else 0.0,
        group_ld,
        stop,
        *_hints(text),
        *_KIND_FLAGS[block.kind],
        block.level / 6 if block.kind is BlockKind.HEADING else 0.0,
        *(_NO_TAG if block.element is None else _TAG_FLAGS.get(block.element.tag, _NO_TAG)),
    ]


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


def _hints(text: str) -> tuple[float, ...]:
    """Which hint phrases a short block holds (credits and box labels are short lines)."""
    if len(text) > _HINT_CHARS:
        return _NO_HINTS()
    return _short_hints(text)


@cache
def _NO_HINTS() -> tuple[float, ...]:
    return (0.0,) * len(rules_of_kind(RuleKind.HINT))


@lru_cache(maxsize=8192)
def _short_hints(text: str) -> tuple[float, ...]:
    """Hint flags of a short text (cached: menus and labels repeat across pages). In a text
    of a few words the regexes run at once; a longer one is searched only for the rules whose
    literals it holds (testing them costs more than the regexes on very short texts)."""
    hints = rules_of_kind(RuleKind.HINT)
    if len(text) < _LITERAL_CHARS:
        return tuple(1.0 if rule.pattern.search(text) else 0.0 for rule in hints)
    return tuple(
        1.0 if ok and rule.pattern.search(text) else 0.0
        for rule, ok in zip(hints, admitted(RuleKind.HINT, text), strict=True)
    )


def _position(index: int, block: Block, page: _Page) -> list[float]:
    found = page.first_main >= 0
    inside = page.in_main[index]
    span = max(page.last_main - page.first_main, 1)
    return [
        1.0 if found else 0.0,
        1.0 if inside else 0.0,
        (len(block.ancestors) - page.main_depth) / 10 if inside else 0.0,
        1.0 if found and index < page.first_main else 0.0,
        1.0 if found and index > page.last_main else 0.0,
        (index - page.first_main) / span if inside else 0.0,
        page.main_ld,
        page.main_chars / 10,
    ]


def _concepts(block: Block, page: _Page) -> tuple[float, ...]:
    return _concept_flags(_chain_concepts(block.ancestors, page.concepts))


@lru_cache(maxsize=4096)
def _concept_flags(found: frozenset[str]) -> tuple[float, ...]:
    """One flag per concept (few combinations occur: cached)."""
    return tuple(1.0 if c.name in found else 0.0 for c in class_concepts())


def _chain_concepts(
    ancestors: tuple[Element, ...], chains: dict[Element, frozenset[str]]
) -> frozenset[str]:
    """Concepts of an element and all its ancestors, memoised per element (blocks share them)."""
    start = len(ancestors)
    while start > 0 and ancestors[start - 1] not in chains:
        start -= 1
    found = chains[ancestors[start - 1]] if start > 0 else frozenset()
    for element in ancestors[start:]:
        found = chains[element] = found | _element_concepts(element)
    return found


def _element_concepts(element: Element) -> frozenset[str]:
    attrs = attrs_of(element)
    return classify_attrs(attrs)[2] if attrs.strip() else frozenset()


def _neighbours(index: int, page: _Page) -> list[float]:
    blocks = page.blocks
    prev = blocks[index - 1] if index > 0 else None
    nxt = blocks[index + 1] if index + 1 < len(blocks) else None
    return [
        prev.link_density if prev else 1.0,
        nxt.link_density if nxt else 1.0,
        math.log1p(len(prev.text)) if prev else 0.0,
        math.log1p(len(nxt.text)) if nxt else 0.0,
        1.0 if prev and prev.kind is BlockKind.HEADING else 0.0,
        1.0 if nxt and nxt.kind is BlockKind.HEADING else 0.0,
    ]


# Inference: the model's score without the feature vectors. Each block's nonzero terms
# (weight times feature) are summed in vector order; a zero term changes no float sum, so
# the probabilities are those of ``model.probability(vector)`` to the last bit (checked by
# tests/test_fast_paths.py). One-hot and flag features contribute their weight alone.
# ``vectors()`` (training) and the ``*_terms`` functions below describe the same features:
# a feature added to one must be added to the other, and the equivalence test fails until it is.


@dataclass(frozen=True, slots=True)
class _Weights:
    """The model's weights by feature group, for :func:`_scored`."""

    own: tuple[float, ...]
    hints: tuple[float, ...]
    kinds: dict[BlockKind, tuple[float, ...]]
    level: float
    tags: dict[str, tuple[float, ...]]
    position: tuple[float, ...]
    concepts: tuple[tuple[str, float], ...]
    neighbours: tuple[float, ...]


@cache
def _weights() -> _Weights:
    model = block_model()
    w = dict(zip(model.names, model.weights, strict=True))
    hints = [f"h_{rule.id}" for rule in rules_of_kind(RuleKind.HINT)]
    return _Weights(
        own=_span(model, "log_chars", "stopword_ratio"),
        hints=tuple(w[n] for n in hints),
        kinds={k: (w[f"k_{k.value}"],) if k in _KINDS else () for k in BlockKind},
        level=w["level"],
        tags={t: (w[f"t_{t}"],) for t in _TAGS},
        position=_span(model, "main_found", "main_chars"),
        concepts=tuple((c.name, w[f"c_{c.name}"]) for c in class_concepts()),
        neighbours=_span(model, "prev_ld", "next_heading"),
    )


def _span(model: BlockModel, first: str, last: str) -> tuple[float, ...]:
    """The weights of the features from ``first`` to ``last`` in vector order."""
    return model.weights[model.names.index(first) : model.names.index(last) + 1]


def _scored(
    blocks: Sequence[Block], containers: Sequence[Element]
) -> list[tuple[Block, float, bool]]:
    """(block, P(content), in the main container) for each undecided block."""
    page, bias, weights = _page(blocks, containers), block_model().bias, _weights()
    lds = [b.link_chars / len(b.text) if b.text else 0.0 for b in blocks]
    logs = [math.log1p(len(b.text)) for b in blocks]
    heads = [b.kind is BlockKind.HEADING for b in blocks]
    p = weights.position
    tail = (p[6] * page.main_ld, p[7] * (page.main_chars / 10))
    scored = []
    for i, block in enumerate(blocks):
        if block.label is Label.UNDECIDED:
            terms = _own_terms(block, page, weights, lds[i], logs[i])
            terms += _position_terms(i, block, page, p, tail)
            terms += _concept_terms(_chain_concepts(block.ancestors, page.concepts))
            terms += _neighbour_terms(i, lds, logs, heads, weights.neighbours)
            z = bias + sum(terms)
            p_content = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            scored.append((block, p_content, page.in_main[i]))
    return scored


def _own_terms(
    block: Block, page: _Page, weights: _Weights, ld: float, chars: float
) -> list[float]:
    """Weighted features of the block itself (:func:`_own`), most zero terms left out."""
    w, f, text, group = weights.own, block.features, block.text, block.group
    words = max(f.get("words", 0.0), 1.0)
    digits, lower, stop, hints = _text_terms(text)
    element = block.element
    return [
        w[0] * chars,
        w[1] * math.log1p(words),
        w[2] * ld,
        w[3] * (f.get("commas", 0.0) / words),
        w[4] * f.get("sentence", 0.0),
        w[5] * digits,
        w[6] * lower,
        w[7] * math.log1p(block.score),
        w[8] * f.get("promo", 0.0),
        w[9] if page.texts[text] > 1 else 0.0,
        w[10] * page.groups.get(group, 0.0) if group is not None else 0.0,
        w[11] * stop,
        *hints,
        *_layout_terms(block.kind, "" if element is None else element.tag, block.level),
    ]


def _text_terms(text: str) -> tuple[float, float, float, tuple[float, ...]]:
    """Digit, lowercase-word and stopword ratios of the text's sample, and its hint terms."""
    if len(text) > _HINT_CHARS:
        return (*_sample_ratios(text[:_SAMPLE]), ())
    return _short_text_terms(text)


@lru_cache(maxsize=8192)
def _short_text_terms(text: str) -> tuple[float, float, float, tuple[float, ...]]:
    """:func:`_text_terms` of a short text (cached: menus and labels repeat across pages)."""
    hints = tuple(w for w, flag in zip(_weights().hints, _short_hints(text), strict=True) if flag)
    return (*_sample_ratios(text[:_SAMPLE]), hints)


@lru_cache(maxsize=1024)
def _layout_terms(kind: BlockKind, tag: str, level: int) -> tuple[float, ...]:
    """Weights of the block's kind and tag, and its heading level's term."""
    weights = _weights()
    level_term = (weights.level * (level / 6),) if kind is BlockKind.HEADING else ()
    return (*weights.kinds[kind], *level_term, *weights.tags.get(tag, ()))


def _position_terms(
    index: int, block: Block, page: _Page, p: tuple[float, ...], tail: tuple[float, float]
) -> tuple[float, ...]:
    """Weighted :func:`_position` features (none when no main container was found)."""
    if page.first_main < 0:
        return ()
    if page.in_main[index]:
        span = max(page.last_main - page.first_main, 1)
        depth = (len(block.ancestors) - page.main_depth) / 10
        return (p[0], p[1], p[2] * depth, p[5] * ((index - page.first_main) / span), *tail)
    if index < page.first_main:
        return (p[0], p[3], *tail)
    if index > page.last_main:
        return (p[0], p[4], *tail)
    return (p[0], *tail)


@lru_cache(maxsize=4096)
def _concept_terms(found: frozenset[str]) -> tuple[float, ...]:
    """Weights of the concepts found (few combinations occur: cached)."""
    return tuple(weight for name, weight in _weights().concepts if name in found)


def _neighbour_terms(
    index: int, lds: list[float], logs: list[float], heads: list[bool], w: tuple[float, ...]
) -> list[float]:
    """Weighted :func:`_neighbours` features."""
    first, last = index == 0, index + 1 == len(lds)
    terms = [w[0] * (1.0 if first else lds[index - 1]), w[1] * (1.0 if last else lds[index + 1])]
    if not first:
        terms.append(w[2] * logs[index - 1])
    if not last:
        terms.append(w[3] * logs[index + 1])
    if not first and heads[index - 1]:
        terms.append(w[4])
    if not last and heads[index + 1]:
        terms.append(w[5])
    return terms
