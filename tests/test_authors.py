"""Author cleaning: junk bylines into clean person names."""

from __future__ import annotations

import pytest

from cleannews.metadata.authors import clean_authors, clean_name, looks_like_name, rules

EXAMPLES = rules()["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["raw"][:40] for e in EXAMPLES])
@pytest.mark.parametrize("strict", [False, True])
def test_every_data_file_example(example: dict[str, object], strict: bool) -> None:
    assert clean_authors(str(example["raw"]), strict=strict) == tuple(example["names"])


@pytest.mark.parametrize("raw", rules()["non_examples"])
def test_every_data_file_non_example(raw: str) -> None:
    assert clean_authors(raw) == ()


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Jane Doe | Staff Writer | Email the author", ["Jane Doe"]),
        ("By Jane Doe, Senior Editor", ["Jane Doe"]),
        ("JANE DOE and JOHN SMITH", ["Jane Doe", "John Smith"]),
        ("Jane Doe; John Smith", ["Jane Doe", "John Smith"]),
        ("Written by Jane Doe Updated 3 hours ago", ["Jane Doe"]),
        ("By Jane Doe\n  Published 18 Nov 2019, 17:19", ["Jane Doe"]),
        ("Jean-Luc O'Brien", ["Jean-Luc O'Brien"]),
        ("By Jane Doe https://twitter.com/janedoe", ["Jane Doe"]),
        ("Door Jan de Vries", ["Jan de Vries"]),
        ("肖春芳", ["肖春芳"]),
    ],
)
def test_junk_around_names(raw: str, names: list[str]) -> None:
    assert list(clean_authors(raw)) == names


def test_duplicates_across_values_are_dropped() -> None:
    assert clean_authors(["Jane Doe", "jane doe", "By Jane Doe"]) == ("Jane Doe",)


def test_a_name_contained_in_a_longer_one_is_dropped() -> None:
    assert clean_authors(["Doe", "Jane Doe"]) == ("Jane Doe",)


def test_inverted_last_first() -> None:
    assert clean_authors("Jong, Michiel de", inverted=True) == ("Michiel de Jong",)
    assert clean_authors("Doe, Jane", inverted=True) == ("Jane Doe",)
    # Two full names are two people, inverted or not.
    assert clean_authors("Stella Kim, Jennifer Jett", inverted=True) == (
        "Stella Kim",
        "Jennifer Jett",
    )
    # A degree after the comma is not a first name.
    assert clean_authors("Goodman, MA", inverted=True) == ("Goodman",)


def test_organisation_alone_is_kept_but_dropped_next_to_a_person() -> None:
    assert clean_authors("BBC News") == ("BBC News",)
    assert clean_authors("Jane Doe, WebMD Health News") == ("Jane Doe",)


def test_strict_mode_rejects_organisations_and_single_words() -> None:
    assert clean_authors("BBC News", strict=True) == ()
    assert clean_authors("By Admin", strict=True) == ()
    assert clean_authors("By Madonna", strict=True) == ()
    assert clean_authors("By Jane Doe", strict=True) == ("Jane Doe",)


def test_digits_mangle_only_what_follows_a_full_name() -> None:
    assert clean_name("Lucas Nolan22 Dec 2016651") == "Lucas Nolan"
    assert clean_name("CC7567") is None


@pytest.mark.parametrize(
    "name",
    ["Jane Doe", "Ludwig van Beethoven", "María José García", "J. R. R. Tolkien", "Anne-Marie"],
)
def test_looks_like_name(name: str) -> None:
    assert looks_like_name(name)


@pytest.mark.parametrize(
    "name",
    ["the editors", "Jane Doe 2019", "A Very Long Sequence Of Capitalised Words Here", ""],
)
def test_does_not_look_like_name(name: str) -> None:
    assert not looks_like_name(name)


def test_urls_and_handles_are_never_names() -> None:
    assert clean_authors(["https://www.facebook.com/janedoe", "@janedoe"]) == ()
