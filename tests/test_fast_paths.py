"""The speed shortcuts in segmentation, features, selection and TOC reading agree with the
plain definitions they replace."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
import regex
from lxml import etree

import cleannews
import support
from cleannews import pipeline
from cleannews.blocks import Block, BlockKind, Label
from cleannews.dom import Element, leading_text, text_of
from cleannews.errors import InputTooLargeError
from cleannews.filters.boilerplate import live, promo_score
from cleannews.filters.features import _SENTENCE_END, _ends_sentence, compute
from cleannews.html.classifier import (
    _digits,
    _sparse_probability,
    _stopword_ratio,
    _stopwords,
    block_features,
    block_model,
    decide,
    feature_names,
    vector,
)
from cleannews.html.clean import clean
from cleannews.html.parse import parse_html
from cleannews.html.scoring import score_blocks
from cleannews.html.segment import segment
from cleannews.html.select import inside_sums
from cleannews.html.toc_box import _anchor_links, extract_toc
from cleannews.options import Favor
from cleannews.rules.concepts import ClassNames, element_concepts
from cleannews.rules.literals import ALPHABET, REPERTOIRE, Needs, NeedsIndex, fold, needs_of
from cleannews.rules.loader import (
    RuleKind,
    hint_matches,
    literal_trie,
    possible_rules,
    rule_needs,
    rules_of_kind,
)
from cleannews.words import count_both, longer_than, whitespace_words

PROSE = support.PROSE


@pytest.mark.parametrize(
    "text",
    ["", "End.", "End. ", "End.\n", "End.\x1c", "End.\u2028", "a ”", "no end", "(x)", "…\t \n"],
)
def test_sentence_end_shortcut_agrees_with_the_pattern(text: str) -> None:
    assert _ends_sentence(text) == (_SENTENCE_END.search(text) is not None)


def test_anchor_links_are_the_body_links_to_anchors() -> None:
    page = (
        '<html><head><a href="#head">x</a></head><body><a href="#">top</a>'
        '<ul><li><a href="#one">One</a></li><li><a href=" #sp">Sp</a></li></ul>'
        '<p><a href="#two">Two</a> <a href="/page#three">Three</a></p></body></html>'
    )
    root = etree.fromstring(page, etree.HTMLParser())
    xpath = etree.XPath("//body//a[starts-with(@href, '#') and string-length(@href) > 1]")
    assert _anchor_links(root) == xpath(root)


def test_scattered_anchor_links_are_no_toc() -> None:
    links = "".join(f'<p><a href="#s{i}">Part {i}</a></p>' for i in range(5))
    heads = "".join(f'<h2 id="s{i}">Part {i}</h2><p>{PROSE}</p>' for i in range(5))
    root = etree.fromstring(f"<html><body>{links}{heads}</body></html>", etree.HTMLParser())
    assert extract_toc(root) == ()


def test_text_before_a_block_keeps_its_links_and_pre_keeps_its_indent() -> None:
    body = support.body_of(
        '<div>\n  <a href="/a">first link</a> then text<p>para</p>'
        "<pre>\n  indented</pre><p>x <a href='/b'>split<br>link</a></p></div>"
    )
    blocks = segment(body)
    assert [b.text for b in blocks] == [
        "first link then text",
        "para",
        "  indented",
        "x split",
        "link",
    ]
    assert blocks[0].links == (("first link", "/a"),)
    assert blocks[0].link_chars == len("first link")
    assert blocks[4].links == (("link", "/b"),)


def test_container_sums_count_each_block_once() -> None:
    body = support.body_of(
        f"<article><p>{PROSE}</p><div><p>{PROSE} <a href='/x'>more</a></p></div></article>"
    )
    blocks = segment(body)
    compute(blocks)
    score_blocks(blocks)
    sums = inside_sums(blocks)
    for element, (chars, linked) in sums.items():
        inside = [b for b in blocks if element in b.ancestors]
        assert chars == sum(len(b.text) for b in inside)
        assert linked == sum(b.link_chars for b in inside)


def test_parsing_without_an_id_table_builds_the_same_tree() -> None:
    page = '<html><body><p id="a">one</p><div id="a"><span id="b">two</span></div></body></html>'
    plain = etree.fromstring(page, etree.HTMLParser(remove_comments=True, remove_pis=True))
    assert etree.tostring(parse_html(page, 1000)) == etree.tostring(plain)


@pytest.mark.parametrize("size", [0, 1, 5, 50, 199, 200, 201, 400, 1000])
def test_leading_text_is_the_start_of_the_collapsed_text(size: int) -> None:
    words = " ".join(f"w{i}\u00a0 \n" + "x" * (i % 7) for i in range(size))
    for lead in ("", "   \n\t", "y" * 850):
        element = etree.fromstring(f"<div>{lead}<p>{words}</p> tail</div>")
        for limit in (1, 10, 200):
            assert leading_text(element, limit) == text_of(element)[:limit]


@pytest.mark.parametrize("page", ["<p>" * 12, "<a" * 20, "x</p>" * 9, "<td>x" * 7, "<b><i>" * 5])
def test_no_tree_over_the_element_limit_however_dense_the_tags(page: str) -> None:
    for limit in range(1, 2 * len(page) + 10):
        try:
            root = parse_html(page, limit)
        except InputTooLargeError:
            continue
        assert int(root.xpath("count(//*)")) <= limit


def test_folding_agrees_with_case_insensitive_matching() -> None:
    """Every character a literal of the alphabet matches folds as the literal does."""
    everything = "".join(map(chr, range(0x110000)))
    alphabet = sorted(ALPHABET)
    flags = regex.IGNORECASE | regex.VERSION0
    matched = regex.findall("[" + "".join(map(regex.escape, alphabet)) + "]", everything, flags)
    assert all(len(fold(c)) == 1 for c in alphabet + list(REPERTOIRE))
    for char in set(matched):
        for literal in alphabet:
            if regex.fullmatch(regex.escape(literal), char, flags):
                assert fold(char) == fold(literal), (char, literal)
    assert "Σ" not in matched  # the one character str.lower() folds by its context


def _variants(text: str) -> list[str]:
    odd = text.replace("s", "ſ").replace("i", "İ").replace("k", "\u212a")
    return [text, text.upper(), text.title(), odd, f"({text}),", f"« {text} »"]


@pytest.mark.parametrize("kind", list(RuleKind))
def test_rule_literals_hold_in_every_text_a_rule_matches(kind: RuleKind) -> None:
    texts = [PROSE, "", "Ok"] + [
        t for r in rules_of_kind(kind) for t in r.examples + r.non_examples
    ]
    for rule, needs in zip(rules_of_kind(kind), rule_needs(kind), strict=True):
        for text in (v for t in texts for v in _variants(t)):
            if rule.pattern.search(text):
                assert needs is None or needs.admits(text, fold(text)), (rule.id, text)


def test_possible_rules_keep_every_rule_that_matches() -> None:
    for kind in RuleKind:
        for rule in rules_of_kind(kind):
            for text in (v for t in rule.examples for v in _variants(t)):
                found = [r for r in rules_of_kind(kind) if r.pattern.search(text)]
                assert set(found) <= set(possible_rules(kind, text))


def test_needs_index_admits_what_each_requirement_admits() -> None:
    made: list[Needs | None] = [
        Needs(("ab", "cd"), False),
        None,
        Needs(("cd",), True),
        Needs((), True),
        Needs(("é",), False),
    ]
    texts = ["", "xx", "AB", "xcdx", "Ça", "É", "\u4e2d", "\u4e2d cd", "İ", "ſ", "ab\u4e2d", PROSE]
    for kind in RuleKind:  # and the packaged rules' requirements on their examples
        texts += [v for r in rules_of_kind(kind) for t in r.examples for v in _variants(t)]
    for needs in (made, *map(rule_needs, RuleKind)):
        index = NeedsIndex.of(needs)
        for text in texts:
            expected = [n is None or n.admits(text, fold(text)) for n in needs]
            assert index.admitted(text) == expected, text


@pytest.mark.parametrize(
    ("pattern", "words", "other"),
    [
        (r"\bthank(?:s| you) for\b", ("thank",), False),
        (r"read(?:ing)?|\d+ min", ("read", " min"), False),
        (r"read|\d+", ("read", *"0123456789"), True),
        (r"(?i)abc", None, False),
        (r"visit (?-i:\p{Lu})\w* now", ("visit",), False),
        (r"x(?-i:[ab])", ("xa", "xb"), False),
        (r"(a)\1", None, False),
        (r"[\p{Cyrillic}]x?", (), True),
        (r"[\p{Cyrillic}\p{Greek}]", ("μ",), True),
        (r"(?:ab|ac)[ée]", ("abe", "abé", "ace", "acé"), False),
        (r"x*", None, False),
        (r"xa{}y", None, False),
        (r"xa{,2}y", ("xaay", "xay", "xy"), False),
        (r"xa{2}y", ("xaay",), False),
    ],
)
def test_literal_reader(pattern: str, words: tuple[str, ...] | None, other: bool) -> None:
    needs = needs_of(pattern, regex.IGNORECASE | regex.VERSION0)
    if words is None:
        assert needs is None
    else:
        assert needs is not None and set(needs.words) == set(words) and needs.other is other


def test_promo_score_skips_only_rules_that_cannot_match() -> None:
    signals = rules_of_kind(RuleKind.SIGNAL)
    texts = [PROSE] + [v for r in signals for t in r.examples for v in _variants(t)]
    for text in texts:
        plain = sum((r.weight * r.count(text) for r in signals), 0.0)
        assert promo_score(text)[0] == plain


def test_hint_flags_agree_with_every_regex() -> None:
    hints = rules_of_kind(RuleKind.HINT)
    texts = [PROSE[:150], "Photo: AP", "x" * 39 + " reuters"]
    texts += [v for r in hints for t in r.examples + r.non_examples for v in _variants(t)]
    texts += [f"{t} — and some more words to make it long" for t in texts]
    for text in texts:
        plain = tuple(1.0 if r.pattern.search(text) else 0.0 for r in hints)
        assert hint_matches(text) == plain, text


@pytest.mark.parametrize("sample", ["", "abc 123", "x٣4", "ΟΔΟΣ ΚΑΙ Σ", "İstanbul ist", PROSE])
def test_sample_ratios_agree_with_their_definitions(sample: str) -> None:
    words = sample.split()
    stop = sum(w.lower() in _stopwords() for w in words) / len(words) if words else 0.0
    assert _stopword_ratio(sample) == stop
    assert _digits(sample) == len(regex.findall(r"\d", sample))


def test_lowercasing_keeps_whitespace_in_place() -> None:
    for code in range(0x110000):
        char = chr(code)
        lowered = char.lower()
        assert char.isspace() == any(c.isspace() for c in lowered)
        assert not char.isspace() or lowered == char


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    atoms = ["a", "b", "A", "é", "s", "k", "i", " ", "-", "[ée]", "[ab]", r"\d", r"\s", r"\b", "."]
    atoms += [r"\p{L}", "(?=a)", "(?<!b)", "µ", "[\\p{Greek}]", "(?-i:A)", "(?-i:[sk]é)"]
    parts = []
    for _ in range(rng.randint(1, 4)):
        if depth < 2 and rng.random() < 0.3:
            branches = [_random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3))]
            parts.append("(?:" + "|".join(branches) + ")" + rng.choice(["", "?", "{2}"]))
        else:
            atom = rng.choice(atoms)
            parts.append(atom + rng.choice(["", "", "?", "*", "+", "{2}", "{1,2}", "{,2}", "??"]))
    return "".join(parts)


def test_literal_reader_is_sound_on_random_patterns() -> None:
    rng = random.Random(7)
    flags = regex.IGNORECASE | regex.VERSION0
    letters = "aAbBéÉsSſkK\u212ai\u0130ı1 -µμΜ"
    texts = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 8))) for _ in range(120)]
    for _ in range(300):
        source = _random_pattern(rng)
        needs = needs_of(source, flags)
        pattern = regex.compile(source, flags)
        for text in texts:
            if needs is not None and pattern.search(text):
                assert needs.admits(text, fold(text)), (source, text, needs)


GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden"


@pytest.mark.parametrize("case", sorted(p.parent.name for p in GOLDEN.glob("*/source.html")))
def test_block_scores_are_those_of_the_dense_vectors(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inference sums each block's sparse features; training fits the densified vectors. The
    two give the same probability to the last bit (so no verdict or printed p can change):
    the columns are in vector order, once each, and the classifier's p is the dense one."""
    seen: list[int] = []
    plain, model, size = decide, block_model(), len(feature_names())

    def compare(
        blocks: Sequence[Block],
        containers: Sequence[Element],
        favor: Favor,
        names: ClassNames | None,
        *,
        captions: bool = False,
    ) -> None:
        found = block_features(blocks, containers, names)
        assert names is not None and found == block_features(blocks, containers)  # re-read
        dense = [model.probability(vector(f)) for f in found]
        for f in found:
            assert (
                list(f.columns) == sorted(set(f.columns))
                and 0 <= f.columns[0] <= f.columns[-1] < size
            )
            assert len(f.columns) == len(f.values)
        assert [_sparse_probability(f) for f in found] == dense
        plain(blocks, containers, favor, names, captions=captions)
        grouped = {f.place for f in found if blocks[f.place].group is not None}
        for f, p in zip(found, dense, strict=True):
            if f.place not in grouped:
                assert blocks[f.place].features.p_content == p
        seen.append(len(found))

    monkeypatch.setattr(pipeline, "decide", compare)
    cleannews.extract(GOLDEN / case / "source.html")
    assert seen


