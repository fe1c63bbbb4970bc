"""Plain text and Markdown input (issue 12): the line model, the main run, farm frames,
Markdown blocks, and a family of generated content-farm pages."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest

import cleannews
from cleannews import InputKind, Options
from cleannews.blocks import Block, BlockKind
from cleannews.filters import boilerplate as filters
from cleannews.input.detect import input_kind
from cleannews.text import linemodel
from cleannews.text.frames import Frame, cut_frame, find_frame, structural_promo
from cleannews.text.mainrun import kept_lines, main_run, text_units
from cleannews.text.markdown import markdown_blocks
from farm import Source, farm_checks, farm_page, source_from_article

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden"
PROSE = (
    "The council voted on Tuesday to rebuild the old bridge, which closed in March after "
    "engineers found cracks in two of its piers, and work is expected to start next spring."
)


# --- the model file and its inference ------------------------------------------------------


def test_packaged_model_matches_the_feature_code() -> None:
    model = linemodel.line_model()
    assert model.first.features and model.second.features
    for trees, names in ((model.first, linemodel.stage_one_names()),
                         (model.second, linemodel.stage_two_names())):  # fmt: skip
        used = {f for tree in trees.features for f in tree if f >= 0}
        assert used and max(used) < len(names)
    assert 0 < model.inside <= model.threshold < 1 <= model.outside + 0.5


def test_model_prefers_prose_to_menus() -> None:
    lines = ["Home", "News", "Sport", "Contact us", "", PROSE, "", PROSE.replace("bridge", "road"),
             "", "Privacy policy", "Cookie settings", "© 2025 Example Media"]  # fmt: skip
    blocks = text_units("\n".join(lines), markdown=False)
    p = dict(zip((b.text for b in blocks), linemodel.line_model().probabilities(blocks),
                 strict=True))  # fmt: skip
    assert p[PROSE] > 0.5
    assert max(p["Home"], p["Privacy policy"], p["Cookie settings"]) < p[PROSE]


def test_a_model_for_other_features_is_refused() -> None:
    data = json.loads((GOLDEN.parent.parent / "src" / "cleannews" / "data" /
                       "line_model.json").read_text(encoding="utf-8"))  # fmt: skip
    data["first"]["features"] = data["first"]["features"][:-1]
    with pytest.raises(cleannews.RuleError):
        linemodel.load_line_model(data)


def _walk(trees: linemodel.Trees, vector: list[float]) -> float:
    """The ensemble's margin by walking its node arrays (the data's plain meaning)."""
    z = trees.base
    for feature, threshold, left, right, value in zip(
        trees.features, trees.thresholds, trees.left, trees.right, trees.values, strict=True
    ):
        node = 0
        while feature[node] >= 0:
            node = left[node] if vector[feature[node]] <= threshold[node] else right[node]
        z += value[node]
    return z


def test_compiled_trees_give_the_array_walk_to_the_last_bit() -> None:
    model = linemodel.line_model()
    text = (GOLDEN / "met-police-call-handler" / "source.txt").read_text(encoding="utf-8")
    blocks = text_units(text + "\nHome\nShare this:\n© 2025 Example Media\n", markdown=False)
    own = linemodel.own_features(blocks)
    first = linemodel.stage_one(own)
    rng = random.Random(7)
    first += [[rng.choice((0.0, 0.5, 1.0, rng.uniform(-2, 8))) for _ in v] for v in first[:20]]
    p = [model.first.probability(v) for v in first]
    assert [model.first.margin(v) for v in first] == [_walk(model.first, v) for v in first]
    second = linemodel.stage_two(own, p[: len(own)])
    assert [model.second.margin(v) for v in second] == [_walk(model.second, v) for v in second]
    assert len(set(p)) > 10


def test_a_model_with_a_non_finite_number_is_refused() -> None:
    data = json.loads((GOLDEN.parent.parent / "src" / "cleannews" / "data" /
                       "line_model.json").read_text(encoding="utf-8"))  # fmt: skip
    tree = data["second"]["trees"][0]
    split = next(i for i, f in enumerate(tree["feature"]) if f >= 0)
    tree["threshold"][split] = float("nan")
    with pytest.raises(cleannews.RuleError):
        linemodel.load_line_model(data)


# --- the main run ------------------------------------------------------------------------


def test_main_run_is_the_best_span_over_p_minus_threshold_times_words() -> None:
    texts = ["a b", "one two three four", "x", "one two three four five six", "y z"]
    p = [0.9, 0.2, 0.8, 0.9, 0.1]
    run = main_run(p, texts, 0.5)
    # 0.8 + (-1.2) + 0.3 + 2.4 = 2.3 from line 0 beats 2.7 from line 2? (0.3 + 2.4 = 2.7)
    assert (run.start, run.end) == (2, 4)
    assert kept_lines(p, texts, 0.5, 0.3, 0.85) == [True, False, True, True, False]


def test_main_run_is_empty_when_nothing_is_likely() -> None:
    assert main_run([0.1, 0.2], ["a", "b"], 0.5) == (0, 0)


# --- frames --------------------------------------------------------------------------------


def _blocks(*texts: str) -> list[Block]:
    return [Block(t) for t in texts]


def test_a_frame_cut_never_removes_more_kept_prose_than_it_keeps() -> None:
    blocks = _blocks("Title of the story", PROSE, "Title of the story", PROSE, PROSE)
    kept = [False, True, False, True, True]
    cut_frame(blocks, kept, Frame(headline=0, echo=2))
    assert not any(b.dropped for b in blocks[2:])  # two prose paragraphs after one: no cut
    blocks = _blocks("Title of the story", PROSE, PROSE, "Title of the story", PROSE)
    cut_frame(blocks, kept, Frame(headline=0, echo=3))
    assert [b.rule for b in blocks[3:]] == ["after-headline-echo"] * 2


def test_a_line_repeated_through_an_article_is_no_headline() -> None:
    repeated = ["Continue reading the main story", PROSE] * 5
    blocks = _blocks("Home", *repeated)
    assert find_frame(blocks, [b.text == PROSE for b in blocks], 2) is None
    farm = _blocks("Title of the story", "Title of the story", PROSE, "Title of the story",
                   PROSE, PROSE, "Title of the story", PROSE)  # fmt: skip
    frame = find_frame(farm, [b.text == PROSE for b in farm], 4)
    assert frame is not None and (frame.headline, frame.echo, frame.copies) == (3, 6, 4)


def test_with_two_headline_copies_the_one_after_a_greeting_is_the_headline() -> None:
    """A greeting in words no rule knows is kept prose above the article: the headline is
    the copy after it, not the page's top line above the greeting."""
    greeting = (
        "Greetings from the crew! Every single day we handpick the most fascinating "
        "stories on the internet, so that you can enjoy them with your morning coffee."
    )
    farm = _blocks("Title of the story", greeting, "Title of the story", PROSE, PROSE, PROSE)
    kept = [False, True, False, True, True, True]
    frame = find_frame(farm, kept, 1)
    assert frame is not None and (frame.headline, frame.echo, frame.copies) == (2, None, 2)
    cut_frame(farm, kept, frame)
    assert [b.rule for b in farm[:2]] == ["above-headline"] * 2


