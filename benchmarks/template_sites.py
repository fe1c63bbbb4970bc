"""A test set for site templates: made-up sites with several pages each, and what their
article bodies are. Written here (nothing copied from the web), seeded, so every run builds
the same pages.

Five sites, each a template style single-page extraction keeps now and then:

- ``valleyherald.example``: a local news site; a newsletter box and a "More from" line inside
  the article container, a cookie notice, one of three reporters' bios, an occasional
  correction of the story's own;
- ``trendpulse.example``: a content farm (HTML) whose promo paragraphs carry its name in
  wordings no rule knows;
- ``dailybrief``: the same kind of farm as plain text files in a folder (the folder is the
  host);
- ``citylive.example``: live pages with the same section headings ("Key events") over
  different content, each captured twice, and a publisher line;
- ``notes.example``: a one-author blog with an "About the author" box and a tip-jar line.

    python -m benchmarks.template_sites [--write DIR]   # the scores, or the pages as files

Scores: per page, the 4-token shingle precision and recall of the body against the page's
reference (benchmarks.metrics), averaged over pages, without templates and with the
templates learned from all the set's pages (what ``--learn-templates`` does).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

from benchmarks.metrics import ShingleScore, shingle_prf, shingle_score
from cleannews import extract
from cleannews import templates as templates_mod
from cleannews.templates import SiteTemplates

_SUBJECTS = (
    "The council", "The mayor", "Local farmers", "The school board", "Residents",
    "The water company", "Police", "The hospital trust", "Shop owners", "The rail operator",
    "Volunteers", "The planning committee", "Parents", "The football club", "Engineers",
)  # fmt: skip
_VERBS = (
    "approved", "rejected", "questioned", "welcomed", "delayed", "announced", "reviewed",
    "criticised", "funded", "postponed", "debated", "defended",
)  # fmt: skip
_OBJECTS = (
    "a plan to rebuild the old bridge", "the new parking rules", "a budget for road repairs",
    "the closure of the night bus route", "a proposal for a bigger library",
    "the cost of the flood defences", "changes to bin collections", "a new cycle lane",
    "the sale of the market hall", "plans for a solar farm", "the summer festival",
    "a study of air quality near schools", "the price of the swimming pool tickets",
)  # fmt: skip
_TIMES = (
    "on Tuesday", "last week", "after a long meeting", "earlier this month", "on Friday night",
    "despite protests", "for the second time", "without a vote", "at the last minute",
)  # fmt: skip
_CLAUSES = (
    "saying the money would be better spent elsewhere",
    "although several members asked for more time",
    "and a final decision is expected in the spring",
    "which could affect thousands of households",
    "after a survey found strong support for the idea",
    "while critics warned the costs would rise",
    "but no date has been set for the work to begin",
    "and the details will be published online",
)  # fmt: skip
_REPORTERS = (
    ("Maria Lopez", "Maria Lopez has covered city hall for the Valley Herald since 2019 and "
     "lives in the old mill district with two cats."),
    ("Tom Okafor", "Tom Okafor writes about transport and the environment for the Valley "
     "Herald; before that he drove a bus for eleven years."),
    ("Ann Weiss", "Ann Weiss is the Valley Herald's education reporter and a former teacher "
     "at Northfield Primary."),
)  # fmt: skip


@dataclass(frozen=True)
class SitePage:
    """One made-up page: where it is, its source, and the text its body should be."""

    site: str
    url: str | None
    name: str
    source: str
    reference: str


def sentence(rng: random.Random) -> str:
    parts = (rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS), rng.choice(_TIMES))
    return " ".join(parts) + ", " + rng.choice(_CLAUSES) + "."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 4)) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def headline(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"


def _html(title: str, body: str, canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"{link}</head><body>{body}</body></html>")  # fmt: skip


def _ps(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def herald(rng: random.Random, pages: int = 12) -> Iterator[SitePage]:
    nav = "".join(f'<li><a href="/{s}">{s.title()}</a></li>' for s in
                  ("news", "sport", "business", "opinion", "weather"))  # fmt: skip
    for n in range(pages):
        title, (author, bio) = headline(rng), rng.choice(_REPORTERS)
        body = [paragraph(rng) for _ in range(rng.randint(4, 7))]
        sub = f"What happens next for the {rng.choice(('plan', 'vote', 'project'))}"
        tail = [paragraph(rng) for _ in range(2)]
        correction = []
        if rng.random() < 0.25:
            day = rng.choice(("Monday", "Wednesday"))
            correction = [f"Correction: an earlier version of this story said the meeting "
                          f"was on {day}; it was on Tuesday."]  # fmt: skip
        article = (
            f"<h1>{escape(title)}</h1><p class='byline'>By {author}, May {n + 1}, 2025</p>"
            f"{_ps(body[:2])}<div class='box'><p>The Morning Herald: the valley's news before "
            f"breakfast, from our newsroom to your inbox every weekday.</p></div>{_ps(body[2:])}"
            f"<h2>{escape(sub)}</h2>{_ps(tail)}{_ps(correction)}"
            f"<p><em>{escape(bio)}</em></p><p>More from the Valley Herald: the stories our "
            f"readers shared most this week are on the front page.</p>"
        )
        cookies = ("We use cookies so that the Valley Herald works and to see which stories "
                   "are read. Carry on reading if that is fine with you.")  # fmt: skip
        page = (f"<header><ul>{nav}</ul></header><main><article>{article}</article></main>"
                f"<footer><p>{cookies}</p></footer>")  # fmt: skip
        url = f"https://www.valleyherald.example/news/2025/05/story-{n}"
        reference = "\n".join([*body, sub, *tail, *correction])
        yield SitePage("valleyherald.example", url, f"herald-{n}", _html(title, page, url),
                       reference)  # fmt: skip


def trendpulse(rng: random.Random, pages: int = 10) -> Iterator[SitePage]:
    opener = ("TrendPulse readers get the stories everyone will be talking about tomorrow, "
              "picked by hand each morning by people who care.")  # fmt: skip
    closer = ("Loved this piece? TrendPulse has hundreds more like it, and a fresh batch lands "
              "every single day, so pop back soon.")  # fmt: skip
    for n in range(pages):
        title = headline(rng)
        body = [paragraph(rng, (3, 5)) for _ in range(rng.randint(4, 6))]
        article = (f"<h1>{escape(title)}</h1><p>{opener}</p>{_ps(body)}<p>{closer}</p>"
                   f"<p>Filed under: Local, Trending</p>")  # fmt: skip
        page = f"<div class='wrap'><div class='post'>{article}</div></div>"
        url = f"https://trendpulse.example/{n:03d}-{title.lower().replace(' ', '-')}"
        yield SitePage("trendpulse.example", url, f"trendpulse-{n}", _html(title, page),
                       "\n".join(body))  # fmt: skip


def dailybrief(rng: random.Random, pages: int = 10) -> Iterator[SitePage]:
    for n in range(pages):
        title = headline(rng)
        body = [paragraph(rng, (3, 5)) for _ in range(rng.randint(4, 6))]
        lines = [
            title, f"{rng.randint(3, 9)} min read · Published June {n + 1}, 2025", "",
            "DailyBrief sorts the noise from the news so that your mornings stay calm.", "",
            *(p + "\n" for p in body),
            "That is all from the DailyBrief desk for now, back after lunch with the next round.",
            "", "Pass this on to a friend who would enjoy it!",
        ]  # fmt: skip
        yield SitePage("dailybrief", None, f"dailybrief-{n}", "\n".join(lines), "\n".join(body))


def citylive(rng: random.Random, pages: int = 8) -> Iterator[SitePage]:
    for n in range(pages):
        title = "Live: " + headline(rng)
        events = [paragraph(rng, (1, 2)) for _ in range(3)]
        known = [paragraph(rng) for _ in range(3)]
        for capture in range(2):  # the same live page saved twice, an update apart
            update = [paragraph(rng, (1, 2))] if capture else []
            article = (
                f"<h1>{escape(title)}</h1><h2>Key events</h2>{_ps(update + events)}"
                f"<h2>What we know so far</h2>{_ps(known)}"
                f"<p>CityLive is published by Metro Media Group in the city of Eastbridge.</p>"
            )
            url = f"https://citylive.example/live/{n}"
            reference = "\n".join(["Key events", *update, *events, "What we know so far", *known])
            yield SitePage("citylive.example", url, f"citylive-{n}-{capture}",
                           _html(title, f"<article>{article}</article>"), reference)  # fmt: skip


def notes(rng: random.Random, pages: int = 8) -> Iterator[SitePage]:
    bio = ("Sam Reyes writes these notes from a small flat above a bakery, mostly about cities, "
           "trains and the odd council meeting.")  # fmt: skip
    jar = "If these notes are useful to you, a coffee keeps them coming: see the tip jar."
    for n in range(pages):
        title = headline(rng)
        body = [paragraph(rng, (3, 5)) for _ in range(rng.randint(3, 6))]
        article = (f"<h1>{escape(title)}</h1>{_ps(body)}<p>{jar}</p>"
                   f"<h3>About the author</h3><p>{bio}</p>")  # fmt: skip
        url = f"https://notes.example/posts/{n}/"
        source = _html(title, f"<div id='content'>{article}</div>")
        yield SitePage("notes.example", url, f"notes-{n}", source, "\n".join(body))


def build(seed: int = 13) -> list[SitePage]:
    """Every page of the test set, site by site."""
    rng = random.Random(seed)
    return [*herald(rng), *trendpulse(rng), *dailybrief(rng), *citylive(rng), *notes(rng)]


def score(pages: list[SitePage]) -> dict[str, dict[str, list[ShingleScore]]]:
    """Per site, the per-page scores without and with the learned templates."""
    templates = SiteTemplates.learn(
        templates_mod.SitePage(p.source, url=p.url, host=p.site) for p in pages
    )
    results: dict[str, dict[str, list[ShingleScore]]] = {}
    for page in pages:
        plain = extract(page.source, url=page.url)
        learned = extract(page.source, url=page.url, templates=templates.bound(page.site))
        site = results.setdefault(page.site, {"without": [], "with": []})
        site["without"].append(shingle_score(page.reference, plain.text))
        site["with"].append(shingle_score(page.reference, learned.text))
    return results


def table(results: dict[str, dict[str, list[ShingleScore]]]) -> str:
    lines = ["| site | pages | P without | R without | F1 without | P with | R with | F1 with |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    every: dict[str, list[ShingleScore]] = {"without": [], "with": []}
    for site, runs in [*results.items(), ("all", every)]:
        if site != "all":
            every["without"] += runs["without"]
            every["with"] += runs["with"]
        cells = []
        for run in ("without", "with"):
            prf = shingle_prf(runs[run])
            cells += [f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}"]
        name = f"**{site}**" if site == "all" else site
        lines.append(f"| {name} | {len(runs['with'])} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", type=Path, help="write the pages under DIR/SITE/ instead")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    pages = build(args.seed)
    if args.write:
        for page in pages:
            folder = args.write / page.site
            folder.mkdir(parents=True, exist_ok=True)
            suffix = ".html" if page.source.lstrip().startswith("<") else ".txt"
            (folder / (page.name + suffix)).write_text(page.source, encoding="utf-8")
        return
    print(table(score(pages)))


if __name__ == "__main__":
    main()