def test_container_sums_reach_every_ancestor_once() -> None:
    """Sums flow up from each block's own element: an element owning text after a nested
    block, elements owning no block, and sibling branches all match a count over the blocks."""
    body = support.body_of(
        f"<div><section><p>{PROSE}</p>tail text <a href='/t'>link</a>"
        "<ul><li>one <a href='/o'>x</a></li><li><div><p>deep</p></div></li></ul></section>"
        f"<aside><div><div><p>{PROSE}</p></div></div></aside>after</div><p>last</p>"
    )
    blocks = segment(body)
    sums = inside_sums(blocks)
    expected = {el for b in blocks for el in b.ancestors}
    assert set(sums) == expected
    for element, (chars, linked) in sums.items():
        inside = [b for b in blocks if element in b.ancestors]
        assert chars == sum(len(b.text) for b in inside)
        assert linked == sum(b.link_chars for b in inside)


def test_promo_feature_is_score_per_sentence() -> None:
    # drop_promo counts sentences only when a paragraph scores: the feature must not change
    from cleannews.blocks import BlockKind
    from cleannews.filters.boilerplate import PROMO_MAX_CHARS, PROMO_MIN_CHARS, drop_promo

    signals = rules_of_kind(RuleKind.SIGNAL)
    texts = [PROSE[:300], "No signal here. Two sentences."] + [
        f"{t} More text follows. And more." for r in signals for t in r.examples
    ]
    blocks = [Block(text, BlockKind.PARAGRAPH) for text in texts]
    drop_promo(blocks)
    for block in blocks:  # (paragraphs of 40 to 1200 characters are scored)
        score, sentences = promo_score(block.text)
        scored = PROMO_MIN_CHARS <= len(block.text) <= PROMO_MAX_CHARS
        assert block.features.promo == (score / sentences if scored else 0.0)
    assert sum(block.features.promo > 0 for block in blocks) >= len(signals)


