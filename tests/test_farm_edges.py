"""A farm page that prints its headline once: with a reading-time line, the greeting that
opens the kept prose and the farewell that closes it are promo by structure (no frame of
headline copies to cut by); a blog's closing call to get in touch, with no greeting above,
stays."""

from __future__ import annotations

import cleannews
from cleannews import InputKind, Options

ARTICLE = [
    "Basil is a summer herb, and most pots bought at the supermarket collapse within a few "
    "weeks once the days shorten. The plant is starved of light and drowned by kind owners.",
    "The first thing to do is split the pot. Supermarket basil is sown thickly so that it "
    "looks full on the shelf, and those seedlings compete for water and light all winter.",
    "Light matters more than warmth. A south-facing windowsill gives basil perhaps four hours "
    "of useful light in December, which is not enough for a bushy plant to keep growing.",
    "Water only when the top of the compost is dry to the touch, and always from below: "
    "stand the pot in a saucer for ten minutes and then pour away what is left over.",
]
GREETING = (
    "Hey there, green thumbs! We're thrilled you dropped by today. Our little team tests "
    "every tip before we share it with you, so grab a cup of tea and enjoy."
)
FAREWELL = (
    "We hope these tips help your basil thrive! Come back next week, because we will have "
    "more easy growing guides waiting for you."
)
TALK = (
    "We are still in the early stages of what this project will look like, so if you want "
    "to help or have thoughts, visit the forum and let us know."
)


def _text(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def _extract(lines: list[str]) -> cleannews.Article:
    return cleannews.extract(_text(lines), options=Options(input_kind=InputKind.TEXT))


def test_a_farm_greeting_and_farewell_around_a_headline_printed_once_are_dropped() -> None:
    article = _extract(["How to Keep Basil Alive on a Windowsill", "By Admin | 4 min read",
                        GREETING, *ARTICLE, FAREWELL, "close"])  # fmt: skip
    assert "thrilled" not in article.text and "Come back next week" not in article.text
    assert all(paragraph[:50] in article.text for paragraph in ARTICLE)
    assert {r.rule for r in article.boilerplate if "thrilled" in r.text} == {"promo-structure"}
    assert article.reading_time_minutes == 4


def test_a_closing_call_with_no_greeting_above_stays() -> None:
    article = _extract(["How to Keep Basil Alive on a Windowsill", "4 min read", *ARTICLE, TALK])
    assert TALK[:50] in article.text


def test_a_greeting_on_a_page_stating_no_reading_time_stays() -> None:
    article = _extract(["How to Keep Basil Alive on a Windowsill", "June 3, 2025", GREETING,
                        *ARTICLE])  # fmt: skip
    assert GREETING[:50] in article.text
