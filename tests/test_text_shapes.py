"""Plain-text shapes the content-farm family showed wrong (issue 12): speech dashes, a line after
a reading-time line, exclaimed headings, a headline in lower case, promo weighed by a cut; and
an edge prompt after the article's last paragraph."""

from __future__ import annotations

import cleannews
from cleannews import InputKind, Options
from cleannews.blocks import Block, BlockKind
from cleannews.text.frames import Frame, cut_frame, find_frame
from cleannews.text.lines import mark_kept_headings, text_blocks

PROSE = (
    "The council voted on Tuesday to rebuild the old bridge, which closed in March after "
    "engineers found cracks in two of its piers, and work is expected to start next spring."
)
#: A paragraph the site speaks in to the reader, with a call to act (structural promo).
PROMO = (
    "Our small team works day and night so that you are always informed about the news. "
    "Bookmark our site, visit us again tomorrow and tell your friends what you have read."
)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in text_blocks(text)]


def test_a_lone_speech_dash_line_is_a_paragraph_with_its_dash() -> None:
    for dash in "–—":
        text = f"{PROSE}\n\n{dash} To dla nas ważna chwila, powiedział prezes.\n\n{dash} dodał.\n"
        kinds = _kinds(text)
        assert [k for k, _ in kinds] == ["paragraph"] * 3
        assert kinds[1][1].startswith(dash)


def test_speech_dashes_side_by_side_are_still_a_list() -> None:
    assert _kinds("Menu:\n— one\n— two\n")[1:] == [("list_item", "one"), ("list_item", "two")]
    assert _kinds("- single\n") == [("list_item", "single")]  # a hyphen bullet stands alone


def test_a_rule_line_is_never_continued_by_the_next_line() -> None:
    # a reading-time line (a whole line by the rule data) then a lower-case headline
    text = "my-lower-case-slug\n\n5 min read · June 28, 2025\nmy-lower-case-slug\n\n" + PROSE
    assert [t for _, t in _kinds(text)][:3] == [
        "my-lower-case-slug", "5 min read · June 28, 2025", "my-lower-case-slug",
    ]  # fmt: skip
    wrapped = "Not sure what software\nis best for your business?\n"
    assert [t for _, t in _kinds(wrapped)] == ["Not sure what software is best for your business?"]


def test_a_short_exclaimed_line_between_kept_paragraphs_is_a_heading() -> None:
    blocks = [Block(PROSE), Block("Nektar giftig? Nein!"), Block(PROSE.replace("bridge", "road"))]
    mark_kept_headings(blocks)
    assert blocks[1].kind is BlockKind.HEADING
    sentence = "This is a whole sentence that the writer ends with some real feeling!"
    blocks = [Block(PROSE), Block(sentence), Block(PROSE.replace("bridge", "road"))]
    mark_kept_headings(blocks)
    assert blocks[1].kind is BlockKind.PARAGRAPH


def test_a_lower_case_headline_is_found_by_its_copies() -> None:
    blocks = [Block(t) for t in ("my-lower-case-slug", "Intro", "my-lower-case-slug", PROSE)]
    frame = find_frame(blocks, [False, False, True, True], 3)
    assert frame is not None and frame.headline == 2
    once = [Block(t) for t in ("only printed once here", PROSE)]
    assert find_frame(once, [False, True], 1) is None


def test_promo_does_not_count_as_the_prose_a_frame_cut_weighs() -> None:
    # three greeting paragraphs above the headline outweigh the short article in characters,
    # but they are promo by structure: the header goes
    blocks = [Block(t) for t in ("Title of the story", PROMO, PROMO, PROMO,
                                 "Title of the story", PROSE)]  # fmt: skip
    kept = [False, True, True, True, False, True]
    cut_frame(blocks, kept, Frame(headline=4, echo=None, copies=2))
    assert [b.rule for b in blocks[1:4]] == ["above-headline"] * 3
    assert not blocks[5].dropped


def test_the_stretch_between_headline_copies_is_weighed_without_promo() -> None:
    title = "Title of the story"
    blocks = [Block(t) for t in (title, PROMO, PROMO, PROMO, title, PROSE, title)]
    kept = [False, True, True, True, False, True, False]
    frame = find_frame(blocks, kept, 1)
    assert frame is not None and (frame.headline, frame.echo) == (4, 6)


def test_a_farm_page_with_a_lower_case_title_and_a_speech_dash_lead() -> None:
    page = "\n\n".join([
        "my-lower-case-slug", "4 min read · Published June 2, 2025\nmy-lower-case-slug",
        PROMO, "my-lower-case-slug", PROSE, "– To jest cytat z rozmowy, który kończy akapit.",
        "A heading for the rest", PROSE.replace("bridge", "road"), "my-lower-case-slug", PROMO,
    ])  # fmt: skip
    article = cleannews.extract(page, options=Options(input_kind=InputKind.TEXT))
    assert article.title == "my-lower-case-slug"
    assert "– To jest cytat" in article.text
    assert "Bookmark" not in article.text


def test_promo_by_structure_is_judged_on_farm_framed_pages_only() -> None:
    from cleannews.text.frames import drop_structural_promo

    blocks = [Block(PROMO), Block(PROSE)]
    drop_structural_promo(blocks, None)  # an ordinary page: a shop's "we" talking to "you"
    assert not blocks[0].dropped
    drop_structural_promo(blocks, Frame(headline=0, echo=None, copies=1))
    assert not blocks[0].dropped
    drop_structural_promo(blocks, Frame(headline=0, echo=None, copies=2))
    assert blocks[0].rule == "promo-structure" and not blocks[1].dropped


def test_a_follow_prompt_after_the_last_paragraph_is_dropped_from_text() -> None:
    prompt = "Follow The Gleaner on Twitter and Instagram for more local news."
    other = PROSE.replace("bridge", "road")
    after = f"Bridge to be rebuilt\n\n{PROSE} {PROSE}\n\n{other} {other}\n\n{prompt}\n"
    article = cleannews.extract(after, options=Options(input_kind=InputKind.TEXT))
    assert prompt not in article.text
    assert ("edge-follow", prompt) in [(r.rule, r.text) for r in article.boilerplate]
    inside = f"Bridge to be rebuilt\n\n{PROSE} {PROSE}\n\n{prompt}\n\n{other} {other}\n"
    article = cleannews.extract(inside, options=Options(input_kind=InputKind.TEXT))
    assert prompt in article.text  # between body paragraphs the words are the article's
