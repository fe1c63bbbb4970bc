"""Every packaged rule against its own examples and non-examples."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import cleannews
from cleannews.metadata import accumulator, body, dates
from cleannews.options import Options
from cleannews.rules import loader as rules
from cleannews.rules import page_kinds, page_metadata, schema_types, widgets
from cleannews.rules.promo import structural_promo
from cleannews.structure import toc

CONCEPTS = rules.class_concepts()
PHRASES = rules.phrase_rules()


def _cases(items, attr):  # type: ignore[no-untyped-def]
    return [
        pytest.param(item, text, id=f"{getattr(item, 'name', getattr(item, 'id', ''))}:{text}")
        for item in items
        for text in getattr(item, attr)
    ]


@pytest.mark.parametrize(("concept", "attrs"), _cases(CONCEPTS, "examples"))
def test_class_concept_matches_its_examples(concept: rules.ClassConcept, attrs: str) -> None:
    assert concept.matches(attrs)


@pytest.mark.parametrize(("concept", "attrs"), _cases(CONCEPTS, "non_examples"))
def test_class_concept_rejects_its_non_examples(concept: rules.ClassConcept, attrs: str) -> None:
    assert not concept.matches(attrs)


@pytest.mark.parametrize(("rule", "text"), _cases(PHRASES, "examples"))
def test_phrase_rule_matches_its_examples(rule: rules.PhraseRule, text: str) -> None:
    assert rule.matches(text)


@pytest.mark.parametrize(("rule", "text"), _cases(PHRASES, "non_examples"))
def test_phrase_rule_rejects_its_non_examples(rule: rules.PhraseRule, text: str) -> None:
    assert not rule.matches(text)


def test_every_rule_documents_itself() -> None:
    for concept in CONCEPTS:
        assert concept.note and concept.examples and concept.non_examples, concept.name
    for rule in PHRASES:
        assert rule.note and rule.examples and rule.non_examples, rule.id


def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in PHRASES]
    assert len(ids) == len(set(ids))


def test_words_never_match_inside_other_words() -> None:
    advertising = rules.concept("advertising")
    assert advertising.matches("ad-slot")
    assert not advertising.matches("header shadow download")


def test_a_generated_hex_id_names_no_concept() -> None:
    # Medium numbers each paragraph with a hex id: 'e1ad' split at its digit is not an ad.
    assert rules.concepts_in("e1ad 98b9 3fa9c0") == frozenset()
    assert rules.concepts_in("ad1") == {"advertising"}  # an ad slot numbered, as written


def test_concepts_in_combines_every_class_name() -> None:
    assert rules.concepts_in("widget relatedPosts entry-content") == {
        "sidebar",
        "related",
        "article_body",
        "content",
    }


def test_line_rules_respect_their_word_limit() -> None:
    ui = next(r for r in PHRASES if r.id == "ui-leftover")
    assert ui.matches("Share")
    assert not ui.matches("Share " + "word " * ui.max_words)


def test_only_hint_rules_veto_and_their_examples_are_short_enough_to_be_vetoed() -> None:
    vetoing = [rule for rule in rules.phrase_rules() if rule.veto_words or rule.caption]
    assert vetoing  # credits, read-also labels, rights notices, rating prompts
    for rule in vetoing:
        assert rule.kind is rules.RuleKind.HINT and rule.veto_words > 0, rule.id
        assert any(len(example.split()) <= rule.veto_words for example in rule.examples)


def test_unknown_concept_is_a_rule_error() -> None:
    with pytest.raises(rules.RuleError):
        rules.concept("no-such-concept")


def test_every_data_file_is_shipped_in_the_wheel() -> None:
    """A data file the package-data globs miss works in a checkout but not once installed."""
    import tomllib
    from pathlib import Path, PurePosixPath

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["cleannews"]
    package = root / "src" / "cleannews"
    data_files = [p.relative_to(package).as_posix() for p in (package / "data").rglob("*.*")]
    assert data_files
    # setuptools globs do not cross folders: "data/*.json" misses data/boilerplate/en.json
    missing = [f for f in data_files if not any(PurePosixPath(f).match(g) for g in globs)]
    assert missing == []


# --------------------------------------------------------------------------- schema types

TYPES = list(schema_types.type_rules().values())


@pytest.mark.parametrize(("family", "kind"), _cases(TYPES, "examples"))
def test_type_family_matches_its_examples(family: schema_types.TypeRule, kind: str) -> None:
    assert family.matches(kind)


@pytest.mark.parametrize(("family", "kind"), _cases(TYPES, "non_examples"))
def test_type_family_rejects_its_non_examples(family: schema_types.TypeRule, kind: str) -> None:
    assert not family.matches(kind)


def test_every_type_family_documents_itself() -> None:
    assert {"article", "page", "site", "organisation", "listing", "other"} <= {
        family.name for family in TYPES
    }
    for family in TYPES:
        assert family.note and family.examples and family.non_examples, family.name


# --------------------------------------------------------------------------- page metadata

PAGE = page_metadata.page_rules()


def _page_cases(section: str) -> list[Any]:
    return [
        pytest.param(rule, example, id=f"{rule}:{_example_text(example)}")
        for rule, items in getattr(PAGE, section).items()
        for example in items
    ]


def _example_text(example: Any) -> str:
    return str(example["text"]) if isinstance(example, Mapping) else str(example)


def _reading(rule: str, text: str) -> Any:
    """What the rule ``rule`` of page_metadata.json makes of ``text``, read as the code does."""
    classes = {
        "author_classes": PAGE.author_classes,
        "date_classes": PAGE.date_classes,
        "subtitle_classes": PAGE.subtitle_classes,
    }
    if rule in classes:
        return body._names_match(text, classes[rule])
    if rule == "updated_classes":
        return body._attrs_say_updated(text)
    if rule == "updated_words":
        found = body.dates_in_line(text, Options())
        return found[0][0] if found else None
    if rule == "byline_prefixes":
        return PAGE.byline.match(text) is not None
    if rule == "reading_time":
        return body.reading_minutes(text)
    if rule == "label_prefixes":
        return accumulator._label_free(text, accumulator.Metadata(), "test")
    if rule == "placeholders":
        return accumulator.clean_text(text) is None
    raise AssertionError(f"no check for page_metadata.json rule {rule}")


#: Example fields holding what the rule must read from the example's text.
_EXPECTED = {"updated_words": "kind", "reading_time": "minutes", "label_prefixes": "value"}
#: What a rule reads from a non-example (False unless listed).
_REJECTED: dict[str, Callable[[str], Any]] = {
    "updated_words": lambda text: "published",
    "reading_time": lambda text: None,
    "label_prefixes": lambda text: text,
}


@pytest.mark.parametrize(("rule", "example"), _page_cases("examples"))
def test_page_rule_reads_its_examples(rule: str, example: Any) -> None:
    if rule in _EXPECTED:
        assert _reading(rule, example["text"]) == example[_EXPECTED[rule]]
    else:
        assert _reading(rule, example) is True


@pytest.mark.parametrize(("rule", "text"), _page_cases("non_examples"))
def test_page_rule_rejects_its_non_examples(rule: str, text: str) -> None:
    expected = _REJECTED[rule](text) if rule in _REJECTED else False
    assert _reading(rule, text) == expected


def test_every_page_rule_has_examples_and_non_examples() -> None:
    rules = {
        *("author_classes", "date_classes", "subtitle_classes", "updated_classes"),
        *("updated_words", "byline_prefixes", "reading_time", "label_prefixes", "placeholders"),
    }
    assert set(PAGE.examples) == set(PAGE.non_examples) == rules
    assert all(PAGE.examples[rule] and PAGE.non_examples[rule] for rule in rules)


# --------------------------------------------------------------------------- date words

DATE_WORDS = dates._words()
DATE_REFERENCE = datetime.fromisoformat(DATE_WORDS["examples_reference"])


@pytest.mark.parametrize("example", DATE_WORDS["examples"], ids=lambda e: e["text"])
def test_date_words_parse_their_examples(example: dict[str, Any]) -> None:
    found = dates.parse_date(
        example["text"], reference=DATE_REFERENCE, languages=example["languages"]
    )
    assert found is not None
    assert found.value.isoformat() == example["value"]


@pytest.mark.parametrize("example", DATE_WORDS["non_examples"], ids=lambda e: e["text"])
def test_date_words_find_no_date_in_their_non_examples(example: dict[str, Any]) -> None:
    found = dates.parse_date(
        example["text"], reference=DATE_REFERENCE, languages=example["languages"]
    )
    assert found is None


def test_date_word_examples_cover_every_language() -> None:
    named = {code for e in DATE_WORDS["examples"] for code in e["languages"] or ()}
    assert named == set(DATE_WORDS["languages"])


# --------------------------------------------------------------------------- widgets


def _widget_applies(rule: str, text: str) -> bool:
    """Whether the rule ``rule`` of widgets.json applies to ``text``, read as the code does."""
    if rule == "toc_labels":
        return toc._is_label(text)
    if rule == "slide_counter_words":
        return widgets.slide_counter().match(text) is not None
    if rule == "signature_words":
        return widgets.names_signature(text)
    raise AssertionError(f"no check for widgets.json rule {rule}")


def _widget_cases(section: str) -> list[Any]:
    return [
        pytest.param(rule, text, id=f"{rule}:{text}")
        for rule, texts in widgets.examples(section).items()
        for text in texts
    ]


@pytest.mark.parametrize(("rule", "text"), _widget_cases("examples"))
def test_widget_rule_applies_to_its_examples(rule: str, text: str) -> None:
    assert _widget_applies(rule, text)


@pytest.mark.parametrize(("rule", "text"), _widget_cases("non_examples"))
def test_widget_rule_rejects_its_non_examples(rule: str, text: str) -> None:
    assert not _widget_applies(rule, text)


def test_every_widget_rule_has_examples_and_non_examples() -> None:
    rules = {"toc_labels", "slide_counter_words", "signature_words"}
    assert set(widgets.examples("examples")) == set(widgets.examples("non_examples")) == rules


# --------------------------------------------------------------------------- page kinds

URL_WORDS = list(page_kinds.url_words().values())
#: The page-kind patterns and how each is applied: searched in a text, or matched whole (a tag).
PAGE_KIND_PATTERNS = {"price": "search", "offer_words": "search", "item_tag": "fullmatch"}
PAGE_KIND_CASES = [
    (name, text, wanted)
    for name in PAGE_KIND_PATTERNS
    for wanted, texts in zip((True, False), page_kinds.examples(name), strict=True)
    for text in texts
]


@pytest.mark.parametrize(("name", "text", "wanted"), PAGE_KIND_CASES)
def test_page_kind_patterns_find_their_examples_and_skip_their_non_examples(
    name: str, text: str, wanted: bool
) -> None:
    apply = getattr(page_kinds.pattern(name), PAGE_KIND_PATTERNS[name])
    assert (apply(text) is not None) is wanted


@pytest.mark.parametrize(
    "name", [name for name, how in PAGE_KIND_PATTERNS.items() if how == "search"]
)
def test_page_kind_patterns_count_joined_texts_as_each_on_its_own(name: str) -> None:
    found = page_kinds.pattern(name)
    texts = [t for group in page_kinds.examples(name) for t in group]
    assert found.search(page_kinds.TEXT_JOIN) is None
    for first in texts:  # every pair: a match must not cross the join ('19.99' + 'USD')
        for second in texts:
            alone = len(found.findall(first)) + len(found.findall(second))
            assert page_kinds.count_matches(found, [first, second]) == alone


@pytest.mark.parametrize(("rule", "url"), [(r, u) for r in URL_WORDS for u in r.examples])
def test_url_words_name_the_kind_of_their_examples(rule: page_kinds.UrlWords, url: str) -> None:
    assert rule.matches(url)


@pytest.mark.parametrize(("rule", "url"), [(r, u) for r in URL_WORDS for u in r.non_examples])
def test_url_words_skip_their_non_examples(rule: page_kinds.UrlWords, url: str) -> None:
    assert rule.matches(url) is None


def test_schema_enum_lists_every_page_type() -> None:
    schema = json.loads(
        (Path(cleannews.__file__).parent / "data" / "record.schema.json").read_text("utf-8")
    )
    enum = schema["oneOf"][0]["properties"]["page_type"]["enum"]  # the first three in place
    assert enum[:3] == ["article", "listing", "other"]
    assert set(enum) == {kind.value for kind in cleannews.PageType}


PROMO_STRUCTURE = json.loads(
    (Path(cleannews.__file__).parent / "data" / "promo_structure.json").read_text("utf-8")
)


@pytest.mark.parametrize(("language", "text"), sorted(PROMO_STRUCTURE["examples"].items()))
def test_promo_structure_knows_each_languages_example(language: str, text: str) -> None:
    assert structural_promo(text, frozenset()) is not None, language


@pytest.mark.parametrize("text", PROMO_STRUCTURE["non_examples"])
def test_promo_structure_leaves_article_prose_alone(text: str) -> None:
    assert structural_promo(text, frozenset()) is None


def test_promo_structure_has_an_example_for_every_language() -> None:
    assert set(PROMO_STRUCTURE["examples"]) == set(PROMO_STRUCTURE["languages"])


@pytest.mark.parametrize(("name", "concepts"), sorted(rules.namespace_examples().items()))
def test_a_namespace_prefix_is_no_word(name: str, concepts: list[str]) -> None:
    """A component library's prefix (cmp- of cmp-container) names no concept; the words
    after it name what they name."""
    assert rules.name_concepts(name) == frozenset(concepts)
    assert rules.class_words(name) == rules.class_words(name.partition("-")[2])
