"""Stage 6 (plain text and Markdown): a learned line model gives each line P(article).

Stage one reads each line's own features (length, words, sentence punctuation,
capitalisation, function words, digits, position, repetition in the page, likeness to a
title, interface/legal/byline/date vocabulary from the rule data, link and image share), the
same for its neighbours, and aggregates over a window around it. Stage two reads the first
stage's probabilities in context (a line among confident article lines is article text).

Both stages are gradient-boosted trees trained offline on the development split of the
corpora flattened to text (``benchmarks/train_line_model.py``) and shipped in
``data/line_model.json``. Inference is pure Python (the reference), or, when the package was
built with a compiler, the same arithmetic in C (``cleannews.text._infer``: both stages'
vectors and trees, identical to the last bit; ``CLEANNEWS_PURE_PYTHON=1`` forces the pure
path).
"""

from __future__ import annotations

import math
import string
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from types import ModuleType
from typing import Any

import regex

from cleannews.blocks import Block, BlockKind, Label
from cleannews.errors import RuleError
from cleannews.options import pure_python_forced
from cleannews.rules.diskcache import compile_pattern, compiled_code
from cleannews.rules.literals import Needs, fold, needs_of_all
from cleannews.rules.loader import (
    hint_candidates,
    hint_matches,
    holding,
    line_rule,
    read_json,
    signal_weight,
)
from cleannews.text.lines import is_credit, is_title_like
from cleannews.words import CJK_SENTENCE_MARKS, CLOSING_MARKS, SENTENCE_MARKS

try:
    from cleannews.text import _infer

    _compiled: ModuleType | None = _infer
except ImportError:  # built without a compiler (or CLEANNEWS_NO_COMPILE=1): pure Python
    _compiled = None

_WORD = compile_pattern(r"\w+")
#: The line features know the full-width marks too, and a closing bracket after the mark.
_MARKS = SENTENCE_MARKS + CJK_SENTENCE_MARKS
_SENTENCE_END = compile_pattern(f"[{_MARKS}][{CLOSING_MARKS}\\]]*$")
_SENTENCES = compile_pattern(f"[{_MARKS}]+(?:\\s|$)")
_MARK_SET = frozenset(_MARKS)
_DIGITS = compile_pattern(r"\d")
_PUNCT = compile_pattern(r"[^\w\s]")
_YEAR = compile_pattern(r"\b(?:19|20)\d\d\b")
_URLISH = (r"https?://|www\.|\S@\S|\.com\b", 0)
_COPYRIGHT = (r"©|\(c\)|copyright|all rights reserved", regex.IGNORECASE)
#: The ASCII characters ``\w`` and ``\s`` match (``tests/test_fast_paths.py`` checks them).
_ASCII_WORD = string.ascii_letters + string.digits + "_"
_ASCII_SPACE = " \t\n\r\x0b\x0c"
#: Characters looked at for the per-character ratios (long lines are sampled).
_SAMPLE = 400
#: Hint phrases are looked for in lines up to this long.
_HINT_CHARS = 160
#: Lines after this many are not scored (each costs about a quarter of a millisecond).
MAX_SCORED_LINES = 20_000
#: Promo signals are counted in lines from this long (a shorter one cannot hold two).
_PROMO_CHARS = 40

#: Own features of a line, in vector order.
OWN = ("log_chars", "log_words", "sentence_end", "ends_colon", "commas_per_word",
       "capital_ratio", "stopword_ratio", "digit_ratio", "punct_ratio", "link_share",
       "heading", "level", "list_item", "quote_or_code", "position", "chars_before",
       "repeated", "title_copy", "title_like", "ui_line", "reading_line", "toc_line",
       "hints", "promo", "pipes", "urlish", "copyright", "all_caps", "figure",
       "words_per_sentence", "prose", "year")  # fmt: skip
#: Own features repeated for neighbours at these offsets...
_NEAR = ("log_chars", "sentence_end", "link_share", "stopword_ratio", "heading",
         "title_like", "ui_line", "prose")  # fmt: skip
OFFSETS = (-2, -1, 1, 2)
#: ...and averaged over windows of these half-widths.
_WINDOW = ("log_chars", "sentence_end", "link_share", "stopword_ratio", "prose")
WINDOWS = (3, 10)
#: Stage two: own features it reads besides the probabilities.
_SECOND_OWN = ("log_chars", "sentence_end", "heading", "title_like", "link_share",
               "ui_line", "promo", "repeated", "title_copy", "prose", "position")  # fmt: skip