OPENING = (
    "Knitwear made of natural fibres is soft, keeps warm and lasts for years, but wool "
    "production has its dark sides, and the labels below show that it can be done fairly."
)


def test_prose_above_a_copy_of_the_headline_stays_on_a_page_that_is_no_farm() -> None:
    """A section heading that repeats the headline is a copy: the stretch after it holds
    the most text, but the prose above it is the article's opening (no site talking to the
    reader, no reading time stated), so the header cut leaves it."""
    blocks = _blocks("Title of the story", OPENING, "Title of the story", PROSE, PROSE, PROSE,
                     "Title of the story")  # fmt: skip
    kept = [False, True, False, True, True, True, False]
    cut_frame(blocks, kept, Frame(headline=2, echo=6, copies=3))
    assert not blocks[1].dropped


def test_on_a_page_stating_a_reading_time_prose_above_the_headline_copy_is_its_header() -> None:
    farm = _blocks("Title of the story", "4 min read", OPENING, "Title of the story", PROSE,
                   PROSE)  # fmt: skip
    filters.drop_phrase_lines(farm)
    cut_frame(farm, [False, False, True, False, True, True], Frame(headline=3, echo=None, copies=2))
    assert farm[2].rule == "above-headline"


def test_kept_short_lines_above_the_headline_weigh_against_the_header_cut() -> None:
    """A shop's or a listing's content is short lines: kept text above a copy of the headline
    that outweighs the prose after it is no page header."""
    items = [f"Merino wool runner in colour {n}, machine washable" for n in range(6)]
    blocks = _blocks("Wool runner", *items, "Wool runner", "Free returns within 30 days.")
    kept = [False] + [True] * len(items) + [False, True]
    cut_frame(blocks, kept, Frame(headline=len(items) + 1, echo=None, copies=2))
    assert not any(b.dropped for b in blocks[1 : len(items) + 1])


_NOVEL_FARM = """Scientists Map The Deepest Cave System In Europe

6 min read · Posted on March 3, 2025

Greetings from TrendNest! Our passionate crew handpicks the most fascinating stories on the \
internet every single day, so that you can enjoy them with your morning coffee.

Curious for more? TrendNest publishes fresh articles around the clock. Tap the bell icon and \
let us keep you company!

Scientists Map The Deepest Cave System In Europe

{body}

We hope this story brightened your day! TrendNest thanks you for reading. Come back soon, \
bring your friends, and tell us what you think in the comments below.
"""


