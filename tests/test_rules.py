"""Every packaged rule against its own examples and non-examples."""

from __future__ import annotations

import pytest

from cleannews.rules import loader as rules

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