_SECOND_OFFSETS = (-3, -2, -1, 1, 2, 3)
_SECOND_WINDOWS = (5, 15)
#: Stage two reads the highest probability among this many lines before and after a line.
_REACH = 10
_COLUMN = {name: i for i, name in enumerate(OWN)}


def stage_one_names() -> tuple[str, ...]:
    """Names of stage one's features, in vector order."""
    near = [f"{name}@{o:+d}" for o in OFFSETS for name in _NEAR]
    window = [f"{name}~{w}" for w in WINDOWS for name in _WINDOW]
    return (*OWN, *near, *window, "log_lines", "page_prose")


def stage_two_names() -> tuple[str, ...]:
    """Names of stage two's features, in vector order."""
    near = [f"p@{o:+d}" for o in _SECOND_OFFSETS]
    window = [f"p~{w}" for w in _SECOND_WINDOWS]
    return ("p", *near, *window, "p_page", "p_before", "p_after", "max_before", "max_after",
            *_SECOND_OWN)  # fmt: skip


@cache
def _stopwords() -> frozenset[str]:
    languages = read_json("stopwords.json")["languages"]
    return frozenset(w for words in languages.values() for w in words)


def own_features(blocks: Sequence[Block]) -> list[list[float]]:
    """The :data:`OWN` features of every block of a page."""
    total = sum(len(b.text) for b in blocks) or 1
    counts = Counter(b.text.casefold() for b in blocks)
    title = _title_words(blocks)
    keys = [(b.text, b.kind, b.level, b.link_chars, bool(b.figures_before)) for b in blocks]
    firsts: dict[tuple[str, BlockKind, int, int, bool], Block] = {}
    for key, block in zip(keys, blocks, strict=True):
        firsts.setdefault(key, block)  # menus and echoes repeat: computed once
    found = _page_literals([b.text for b in firsts.values()])
    seen = {key: _line(b, title, *hit) for (key, b), hit in zip(firsts.items(), found, strict=True)}
    rows: list[list[float]] = []
    before = 0
    for i, block in enumerate(blocks):
        row = list(seen[keys[i]])
        row[_COLUMN["position"]] = i / max(1, len(blocks) - 1)
        row[_COLUMN["chars_before"]] = before / total
        row[_COLUMN["repeated"]] = math.log(counts[block.text.casefold()])
        before += len(block.text)
        rows.append(row)
    return rows


def _title_words(blocks: Sequence[Block]) -> frozenset[str]:
    """Words of the page's most repeated title-like line (else its first)."""
    titles = [b.text for b in blocks[:200] if is_title_like(b.text) and len(b.text) > 15]
    if not titles:
        return frozenset()
    counts = Counter(t.casefold() for t in titles)
    best = max(titles, key=lambda t: (counts[t.casefold()], -titles.index(t)))
    return frozenset(_WORD.findall(best.casefold()))


def _page_literals(texts: list[str]) -> list[tuple[bool, bool, bool]]:
    """For each distinct text of a page: whether it may hold a hint rule's literals (a short
    text), the URL-like pattern's and the copyright pattern's (in its sample): False only
    when it holds none (one search per kind over the page's texts, not one per line)."""
    hinted = hint_candidates([t if len(t) <= _HINT_CHARS else "" for t in texts])
    samples = [t[:_SAMPLE] for t in texts]
    held = [[True] * len(texts) if n is None else holding(samples, n.words) for _, n in _gated()]
    return list(zip(hinted, *held, strict=True))


def _line(block: Block, title: frozenset[str], hinted: bool = True, *held: bool) -> list[float]:
    """The line's own features, in the order of the model's columns (``hinted`` and ``held``:
    see :func:`_page_literals`; True when not known)."""
    text = block.text
    words = text.split()
    sample = text[:_SAMPLE]
    tokens, digits, punct = _characters(sample)
    sentences = max(1, _sentence_count(text, words))
    ends = _SENTENCE_END.search(text) is not None
    return [
        *_shape(text, words, ends, tokens, (digits, punct, len(sample or "x"))),
        block.link_chars / (len(text) or 1),
        float(block.kind is BlockKind.HEADING),
        float(block.level if block.kind is BlockKind.HEADING else 0),
        float(block.kind is BlockKind.LIST_ITEM),
        float(block.kind in (BlockKind.QUOTE, BlockKind.CODE)),
        0.0,  # position, filled by the caller
        0.0,  # chars_before
        0.0,  # repeated
        *_vocabulary(text, frozenset(tokens), title, sentences, hinted),
        *_url_and_copyright(sample, held or (True,) * len(_gated())),
        float(text.isupper()),
        float(bool(block.figures_before) or block.kind is BlockKind.CAPTION),
        len(words) / sentences,
        float(len(words) >= 15 and ends),  # prose
        float(("19" in sample or "20" in sample) and _YEAR.search(sample) is not None),
    ]