def test_a_farm_frame_worded_as_no_rule_knows_is_cut_at_the_headline_copy() -> None:
    body = "\n\n".join([PROSE] * 4)
    article = cleannews.extract(_NOVEL_FARM.replace("\\\n", "").format(body=body))
    assert article.title == "Scientists Map The Deepest Cave System In Europe"
    assert article.published == date(2025, 3, 3) and article.reading_time_minutes == 6
    assert article.text.startswith(PROSE)
    assert "TrendNest" not in article.text


def test_a_photo_credit_printed_under_each_photo_is_no_headline() -> None:
    title = "Why the old bridge is closing"
    photos = ["Getty Images", PROSE] * 3
    blocks = _blocks("Home", title, title, *photos)
    frame = find_frame(blocks, [b.text == PROSE for b in blocks], 4)
    assert frame is not None and blocks[frame.headline].text == title
    credit = _blocks("Bild: Jahr Media", PROSE, "Bild: Jahr Media", PROSE)
    assert find_frame(credit, [b.text == PROSE for b in credit], 1) is None


def test_a_doubted_photo_credit_between_paragraphs_is_no_section_heading() -> None:
    blocks = _blocks(PROSE, "Getty Images", PROSE, "The bridge in winter", PROSE)
    kept = [True, False, True, False, True]
    linemodel.drop_by_line_model(blocks, [0.9, 0.3, 0.9, 0.3, 0.9], kept)
    assert [b.rule for b in blocks] == ["", "line-model", "", "", ""]
    assert blocks[3].kind is BlockKind.HEADING  # a title-like line there is one


@pytest.mark.parametrize("source", ["=", "---", "#"])
def test_a_markdown_page_without_blocks_gives_an_empty_article(source: str) -> None:
    assert find_frame([], [], 0) is None
    article = cleannews.extract(source.encode(), options=Options(input_kind=InputKind.MARKDOWN))
    assert article.text == ""


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for reading! We write for you daily, so bookmark our page and come back.",
        "Gracias por leernos. Nuestro equipo trabaja para ti: guarda nuestro sitio en tus "
        "marcadores y vuelve mañana.",
        "Danke fürs Lesen! Wir schreiben jeden Tag für dich, folge uns und komm bald wieder.",
        "Merci de votre lecture ! Notre équipe travaille pour vous, ajoutez-nous à vos favoris.",
        "Obrigado pela leitura! Nossa equipe escreve para você: volte amanhã.",
        "Grazie per la lettura! Il nostro team scrive per te, aggiungi il sito ai preferiti.",
    ],
)
def test_promo_is_scored_by_structure_in_six_languages(text: str) -> None:
    assert structural_promo(text, frozenset()) is not None


@pytest.mark.parametrize(
    "text",
    [
        PROSE,
        "If you visit the museum in winter, your ticket also covers the garden, the curators "
        "said, and the new wing opens in May.",
        "We visited the flooded villages on Monday; our reporter saw families return home.",
    ],
)
def test_article_prose_is_not_structural_promo(text: str) -> None:
    assert structural_promo(text, frozenset()) is None


# --- Markdown ------------------------------------------------------------------------------

MARKDOWN = """[Home](/) [News](/news) [Sport](/sport)

![Logo](/logo.png)

# Council votes to rebuild the bridge

*By Jane Doe*

The council voted on Tuesday to rebuild the [old bridge](https://example.org/bridge), which
closed in March after engineers found cracks in two of its piers.

## What happens next

Work is expected to start next spring, the council said, and will take two years to finish.

![The bridge in 1950](https://example.org/bridge.jpg)

- New piers
- A cycle lane
  - on both sides

* [Privacy](/privacy)
* [Contact](/contact)
"""


def test_markdown_is_recognised() -> None:
    assert input_kind(MARKDOWN) is InputKind.MARKDOWN
    assert input_kind("Just a line of text.\n\nAnother one, with [brackets] in it.") is (
        InputKind.TEXT
    )
    assert input_kind("<p>x</p>", InputKind.MARKDOWN) is InputKind.MARKDOWN


