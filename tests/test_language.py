"""Language tags and the stopword/script language guesser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews.metadata import language
from cleannews.metadata.language import guess, normalise_tag, primary

EXAMPLES = sorted(language._data()["languages"].items())


@pytest.mark.parametrize(("code", "entry"), EXAMPLES, ids=[code for code, _ in EXAMPLES])
def test_every_data_file_example_is_guessed(code: str, entry: dict[str, str]) -> None:
    found = guess(entry["example"])
    assert found is not None
    assert found.language == code
    assert found.method == "stopwords"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Scientists say the new telescope will allow them to see galaxies that formed "
            "shortly after the Big Bang, and the first images are expected next year.",
            "en",
        ),
        (
            "Die Stadt will die Straßenbahn bis zum Jahr 2030 ausbauen, doch die Kosten sind "
            "höher als erwartet und der Gemeinderat ist sich noch nicht einig.",
            "de",
        ),
        (
            "Les chercheurs ont découvert une nouvelle espèce de grenouille dans la forêt, "
            "mais ils craignent que son habitat ne disparaisse dans les prochaines années.",
            "fr",
        ),
        (
            "Los científicos descubrieron una nueva especie de rana en el bosque, pero temen "
            "que su hábitat desaparezca en los próximos años por la deforestación.",
            "es",
        ),
        (
            "Os investigadores descobriram uma nova espécie de sapo na floresta, mas temem "
            "que o seu habitat desapareça nos próximos anos por causa do desmatamento.",
            "pt",
        ),
        (
            "I ricercatori hanno scoperto una nuova specie di rana nella foresta, ma temono "
            "che il suo habitat possa scomparire nei prossimi anni a causa del disboscamento.",
            "it",
        ),
        (
            "Учёные обнаружили новый вид лягушки в лесу, но они опасаются, что её среда "
            "обитания может исчезнуть в ближайшие годы из-за вырубки.",
            "ru",
        ),
    ],
)
def test_held_out_sentences(text: str, code: str) -> None:
    found = guess(text)
    assert found is not None and found.language == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "東京で新しい美術館が開館し、初日には多くの人が訪れました。展示は来年まで続きます。",
            "ja",
        ),
        ("北京今天开通了一条新的地铁线路，很多市民在第一天就来乘坐，线路全长三十公里。", "zh"),
        ("서울에서 새로운 미술관이 문을 열었고 첫날에 많은 사람들이 방문했습니다.", "ko"),
        ("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στήριξη των μικρών επιχειρήσεων.", "el"),
        ("רשות החדשות הודיעה היום על תוכנית חדשה לשיפור התחבורה הציבורית בעיר הגדולה.", "he"),
        ("รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือธุรกิจขนาดเล็กในช่วงวิกฤตเศรษฐกิจครั้งนี้", "th"),
    ],
)
def test_script_decides_single_script_languages(text: str, code: str) -> None:
    found = guess(text)
    assert found is not None
    assert (found.language, found.method) == (code, "script")


def test_kana_among_han_is_japanese_not_chinese() -> None:
    text = "日本政府は経済対策を発表した。国内総生産の成長率は予想を上回った。"
    found = guess(text)
    assert found is not None and found.language == "ja"


@pytest.mark.parametrize("text", ["", "Hello world", "12345 67890 !!!", "the the the"])
def test_too_little_text_gives_no_guess(text: str) -> None:
    assert guess(text) is None


def test_names_and_numbers_alone_give_no_guess() -> None:
    assert guess("Apple Google Microsoft Amazon Netflix Tesla Nvidia Intel IBM Oracle SAP") is None


def test_confident_english_guess() -> None:
    found = guess(" ".join(["The report was published by the ministry on Friday."] * 5))
    assert found is not None and found.language == "en" and found.confidence >= 0.6


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en_US", "en-US"),
        ("en-us", "en-US"),
        (" pt-br ", "pt-BR"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("fr-FR,fr;q=0.9", "fr-FR"),
        ("de-DE-1996", "de-DE"),
    ],
)
def test_normalise_tag(raw: str, tag: str) -> None:
    assert normalise_tag(raw) == tag


@pytest.mark.parametrize("raw", [None, "", "  ", "{{lang}}", "und", "english", "e", "12"])
def test_not_a_language_tag(raw: str | None) -> None:
    assert normalise_tag(raw) is None


def test_primary_subtag() -> None:
    assert primary("pt-BR") == "pt"
    assert primary("EN") == "en"


_MIXED = [
    "Plain ASCII text, with 'quotes' and digits 123.",
    "Straße “café” — naïve İstanbul ǰ’s ΟΔΟΣ",
    "日本語のテキスト 中文 한국어 ภาษาไทย Ελληνικά עברית العربية",
    "",
]


@pytest.mark.parametrize("text", _MIXED)
def test_script_counts_match_one_scan_per_script(text: str) -> None:
    # ASCII letters are counted apart from the script scan: the counts must not change
    expected = {name: len(p.findall(text)) for name, p in language._SCRIPTS.items()}
    assert dict(language._scripts(text)) == expected
    assert list(language._scripts(text)) == list(expected)  # same order for ties


@pytest.mark.parametrize("text", _MIXED)
def test_words_fold_like_word_by_word(text: str) -> None:
    expected = [w.casefold().replace("’", "'") for w in language._WORD.findall(text)]
    assert language._words(text) == expected


@settings(deadline=None)  # no per-example wall-clock limit: a busy machine is not a failure
@given(st.text(alphabet="ab’' .,-ßÉéµˆªŉ1Ж", max_size=30))
def test_words_are_the_word_pattern_words(text: str) -> None:
    # exactly _WORD's words, folded, apostrophes ("rock'n'roll", "'tis", "dogs'") included
    expected = [w.casefold().replace("’", "'") for w in language._WORD.findall(text)]
    assert language._words(text) == expected