def _shape(
    text: str, words: list[str], ends: bool, tokens: list[str], chars: tuple[int, int, int]
) -> list[float]:
    """Length, sentence end, punctuation, capitals, stopwords, digits (``chars``: the
    sample's digits, punctuation and length)."""
    n_words = len(words) or 1
    stop = _stopwords()
    digits, punct, size = chars
    return [
        math.log1p(len(text)),
        math.log1p(len(words)),
        float(ends),
        float(text.endswith(":")),
        (text.count(",") + text.count("、") + text.count("，")) / n_words,
        sum(map(str.isupper, map(itemgetter(0), words))) / n_words,  # split() words: not empty
        sum(map(stop.__contains__, tokens)) / (len(tokens) or 1),
        digits / size,
        punct / size,
    ]


#: ASCII bytes as the word tokens see them: letters lower-cased, the other bytes ``\w``
#: matches kept, every other byte a space (the ``\w+`` runs are then ``split()``'s words).
_ASCII_TOKENS = bytes(
    (c | 0x20 if chr(c).isupper() else c) if chr(c) in _ASCII_WORD else 0x20 for c in range(256)
)
#: ASCII bytes ``[^\w\s]`` does not match, and the digits.
_ASCII_WORD_OR_SPACE = (_ASCII_WORD + _ASCII_SPACE).encode("ascii")
_ASCII_DIGITS = b"0123456789"


def _characters(sample: str) -> tuple[list[str], int, int]:
    r"""The sample's case-folded ``\w+`` tokens, its ``\d`` and its ``[^\w\s]``
    characters (an ASCII sample: by C passes over its bytes, no regex)."""
    if sample.isascii():
        raw = sample.encode("ascii")
        tokens = raw.translate(_ASCII_TOKENS).decode("ascii").split()
        digits = len(raw) - len(raw.translate(None, _ASCII_DIGITS))
        return tokens, digits, len(raw.translate(None, _ASCII_WORD_OR_SPACE))
    tokens = _WORD.findall(sample.casefold())
    return tokens, len(_DIGITS.findall(sample)), len(_PUNCT.findall(sample))


def _sentence_count(text: str, words: list[str]) -> int:
    r"""Matches of ``_SENTENCES``: in a printable text (its only white space the space, which
    ``str.split`` and ``\s`` agree on), the words ending with a sentence mark, each match
    being a run of marks that ends a word."""
    if text.isprintable():
        return sum(map(_MARK_SET.__contains__, map(itemgetter(-1), words)))
    return len(_SENTENCES.findall(text))


def _vocabulary(
    text: str, word_set: frozenset[str], title: frozenset[str], sentences: int, hinted: bool
) -> list[float]:
    """Likeness to the headline, title-like shape, the rule data's labels and hints, promo,
    pipes."""
    rule = line_rule(text) if len(text) <= 200 else None
    rule_id = rule.id if rule is not None else ""
    return [
        len(word_set & title) / max(len(word_set | title), 1) if title else 0.0,
        float(is_title_like(text)),
        float(rule_id.startswith("ui-leftover")),
        float(rule_id.startswith("reading-line")),
        float(rule_id.startswith("toc-artifact")),
        float(_hints(text)) if hinted else 0.0,
        _promo(text) / sentences,
        float(text.count("|") + text.count("\t")),
    ]


@cache
def _gated() -> tuple[tuple[regex.Pattern[str], Needs | None], ...]:
    """The URL-like and copyright patterns with their literal requirements (most lines hold
    none of their literals: then no regex runs)."""
    return tuple(
        (compile_pattern(source, flags), needs_of_all([source], flags)[0])
        for source, flags in (_URLISH, _COPYRIGHT)
    )


def _url_and_copyright(sample: str, held: Sequence[bool]) -> list[float]:
    """The URL-like and copyright features (``held``: per pattern, False when the sample's
    fold holds none of its literals)."""
    out = []
    for (pattern, needs), holds in zip(_gated(), held, strict=True):
        possible = needs is None or holds or (needs.other and needs.admits(sample, fold(sample)))
        out.append(float(possible and pattern.search(sample) is not None))
    return out