def test_block_features_by_name() -> None:
    """The sparse features land in the columns their names say (the layout is by name)."""
    body = support.body_of(
        f"<article><h2>Budget</h2><p>{PROSE}</p><p>{PROSE} Again.</p></article>"
        "<div class='teaser'>Photo: AP</div>"
    )
    root = body.getroottree().getroot()
    blocks, containers, _ = pipeline.candidates(root, [])
    names = feature_names()
    named = {
        blocks[f.place].text: dict(zip(names, vector(f), strict=True))
        for f in block_features(blocks, containers)
    }
    heading, prose = named["Budget"], named[PROSE]
    assert heading["k_heading"] == 1.0 and heading["level"] == 2 / 6
    assert heading["in_main"] == prose["in_main"] == prose["main_found"] == 1.0
    assert prose["t_p"] == 1.0 and prose["prev_heading"] == 1.0 and prose["k_heading"] == 0.0
    assert prose["log_chars"] == math.log1p(len(PROSE)) and prose["sentence_end"] == 1.0
    assert prose["main_position"] == 0.5 and prose["prev_chars"] == math.log1p(len("Budget"))
    credit = named["Photo: AP"]
    assert credit["after_main"] == credit["h_credit"] == credit["c_teaser"] == credit["t_div"] == 1
    assert credit["in_main"] == credit["c_content"] == credit["k_caption"] == 0.0


