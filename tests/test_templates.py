"""Site templates: learning per host, dropping with a reason, the guards that keep real
repeated content, the JSON file (and its bad forms), and the command line's two passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import template_sites

import warcs
from cleannews import TemplatesError, extract
from cleannews.cli.main import main
from cleannews.rules.loader import read_json
from cleannews.templates import VERSION, SitePage, SiteTemplates, host_of, is_kept

SITE = template_sites.build()
HERALD = [p for p in SITE if p.site == "valleyherald.example"]
BRIEF = [p for p in SITE if p.site == "dailybrief"]
NEWSLETTER = "The Morning Herald: the valley's news before breakfast"
BRIEF_PROMO = "DailyBrief sorts the noise from the news"


def pages_of(site: list[template_sites.SitePage]) -> list[SitePage]:
    return [SitePage(p.source, url=p.url, host=p.site) for p in site]


@pytest.fixture(scope="module")
def herald() -> SiteTemplates:
    return SiteTemplates.learn(pages_of(HERALD))


def test_a_promo_box_repeated_in_the_article_is_dropped_with_its_reason(
    herald: SiteTemplates,
) -> None:
    page = HERALD[0]
    assert NEWSLETTER in extract(page.source, url=page.url).text  # single-page keeps it
    article = extract(page.source, url=page.url, templates=herald)
    assert NEWSLETTER not in article.text
    reasons = {r.reason for r in article.boilerplate if r.text.startswith(NEWSLETTER)}
    assert reasons == {"site template: seen on 12 of 12 pages of valleyherald.example"}
    assert {r.rule for r in article.boilerplate if r.text.startswith(NEWSLETTER)} == {
        "site-template"
    }


def test_the_article_text_is_kept(herald: SiteTemplates) -> None:
    for page in HERALD:
        text = extract(page.source, url=page.url, templates=herald).text
        for paragraph in page.reference.split("\n"):
            assert paragraph in text


def test_a_block_on_too_few_pages_is_not_a_template(herald: SiteTemplates) -> None:
    # each reporter's bio is on a third of the pages (under the default share of half)
    learned = {t.text for t in herald.hosts["valleyherald.example"].templates}
    assert not any(t.startswith("Tom Okafor") for t in learned)
    strict = SiteTemplates.learn(pages_of(HERALD), min_share=1.0)
    assert {t.pages for t in strict.hosts["valleyherald.example"].templates} == {12}


def test_templates_of_one_host_leave_another_alone(herald: SiteTemplates) -> None:
    page = HERALD[0]
    moved = page.source.replace("valleyherald.example", "elsewhere.example")
    url = page.url.replace("valleyherald.example", "elsewhere.example")
    assert extract(moved, url=url, templates=herald).text == extract(moved, url=url).text


def test_plain_text_pages_of_a_folder_lose_their_promo_lines() -> None:
    templates = SiteTemplates.learn(pages_of(BRIEF))
    page = BRIEF[0]
    assert BRIEF_PROMO in extract(page.source).text  # no rule knows this wording
    text = extract(page.source, templates=templates.bound("dailybrief")).text
    assert BRIEF_PROMO not in text and "back after lunch" not in text
    assert all(p in text for p in page.reference.split("\n"))
    assert extract(page.source, templates=templates).text == extract(page.source).text  # no host


def test_one_page_learns_nothing_and_changes_nothing() -> None:
    page = HERALD[0]
    templates = SiteTemplates.learn([SitePage(page.source, url=page.url)])
    assert len(templates) == 0 and not templates.hosts
    assert extract(page.source, url=page.url, templates=templates) == extract(
        page.source, url=page.url
    )


def test_copies_of_one_page_count_once() -> None:
    page = HERALD[0]
    same_url = [SitePage(page.source, url=page.url)] * 5
    assert len(SiteTemplates.learn(same_url)) == 0
    # the same story under five addresses (tracking parameters): one page by its content
    addresses = [SitePage(page.source, url=f"{page.url}?utm={n}") for n in range(5)]
    assert len(SiteTemplates.learn(addresses)) == 0


def live_page(n: int, capture: int) -> str:
    updates = "".join(
        f"<p>Update {n}.{k}: crews from the {['north', 'south', 'east'][k]} depot reached "
        f"street number {n * 10 + k} and the council said the road stays shut overnight.</p>"
        for k in range(capture + 2)
    )
    known = (f"<p>The storm damaged {n + 3} roofs in ward {n}, and engineers are checking the "
             f"bridge over the river before it reopens to traffic in ward {n}.</p>")  # fmt: skip
    correction = ("<p>Correction: an earlier version of this page gave the wrong number for "
                  "the emergency line, which is 0800 123 456.</p>")  # fmt: skip
    return (f"<html><body><article><h1>Live: storm day {n}</h1><h2>Key events</h2>{updates}"
            f"<h2>What we know so far</h2>{known}{correction}</article></body></html>")  # fmt: skip


def test_recurring_headings_and_a_repeated_correction_survive() -> None:
    pages = [SitePage(live_page(n, c), url=f"https://live.example/{n}") for n in range(6)
             for c in range(2)]  # fmt: skip
    templates = SiteTemplates.learn(pages)
    article = extract(live_page(2, 1), url="https://live.example/2", templates=templates)
    assert article.text == extract(live_page(2, 1), url="https://live.example/2").text
    headings = [s.heading for s in article.sections if s.heading]
    assert "Key events" in headings and "What we know so far" in headings
    assert "Correction: an earlier version" in article.text
    assert is_kept("Editor's note: this story was updated.")


def test_a_page_that_is_all_template_keeps_its_text() -> None:
    promo = "<p>Sign up for the Valley Herald morning letter, free every weekday at six.</p>"
    pages = [
        f"<html><body><article><h1>Story {n}</h1>{promo}<p>{'Council news word. ' * (n + 9)}"
        f"{n}</p></article></body></html>"
        for n in range(5)
    ]
    urls = [f"https://herald.example/{n}" for n in range(5)]
    templates = SiteTemplates.learn(SitePage(p, url=u) for p, u in zip(pages, urls, strict=True))
    assert len(templates) == 1
    only_promo = f"<html><body><article><h1>Notice</h1>{promo}</article></body></html>"
    url = "https://herald.example/notice"
    assert extract(only_promo, url=url, templates=templates) == extract(only_promo, url=url)


def test_the_host_comes_from_the_url_then_the_canonical_link(herald: SiteTemplates) -> None:
    assert host_of("https://WWW.ValleyHerald.example:8080/a") == "valleyherald.example"
    assert host_of("not a url") is None and host_of("http://[::1") is None
    page = HERALD[0]  # no URL given: the page's <link rel=canonical> names the host
    assert NEWSLETTER not in extract(page.source, templates=herald).text


def test_saved_templates_load_back_the_same(tmp_path: Path, herald: SiteTemplates) -> None:
    path = tmp_path / "templates.json"
    herald.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == VERSION and data["format"] == "cleannews-site-templates"
    loaded = SiteTemplates.load(path)
    assert loaded.to_dict() == herald.to_dict()
    page = HERALD[3]
    assert extract(page.source, url=page.url, templates=loaded) == extract(
        page.source, url=page.url, templates=herald
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not JSON"),
        ("", "is not JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"format": "something-else", "version": 1}', "not a cleannews site-templates file"),
        ('{"format": "cleannews-site-templates", "version": 99}', "version 99"),
        ('{"format": "cleannews-site-templates", "version": 1, "min_pages": 3, '
         '"min_share": 0.5, "hosts": {"a.example": {"pages": 2, "templates": '
         '[{"text": "x", "path": "p", "pages": 7}]}}}', "from 1 to 2"),
        ('{"format": "cleannews-site-templates", "version": 1, "min_pages": 1, '
         '"min_share": 0.5, "hosts": {}}', "min_pages"),
    ],
)  # fmt: skip
def test_a_bad_templates_file_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "templates.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TemplatesError, match=message) as caught:
        SiteTemplates.load(path)
    assert "\n" not in str(caught.value)


def test_templates_claimed_from_one_page_are_left_out(tmp_path: Path) -> None:
    page = HERALD[0]
    data = {"format": "cleannews-site-templates", "version": VERSION, "min_pages": 3,
            "min_share": 0.5, "hosts": {"valleyherald.example": {"pages": 1, "templates": [
                {"text": NEWSLETTER + ".", "path": "body/p/paragraph", "pages": 1}]}}}  # fmt: skip
    path = tmp_path / "one.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    templates = SiteTemplates.load(path)
    assert len(templates) == 0
    assert extract(page.source, url=page.url, templates=templates) == extract(
        page.source, url=page.url
    )


def test_cli_learns_from_a_folder_and_saves_the_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dailybrief"
    folder.mkdir()
    for page in BRIEF:
        (folder / f"{page.name}.txt").write_text(page.source, encoding="utf-8")
    saved = tmp_path / "t.json"
    out = tmp_path / "out.jsonl"
    args = [str(folder), "-o", str(out), "--learn-templates", "--templates", str(saved)]
    assert main(args) == 0
    assert "learned 3 site templates of 1 hosts from 10 pages" in capsys.readouterr().err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 10 and not any(BRIEF_PROMO in r["text"] for r in records)
    assert list(SiteTemplates.load(saved).hosts) == ["dailybrief"]
    again = tmp_path / "again.jsonl"  # reusing the file, in worker processes
    assert main([str(folder), "-o", str(again), "--templates", str(saved), "--jobs", "2"]) == 0
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_cli_learns_from_a_warc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = [warcs.response(p.url, p.source.encode()) for p in HERALD if p.url]
    crawl = warcs.write(tmp_path / "crawl.warc.gz", entries)
    out = tmp_path / "out.jsonl"
    assert main([str(crawl), "-o", str(out), "--learn-templates", "--explain"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 12 and not any(NEWSLETTER in r["text"] for r in records)
    reasons = {
        b["reason"] for r in records for b in r["boilerplate"] if b["rule"] == "site-template"
    }
    assert "site template: seen on 12 of 12 pages of valleyherald.example" in reasons
    assert main([str(crawl), "-o", str(tmp_path / "plain.jsonl")]) == 0
    assert NEWSLETTER in (tmp_path / "plain.jsonl").read_text(encoding="utf-8")


def test_cli_reports_a_bad_templates_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "cleannews-site-templates", "version": 0}', encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(HERALD[0].source, encoding="utf-8")
    assert main([str(page), "--templates", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "version 0" in err
    assert main([str(page), "--templates", str(tmp_path / "missing.json")]) == 2
    assert "cannot read the templates file" in capsys.readouterr().err


KEEP_RULES = read_json("templates.json")["keep"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [(t, True) for r in KEEP_RULES for t in r["examples"]]
    + [(t, False) for r in KEEP_RULES for t in r["non_examples"]],
)
def test_keep_rules_match_their_examples_only(text: str, kept: bool) -> None:
    assert is_kept(text) is kept


def test_every_keep_rule_documents_itself() -> None:
    for rule in KEEP_RULES:
        assert rule["id"] and rule["note"] and rule["examples"] and rule["non_examples"]


def test_a_wayback_address_gives_the_archived_site() -> None:
    assert host_of("https://web.archive.org/web/20190101000000/https://www.site.com/a") == (
        "site.com"
    )
    assert host_of("http://web.archive.org/web/2019id_/news.example/x") == "news.example"
    assert host_of("https://web.archive.org/about") == "web.archive.org"