def _hints(text: str) -> int:
    if len(text) > _HINT_CHARS:
        return 0
    return sum(hint_matches(text))


def _promo(text: str) -> float:
    if len(text) < _PROMO_CHARS:
        return 0.0
    return signal_weight(text)


def stage_one(own: Sequence[Sequence[float]]) -> list[list[float]]:
    """Stage one's vectors: own features, neighbours' and window averages."""
    n = len(own)
    near_cols = [_COLUMN[name] for name in _NEAR]
    window_cols = [_COLUMN[name] for name in _WINDOW]
    prose = _COLUMN["prose"]
    page_prose = sum(row[prose] for row in own) / (n or 1)
    sums = _prefix_sums(own, window_cols)
    vectors: list[list[float]] = []
    pad = [0.0] * len(near_cols)
    near = [[row[c] for c in near_cols] for row in own]  # each line's, read by four others
    for i, row in enumerate(own):
        vector = list(row)
        for offset in OFFSETS:
            j = i + offset
            vector += near[j] if 0 <= j < n else pad
        for width in WINDOWS:
            vector += _window_means(sums, i, width, row, window_cols)
        vector += [math.log1p(n), page_prose]
        vectors.append(vector)
    return vectors


def _prefix_sums(rows: Sequence[Sequence[float]], cols: Sequence[int]) -> list[list[float]]:
    sums = [[0.0] * len(cols)]
    for row in rows:
        last = sums[-1]
        sums.append([last[k] + row[c] for k, c in enumerate(cols)])
    return sums


def _window_means(
    sums: list[list[float]], i: int, width: int, row: Sequence[float], cols: Sequence[int]
) -> list[float]:
    """Means over the lines within ``width`` of line ``i``, the line itself left out."""
    low, high = max(0, i - width), min(len(sums) - 1, i + width + 1)
    count = high - low - 1
    if count <= 0:
        return [0.0] * len(cols)
    return [(sums[high][k] - sums[low][k] - row[c]) / count for k, c in enumerate(cols)]


def stage_two(own: Sequence[Sequence[float]], p: Sequence[float]) -> list[list[float]]:
    """Stage two's vectors: the line's probability, its neighbours' and windows', what lies
    before and after it, and a few own features."""
    n = len(p)
    prefix = [0.0]
    for value in p:
        prefix.append(prefix[-1] + value)
    page = prefix[-1] / (n or 1)
    best_before, best_after = _running_max(p), _running_max(p[::-1])[::-1]
    cols = [_COLUMN[name] for name in _SECOND_OWN]
    vectors = []
    for i in range(n):
        vector = [p[i]]
        vector += [p[i + o] if 0 <= i + o < n else 0.0 for o in _SECOND_OFFSETS]
        for width in _SECOND_WINDOWS:
            low, high = max(0, i - width), min(n, i + width + 1)
            count = high - low - 1
            vector.append((prefix[high] - prefix[low] - p[i]) / count if count > 0 else 0.0)
        before = prefix[i] / i if i else 0.0
        after = (prefix[n] - prefix[i + 1]) / (n - i - 1) if i < n - 1 else 0.0
        vector += [page, before, after, best_before[i], best_after[i]]
        vector += [own[i][c] for c in cols]
        vectors.append(vector)
    return vectors


def _running_max(p: Sequence[float]) -> list[float]:
    """For each line, the highest probability among the :data:`_REACH` lines before it."""
    out = []
    for i in range(len(p)):
        out.append(max(p[max(0, i - _REACH) : i], default=0.0))
    return out