def test_markdown_blocks_keep_levels_links_images_and_lists() -> None:
    blocks = markdown_blocks(MARKDOWN)
    by_text = {b.text: b for b in blocks}
    heading = by_text["Council votes to rebuild the bridge"]
    assert heading.kind is BlockKind.HEADING and heading.level == 1
    assert by_text["What happens next"].level == 2
    menu = by_text["Home News Sport"]
    assert menu.link_chars >= len("HomeNewsSport") and menu.link_density > 0.8
    prose = next(b for b in blocks if b.text.startswith("The council voted"))
    assert prose.links == (("old bridge", "https://example.org/bridge"),)
    assert "https" not in prose.text and "closed in March" in prose.text
    assert heading.figures_before and heading.figures_before[0].images == [("/logo.png", "Logo")]
    items = [b for b in blocks if b.kind is BlockKind.LIST_ITEM]
    assert [(b.text, b.level) for b in items[:3]] == [
        ("New piers", 0), ("A cycle lane", 0), ("on both sides", 1)]  # fmt: skip
    assert all(not b.text.startswith("![") for b in blocks)


def test_markdown_article_has_title_links_and_no_menu() -> None:
    article = cleannews.extract(MARKDOWN, options=Options(input_kind=InputKind.MARKDOWN))
    assert article.title == "Council votes to rebuild the bridge"
    assert "Home News Sport" not in article.text
    assert "[" not in article.text and "](" not in article.text
    assert "rebuild the old bridge" in article.text


def test_cli_reads_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cleannews.cli.main import main

    path = tmp_path / "page.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    assert main(["--input-kind", "markdown", "-f", "json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Council votes to rebuild the bridge"


# --- the content-farm family -----------------------------------------------------------------


def fixture_sources() -> list[Source]:
    """Articles of the golden fixtures that have a title, a lead and titled sections."""
    sources = []
    for case in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        article = cleannews.extract(next(case.glob("source.*")))
        source = source_from_article(article)
        if source is not None:
            sources.append(source)
    return sources


def farm_ok(source: Source, seed: int) -> tuple[bool, str]:
    page = farm_page(source, random.Random(seed))
    article = cleannews.extract(page.text, options=Options(input_kind=InputKind.TEXT))
    failed = [name for name, ok in farm_checks(page, source, article).items() if not ok]
    return not failed, f"seed {seed} ({page.language}): {', '.join(failed)}"


def test_generated_farm_pages_vary() -> None:
    source = fixture_sources()[0]
    pages = [farm_page(source, random.Random(seed)) for seed in range(20)]
    assert len({p.text for p in pages}) == 20
    assert len({p.language for p in pages}) >= 4
    assert all(isinstance(p.published, date) for p in pages)


def test_generated_farm_pages_from_fixtures_come_out_clean() -> None:
    sources = fixture_sources()
    assert len(sources) >= 3
    results = [farm_ok(sources[n % len(sources)], n) for n in range(300)]
    failures = [why for ok, why in results if not ok]
    assert len(failures) <= 0.05 * len(results), failures[:10]


def corpus_sources(limit: int, corpora: tuple[str, ...]) -> list[Source]:
    """Articles of the corpora's dev pages (HTML extraction) that plain text can show
    (``farm.plain_text_can_show``), in corpus then page order; skips when corpora are absent."""
    from benchmarks.corpora import CorpusMissingError, decode_html, load_corpus, select

    sources: list[Source] = []
    for corpus in corpora:
        try:
            docs = select(load_corpus(corpus), "dev")
        except CorpusMissingError as error:
            pytest.skip(f"corpora absent: {error}")
        for doc in docs:
            source = source_from_article(cleannews.extract(decode_html(doc.raw), url=doc.url))
            if source is not None:
                sources.append(source)
            if len(sources) >= limit:
                return sources
    return sources


def farm_failures(sources: list[Source], pages: int) -> list[str]:
    results = [farm_ok(sources[n % len(sources)], 1000 + n) for n in range(pages)]
    return [why for ok, why in results if not ok]


@pytest.mark.slow
def test_generated_farm_pages_from_readability_dev_articles_come_out_clean() -> None:
    """The 12 readability dev articles plain text can show, 500 pages: 99.2% measured."""
    sources = corpus_sources(25, ("readability",))
    assert len(sources) >= 10
    failures = farm_failures(sources, 500)
    assert len(failures) <= 0.05 * 500, failures[:10]


@pytest.mark.slow
def test_generated_farm_pages_from_dev_articles_of_two_corpora() -> None:
    """25 articles, the readability ones then trafilatura-eval's, 500 pages: 98.4% measured
    in eight frame languages (95.0% before a heading exclaimed inside a bracket, "Am Land
    (der Stadt so nah!)", was read as one; 79.2% before speech-dash lines, lines printed
    twice, exclaimed headings, lower-case headlines and promo-free cut weights). What still
    fails is one article whose last section holds only a call to read the full report,
    which the line model drops with its heading in two fifths of the frames."""
    sources = corpus_sources(25, ("readability", "trafilatura"))
    assert len(sources) == 25
    failures = farm_failures(sources, 500)
    assert len(failures) <= 0.05 * 500, failures[:10]