def test_trie_finds_a_word_exactly_when_one_occurs() -> None:
    rng = random.Random(11)
    letters = "ab c©é("
    for _ in range(200):
        words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 4))) for _ in range(6)}
        kept = sorted(w for w in words if not any(v != w and v in w for v in words))
        pattern = re.compile(literal_trie(kept))
        for _ in range(20):
            text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
            assert (pattern.search(text) is not None) == any(w in text for w in words), text


def test_class_names_are_the_attributes_concepts() -> None:
    """Cleaning's table of class/id concepts gives every element left in the body (the body,
    unnamed and named blocks, inline leaves the scan skips) the concepts its attributes name."""
    root = parse_html(
        "<html><body class='single-post'><div id='main' class='content'><p>x</p>"
        "<span class='share'>s</span><div class='teaser' data-x='1'>t</div>"
        f"<div role='main' id='a-b-c-d'><p class='byline'>{PROSE}</p></div></div></body></html>",
        10_000,
    )
    names = clean(root, [], by_class=False)
    assert names is not None
    for element in root.find("body").iter(etree.Element):  # type: ignore[union-attr]
        assert names.concepts(element) == element_concepts(element)
    assert clean(etree.fromstring("<html><p class='share'>x</p></html>"), []) is None


def test_word_count_shortcut_is_the_length_of_the_split() -> None:
    spaces = [c for c in map(chr, range(0x110000)) if c.isspace()]
    assert all(not c.isprintable() for c in spaces if c != " ")  # what the shortcut rests on
    pieces = [" ", "  ", "a", "é", "中", "x y", *spaces]
    rng = random.Random(7)
    texts = ["", " ", PROSE, " ".join(PROSE.split())]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(5000)]
    for text in texts:
        assert whitespace_words(text) == len(text.split()), repr(text)
        assert count_both(text)[1] == len(text.split()), repr(text)