@dataclass(frozen=True, slots=True)
class Trees:
    """A boosted tree ensemble: per tree, parallel node arrays (leaves have feature -1).

    ``margin`` is the ensemble compiled once, at load time, into one Python function of
    nested conditionals (the same comparisons and the same additions in the same order as
    walking the arrays, so the same float to the last bit, about ten times faster); ``forest``
    the arrays handed to the compiled inference, when it was built."""

    base: float
    features: tuple[tuple[int, ...], ...]
    thresholds: tuple[tuple[float, ...], ...]
    left: tuple[tuple[int, ...], ...]
    right: tuple[tuple[int, ...], ...]
    values: tuple[tuple[float, ...], ...]
    margin: Callable[[Sequence[float]], float] = field(compare=False, repr=False)
    #: The same ensemble as flat C arrays (``_infer.Forest``), None without the extension.
    forest: Any = field(default=None, compare=False, repr=False)

    def probability(self, vector: Sequence[float]) -> float:
        """P(article) for one vector: the logistic of the summed leaf values."""
        z = self.margin(vector)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _compile(
    base: float,
    features: Sequence[Sequence[int]],
    thresholds: Sequence[Sequence[float]],
    children: tuple[Sequence[Sequence[int]], Sequence[Sequence[int]]],
    values: Sequence[Sequence[float]],
) -> Callable[[Sequence[float]], float]:
    """The ensemble as the source of one function, compiled. Only ints and finite floats
    (their exact ``repr``) reach the source, so the data cannot inject code. The compiled
    code is kept in the disk cache (:mod:`cleannews.rules.diskcache`), named by the source's
    digest: compiling it costs about 50 ms, reading it back about 1."""
    width = 1 + max((max(f) for f in features if f), default=-1)
    names = "".join(f"v{c}, " for c in range(width))
    lines = ["def margin(vector):", f" {names}*_ = vector", f" z = {_literal(base)}"]
    for t, feature in enumerate(features):
        stack: list[tuple[int, int, bool]] = [(0, 1, False)]
        while stack:
            node, depth, is_else = stack.pop()
            pad = " " * depth
            if is_else:
                lines.append(pad + "else:")
                depth += 1
                pad += " "
            if feature[node] < 0:
                lines.append(f"{pad}z += {_literal(values[t][node])}")
                continue
            column, limit = int(feature[node]), _literal(thresholds[t][node])
            lines.append(f"{pad}if v{column} <= {limit}:")
            stack.append((int(children[1][t][node]), depth, True))
            stack.append((int(children[0][t][node]), depth + 1, False))
    lines.append(" return z")
    namespace: dict[str, Any] = {}
    exec(compiled_code("\n".join(lines), "<line model>"), namespace)  # cached on disk
    margin: Callable[[Sequence[float]], float] = namespace["margin"]
    return margin


def _literal(value: float) -> str:
    number = float(value)
    if not math.isfinite(number):
        raise RuleError("data/line_model.json holds a non-finite number: retrain")
    return repr(number)


@dataclass(frozen=True, slots=True)
class LineModel:
    """Both stages and the main-run parameters chosen with them on dev pages."""

    first: Trees
    second: Trees
    #: The main run maximises the sum of (p - threshold) x tokens.
    threshold: float
    #: Inside the run a line is kept from this probability on; outside it, from ``outside``.
    inside: float
    outside: float

    def probabilities(self, blocks: Sequence[Block]) -> list[float]:
        """P(article) of every block of a page, after both stages (0 from the
        MAX_SCORED_LINES-th line on: a page that long is a log or a dump, not an article)."""
        own = own_features(blocks[:MAX_SCORED_LINES])
        compiled = inference()
        first, second = self.first.forest, self.second.forest
        if compiled is not None and first is not None and second is not None:
            scored = _compiled_stages(compiled, own, first, second)
        else:
            p = [self.first.probability(v) for v in stage_one(own)]
            scored = [self.second.probability(v) for v in stage_two(own, p)]
        return scored + [0.0] * (len(blocks) - len(scored))


def built() -> bool:
    """True when the compiled inference was built and imports (whatever
    ``CLEANNEWS_PURE_PYTHON`` says now)."""
    return _compiled is not None


def inference() -> ModuleType | None:
    """The compiled inference module, or None when the pure-Python path is to run (not
    built, or ``CLEANNEWS_PURE_PYTHON=1``, read at each call)."""
    if _compiled is None or pure_python_forced():
        return None
    return _compiled


def _compiled_stages(
    compiled: ModuleType, own: list[list[float]], first: Any, second: Any
) -> list[float]:
    """Both stages' probabilities by the compiled inference: what :func:`stage_one`,
    :func:`stage_two` and :meth:`Trees.probability` compute, with the same columns."""
    n = len(own)
    prose = _COLUMN["prose"]
    page_prose = sum(row[prose] for row in own) / (n or 1)
    near, window = [_COLUMN[name] for name in _NEAR], [_COLUMN[name] for name in _WINDOW]
    p: list[float] = compiled.stage_one(
        first, own, len(OWN), near, OFFSETS, window, WINDOWS, math.log1p(n), page_prose
    )
    cols = [_COLUMN[name] for name in _SECOND_OWN]
    scored: list[float] = compiled.stage_two(
        second, own, len(OWN), p, _SECOND_OFFSETS, _SECOND_WINDOWS, _REACH, cols
    )
    return scored


