"""Site templates on the dev corpora: nothing changes for a page processed alone, and what
learning per host does to real pages.

    python -m benchmarks.template_dev [--corpus trafilatura|readability|all]

1. Alone: each dev page, templates learned from that page only, then extracted with them;
   the Article must equal the one without templates (one page of a host: nothing learned).
2. Per host: templates learned from all the corpus's dev pages at once, each page's host from
   its URL, and the body scored with and without them (the corpus metric). The corpora hold
   nearly one page per site, but Readability's test pages all sit on ``fakehost``: 88
   different sites under one host, the case where learning must find nothing to drop.
"""

from __future__ import annotations

import argparse

from benchmarks.corpora import CORPUS_NAMES, Doc, load_corpus, select
from benchmarks.scoring import score_text, summarize
from cleannews import CleannewsError, extract
from cleannews.templates import SitePage, SiteTemplates


def alone(docs: list[Doc]) -> tuple[int, int]:
    """(pages compared, pages whose Article changed)."""
    compared = changed = 0
    for doc in docs:
        try:
            plain = extract(doc.raw, url=doc.url)
        except CleannewsError:
            continue
        templates = SiteTemplates.learn([SitePage(doc.raw, url=doc.url)])
        compared += 1
        changed += len(templates) > 0 or extract(doc.raw, url=doc.url, templates=templates) != plain
    return compared, changed


def per_host(name: str, docs: list[Doc]) -> str:
    templates = SiteTemplates.learn(SitePage(doc.raw, url=doc.url) for doc in docs)
    runs: dict[str, list[object]] = {"without": [], "with": []}
    dropped = 0
    for doc in docs:
        try:
            plain = extract(doc.raw, url=doc.url)
            learned = extract(doc.raw, url=doc.url, templates=templates)
        except CleannewsError:
            continue
        dropped += sum(r.rule == "site-template" for r in learned.boilerplate)
        runs["without"].append(score_text(doc, plain.text))
        runs["with"].append(score_text(doc, learned.text))
    cells = []
    for run in ("without", "with"):
        prf = summarize(name, runs[run]).prf  # type: ignore[arg-type]
        cells.append(f"{prf.precision:.3f} / {prf.recall:.3f} / {prf.f1:.3f}")
    hosts = ", ".join(f"{h} ({s.pages} pages, {len(s.templates)})" for h, s in
                      templates.hosts.items()) or "none"  # fmt: skip
    return (f"| {name} | {len(runs['with'])} | {cells[0]} | {cells[1]} | {dropped} "
            f"| {hosts} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", choices=[*CORPUS_NAMES, "all"], default="all")
    args = parser.parse_args()
    names = CORPUS_NAMES if args.corpus == "all" else (args.corpus,)
    rows = []
    for name in names:
        docs = select(load_corpus(name), "dev")
        compared, changed = alone(docs)
        print(f"{name}: {compared} dev pages processed alone with templates, {changed} changed")
        rows.append(per_host(name, docs))
    print("| corpus | pages | P / R / F1 without | P / R / F1 with | blocks dropped | hosts with "
          "templates (pages, templates) |\n|---|---:|---|---|---:|---|")  # fmt: skip
    print("\n".join(rows))


if __name__ == "__main__":
    main()