def test_longer_than_shortcut_agrees_with_the_split() -> None:
    rng = random.Random(11)
    texts = ["", " ", "a", "a b", " a b ", PROSE]
    texts += [
        "".join(rng.choice([" ", "  ", "a", "bc", "\n"]) for _ in range(rng.randint(0, 40)))
        for _ in range(3000)
    ]
    for text in texts:
        for words in range(-1, 12):
            assert longer_than(text, words) == (len(text.split()) > words), (text, words)


def test_live_blocks_are_those_the_property_calls_live() -> None:
    blocks = [Block(label.value, label=label) for label in Label]
    assert [b.text for b in live(blocks)] == ["undecided", "content"]
    assert [b for b in blocks if b.live] == live(blocks)
    for kind in BlockKind:  # members hash by identity, as they compare
        assert {kind: 1}[kind] == 1 and hash(kind) == object.__hash__(kind)


def test_ascii_words_are_the_word_pattern_matches() -> None:
    from cleannews.metadata.language import _WORD, _ascii_words

    rnd = random.Random(15)
    texts = ["don't", "'abc", "abc'", "a''b", "a'b'c", "rock'n'roll, it's 5 o'clock.", ""]
    texts += ["".join(rnd.choice("ab'Z 1._-\t\n\x1c") for _ in range(20)) for _ in range(2000)]
    for text in texts:
        assert _ascii_words(text) == _WORD.findall(text), text


# --- the line model's own features ----------------------------------------------------------


def test_ascii_character_classes_are_regexs() -> None:
    from cleannews.text import linemodel

    ascii_chars = [chr(c) for c in range(128)]
    assert set(linemodel._ASCII_WORD) == {c for c in ascii_chars if regex.match(r"\w", c)}
    assert set(linemodel._ASCII_SPACE) == {c for c in ascii_chars if regex.match(r"\s", c)}


_LINE_ALPHABET = "aZ9_ .!?…,;:-'\"()\t\n\x0b\x1c\x1f\x01é。Σß٣"


def test_line_characters_agree_with_their_regexes() -> None:
    from cleannews.text import linemodel

    rng = random.Random(5)
    samples = ["", "abc 123", "x٣4", "ΟΔΟΣ ΚΑΙ Σ", "İstanbul ist", PROSE, "a\x1cb. c.\x1f"]
    samples += ["".join(rng.choice(_LINE_ALPHABET[:19]) for _ in range(rng.randint(0, 40)))
                for _ in range(400)]  # fmt: skip
    samples += ["".join(rng.choice(_LINE_ALPHABET) for _ in range(rng.randint(0, 40)))
                for _ in range(400)]  # fmt: skip
    for sample in samples:
        tokens, digits, punct = linemodel._characters(sample)
        assert tokens == linemodel._WORD.findall(sample.casefold()), repr(sample)
        assert digits == len(regex.findall(r"\d", sample)), repr(sample)
        assert punct == len(regex.findall(r"[^\w\s]", sample)), repr(sample)
        count = linemodel._sentence_count(sample, sample.split())
        assert count == len(linemodel._SENTENCES.findall(sample)), repr(sample)