def _trees(data: dict[str, Any], names: tuple[str, ...], where: str) -> Trees:
    if tuple(data["features"]) != names:
        raise RuleError(f"data/line_model.json {where} was trained on other features: retrain")
    trees = data["trees"]
    features = tuple(tuple(t["feature"]) for t in trees)
    thresholds = tuple(tuple(t["threshold"]) for t in trees)
    left = tuple(tuple(t["left"]) for t in trees)
    right = tuple(tuple(t["right"]) for t in trees)
    values = tuple(tuple(t["value"]) for t in trees)
    base = float(data["base"])
    margin = _compile(base, features, thresholds, (left, right), values)
    forest = None
    if _compiled is not None:
        forest = _compiled.Forest(base, features, thresholds, left, right, values)
    return Trees(base, features, thresholds, left, right, values, margin, forest)


@cache
def line_model() -> LineModel:
    """The packaged model, loaded once."""
    return load_line_model(read_json("line_model.json"))


def load_line_model(data: dict[str, Any]) -> LineModel:
    """A line model from its JSON form (a RuleError when it does not fit these features)."""
    try:
        return LineModel(
            first=_trees(data["first"], stage_one_names(), "stage one"),
            second=_trees(data["second"], stage_two_names(), "stage two"),
            threshold=float(data["threshold"]),
            inside=float(data["inside"]),
            outside=float(data["outside"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleError(f"data/line_model.json is malformed: {exc}") from None


#: A doubted title-like line is kept as a heading when kept prose of this many characters
#: follows it and kept text lies within two lines before it.
MIN_PROSE_AFTER_HEADING = 80


def drop_by_line_model(blocks: Sequence[Block], p: Sequence[float], kept: Sequence[bool]) -> None:
    """Drop the undecided lines the model does not keep, except section headings it doubted
    between kept prose (title-like lines restored as headings)."""
    live = [i for i, b in enumerate(blocks) if b.label is Label.UNDECIDED]
    kept = _lists_whole(blocks, kept)
    keep = {i for i in live if kept[i]}
    for n, i in enumerate(live):
        if i in keep:
            continue
        if _inner_heading(blocks, live, keep, n):
            keep.add(i)
            if blocks[i].kind is BlockKind.PARAGRAPH:
                blocks[i].kind, blocks[i].level = BlockKind.HEADING, 2
            continue
        where = "outside the main run" if p[i] >= 0.5 else "not article text"
        blocks[i].drop("line-model", f"{where} (line model p={p[i]:.2f})")


def restore_likeliest(blocks: Sequence[Block], p: Sequence[float]) -> None:
    """Undo the line model's drops of the lines at least half as likely as the likeliest one
    (for a page where it kept nothing: a short page's few lines are better than nothing)."""
    doubted = [i for i, b in enumerate(blocks) if b.rule == "line-model"]
    best = max((p[i] for i in doubted), default=0.0)
    for i in doubted:
        if p[i] >= best / 2:
            blocks[i].restore()


def _lists_whole(blocks: Sequence[Block], kept: Sequence[bool]) -> list[bool]:
    """A list is judged as a whole: every item of a list takes the verdict of most of them (a
    short item says little by itself)."""
    votes: dict[int, list[bool]] = {}
    for block, keep in zip(blocks, kept, strict=True):
        if block.kind is BlockKind.LIST_ITEM and block.group is not None:
            votes.setdefault(block.group, []).append(keep)
    return [
        2 * sum(votes[b.group]) >= len(votes[b.group])
        if b.kind is BlockKind.LIST_ITEM and b.group is not None
        else keep
        for b, keep in zip(blocks, kept, strict=True)
    ]


def _inner_heading(blocks: Sequence[Block], live: list[int], keep: set[int], n: int) -> bool:
    block = blocks[live[n]]
    if block.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING) or not is_title_like(block.text):
        return False
    if is_credit(block.text):  # a photo's credit between paragraphs is no section heading
        return False
    after = live[n + 1] if n + 1 < len(live) else None
    if after is None or after not in keep or blocks[after].kind is BlockKind.HEADING:
        return False
    if len(blocks[after].text) < MIN_PROSE_AFTER_HEADING:
        return False
    return any(j in keep for j in live[max(0, n - 2) : n])