def test_page_literals_are_each_lines_own_tests() -> None:
    from cleannews.rules.loader import hint_candidates, holding
    from cleannews.text import linemodel

    hints = rules_of_kind(RuleKind.HINT)
    texts = [PROSE[:150], "Photo: AP", "", "© 2025 Example", "www.example.com", "İSTANBUL"]
    texts += [v for r in hints for t in r.examples + r.non_examples for v in _variants(t)]
    for candidate, text in zip(hint_candidates(texts), texts, strict=True):
        assert candidate or not any(hint_matches(text)), text
    rng = random.Random(3)
    letters = "ab c©é(\nA"
    for _ in range(100):
        words = tuple({"".join(rng.choice(letters[:7]) for _ in range(rng.randint(1, 3)))
                       for _ in range(4)})  # fmt: skip
        page = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 9))) for _ in range(8)]
        assert holding(page, words) == [any(w in fold(t) for w in words) for t in page]
    blocks = [Block(t) for t in texts]
    found = linemodel._page_literals(texts)
    for block, hit in zip(blocks, found, strict=True):
        assert linemodel._line(block, frozenset(), *hit) == linemodel._line(block, frozenset())


def test_markdown_line_gates_admit_every_line_their_patterns_match() -> None:
    from cleannews.text import markdown
    from cleannews.text.lines import _WS, collapse_spaces

    rng = random.Random(9)
    alphabet = " \t\xa0\x0b#*-_=|:`~>+•1٣\U00010d40a.)[](!x"
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    lines += ["- item", "  12. step", "### Title ##", "```py", "> quote", "---", "| a | b |",
              "|---|:-:|", "===", "[a](b)", "![i](s)", "\U00010d40. x", "• dot"]  # fmt: skip
    for line in lines:
        stripped, head = line.strip(), line[:4]
        if markdown._BULLET.match(line):
            assert markdown._may_open_bullet(stripped), repr(line)
        if stripped and any(p.match(stripped) for p in (markdown._RULE, markdown._TABLE_RULE,
                                                         markdown._SETEXT)):  # fmt: skip
            assert stripped[:1] in markdown._RULE_OPENERS, repr(line)
        assert not markdown._HEADING.match(line) or "#" in head, repr(line)
        assert not markdown._FENCE.match(line) or "`" in head or "~" in head, repr(line)
        assert not markdown._QUOTE.match(line) or ">" in head, repr(line)
        assert not markdown._LINK.search(line) or "](" in line, repr(line)
        assert collapse_spaces(line) == _WS.sub(" ", line).strip(), repr(line)


def test_frame_keys_and_copies_agree_with_their_definitions() -> None:
    from cleannews.text import frames

    rng = random.Random(13)
    alphabet = "aB9 .-'’ßKİΣé\t中"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(3000)]
    for text in texts:
        assert frames.key(text) == frames._NON_WORD.sub(" ", text.casefold()).strip(), repr(text)
    keys = [frames.key(t) for t in texts[:400]] + ["abc def", "abc de", "abc", ""]
    by_length: dict[int, list[int]] = {}
    for j, k in enumerate(keys):
        by_length.setdefault(len(k), []).append(j)
    for target in keys:
        plain = [j for j, k in enumerate(keys) if frames.is_copy(k, target)]
        assert frames._copies(keys, by_length, target) == plain, repr(target)


@pytest.mark.parametrize(
    "name", ["e1ad", "3fa9c0", "ab12cd", "1a", "a1b", "ad1", "ad12", "face", "E1AD", "x1a", "1ağ"]
)
def test_hex_names_are_those_the_hash_pattern_matches(name: str) -> None:
    from cleannews.rules import loader

    hashed = loader._HEX_HASH.fullmatch(name) is not None
    assert loader.names_nothing(name) == (
        name.lower().startswith(loader._ignored_prefixes()) or hashed
    )
