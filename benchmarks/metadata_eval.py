"""Metadata accuracy of cleannews, trafilatura and newspaper4k on the readability corpus.

    python -m benchmarks.metadata_eval [--split dev|holdout|all] [--details TOOL] [--json OUT]

Reference: ``readability/*/expected-metadata.json`` (Mozilla Readability's own output). Every
tool gets the same decoded page (``corpora.decode_html``) and the corpus URL. A field is scored
only on pages where the reference has a value (not null, not empty); accuracy is matches / n.
Values a tool gives where the reference has none are counted as "extra" (not scored: the
reference is often silent where the page does state a date or an author).

Matching rules (the same for every tool; "key" = NFKC, case-folded, letters and digits only):

* title: the keys are equal, or one title is the other with leading or trailing segments
  (a site name) removed: titles are cut at separators (`` | `` `` - `` `` – `` `` — `` `` · ``
  `` :: `` `` » `` `` / `` `` : `` ``_`` ``[...]``), and one equals the other's first or last
  segments that hold at least a third of its key's characters ("Mozilla" matches
  "Mozilla - Wikipedia"; "Google" does not match "Google - Site Reliability Engineering").
  The issue asks for the site name to be stripped; the reference sometimes keeps it.
* byline: name-set overlap on word tokens (``\\p{L}+``, case-folded, without the connectors
  by/par/por/von/and/und/et/y): a match when at least half of the tool's tokens are in the
  reference and the two share at least two tokens (or every token of a one-token reference).
  Junk in the reference ("By", dates, job titles) therefore costs nothing.
* excerpt: the keys are equal, or one is a prefix of the other and the shorter key has at
  least 20 characters (the reference truncates some descriptions with "...").
* siteName: the keys are equal.
* publishedTime: the same calendar day; in UTC when both values state a time zone (the same
  moment written in two zones matches), else as written.
* lang: the same primary language subtag ("en-US" matches "en"), case-insensitive.

trafilatura is run through ``trafilatura.extract_metadata`` (its metadata API: it has no
language field without its optional py3langid classifier, so its lang column is 0);
newspaper4k through ``Article.parse``
(title, authors, meta_description, meta_site_name, publish_date, meta_lang).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import regex

if __package__ in (None, ""):  # run as a script: python benchmarks/metadata_eval.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import Doc, ReadabilityAnnotation, decode_html, load_corpus, select

FIELDS = ("title", "byline", "excerpt", "siteName", "publishedTime", "lang")
TOOLS = ("cleannews", "trafilatura", "newspaper4k")
_KEEP = regex.compile(r"[^\p{L}\p{N}]+")
_SEPARATOR = regex.compile(r"\s+(?:[|\-–—·»/:]|::)\s+|_+|\s*[\[\]]\s*")
_NAME_TOKEN = regex.compile(r"\p{L}+")
_CONNECTORS = frozenset({"by", "par", "por", "von", "and", "und", "et", "y"})
_DAY = regex.compile(r"(\d{4})-(\d{2})-(\d{2})")
MIN_EXCERPT_PREFIX = 20


@dataclass
class Values:
    """One tool's metadata for one page, as plain strings."""

    title: str | None = None
    byline: tuple[str, ...] = ()
    excerpt: str | None = None
    siteName: str | None = None  # the reference's field names
    publishedTime: str | None = None
    lang: str | None = None


# --------------------------------------------------------------------------- matching


def key(text: str) -> str:
    """NFKC, case-folded, letters and digits only."""
    return _KEEP.sub("", unicodedata.normalize("NFKC", text).casefold())


def _segments(title: str) -> list[str]:
    return [key(part) for part in _SEPARATOR.split(title) if key(part)]


def _is_core_of(short: str, long: str) -> bool:
    """``short`` equals ``long``'s first or last segments, a third of its characters or more."""
    target, parts = key(short), _segments(long)
    if not target or 3 * len(target) < len(key(long)):
        return False
    runs = ["".join(parts[:end]) for end in range(1, len(parts) + 1)]
    runs += ["".join(parts[start:]) for start in range(len(parts))]
    return target in runs


def title_match(got: str, want: str) -> bool:
    """Equal keys, or one is the other with site-name segments removed."""
    return key(got) == key(want) or _is_core_of(got, want) or _is_core_of(want, got)


def _name_tokens(names: Sequence[str]) -> set[str]:
    text = unicodedata.normalize("NFKC", " ".join(names)).casefold()
    return {t for t in _NAME_TOKEN.findall(text) if t not in _CONNECTORS}


def byline_match(got: Sequence[str], want: str) -> bool:
    """Name-set overlap: most of the tool's tokens are in the reference, two shared."""
    mine, theirs = _name_tokens(got), _name_tokens([want])
    if not mine or not theirs:
        return False
    shared = len(mine & theirs)
    return 2 * shared >= len(mine) and shared >= min(2, len(theirs))


def excerpt_match(got: str, want: str) -> bool:
    """Equal keys, or a prefix of at least 20 characters."""
    a, b = key(got), key(want)
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= MIN_EXCERPT_PREFIX and long.startswith(short))


def site_match(got: str, want: str) -> bool:
    """Equal keys."""
    return key(got) == key(want)


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def day_match(got: str, want: str) -> bool:
    """The same calendar day: in UTC when both values state a zone, else as written."""
    a, b = _moment(got), _moment(want)
    if a is not None and b is not None and a.tzinfo is not None and b.tzinfo is not None:
        return a.astimezone(UTC).date() == b.astimezone(UTC).date()
    day_a, day_b = _DAY.search(got), _DAY.search(want)
    return day_a is not None and day_b is not None and day_a.groups() == day_b.groups()


def lang_match(got: str, want: str) -> bool:
    """The same primary language subtag."""

    def primary(tag: str) -> str:
        return tag.strip().replace("_", "-").split("-")[0].casefold()

    return bool(primary(got)) and primary(got) == primary(want)


MATCHERS: dict[str, Callable[[Any, str], bool]] = {
    "title": title_match,
    "byline": byline_match,
    "excerpt": excerpt_match,
    "siteName": site_match,
    "publishedTime": day_match,
    "lang": lang_match,
}


# --------------------------------------------------------------------------- adapters


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value) if value else None


def run_cleannews(html: str, url: str) -> Values:
    """cleannews.extract: Article fields."""
    import cleannews

    article = cleannews.extract(html, url=url)
    return Values(
        title=article.title,
        byline=tuple(article.authors),
        excerpt=article.description,
        siteName=article.site_name,
        publishedTime=_iso(article.published),
        lang=article.language,
    )


def run_trafilatura(html: str, url: str) -> Values:
    """trafilatura.extract_metadata (authors are ";"-separated)."""
    import trafilatura

    doc = trafilatura.extract_metadata(html, default_url=url)
    if doc is None:
        return Values()
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Values(
        title=doc.title,
        byline=authors,
        excerpt=doc.description,
        siteName=doc.sitename,
        publishedTime=doc.date,
        lang=getattr(doc, "language", None),
    )


def run_newspaper4k(html: str, url: str) -> Values:
    """newspaper4k Article.parse, without network access."""
    import newspaper

    config = newspaper.Config()
    config.fetch_images = False
    config.follow_meta_refresh = False
    article = newspaper.Article(url, config=config)
    article.download(input_html=html)
    article.parse()
    return Values(
        title=article.title or None,
        byline=tuple(article.authors or ()),
        excerpt=article.meta_description or None,
        siteName=article.meta_site_name or None,
        publishedTime=_iso(article.publish_date),
        lang=article.meta_lang or None,
    )


ADAPTERS: dict[str, Callable[[str, str], Values]] = {
    "cleannews": run_cleannews,
    "trafilatura": run_trafilatura,
    "newspaper4k": run_newspaper4k,
}


# --------------------------------------------------------------------------- scoring


@dataclass
class FieldScore:
    """Matches over pages where the reference has a value, and extra values elsewhere."""

    n: int = 0
    matched: int = 0
    extra: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.matched / self.n if self.n else 0.0


def _present(value: Any) -> bool:
    return bool(value) and (not isinstance(value, str) or bool(value.strip()))


def score_page(doc: Doc, values: Values, scores: dict[str, FieldScore]) -> None:
    """Add one page's comparison to ``scores`` (one FieldScore per field)."""
    assert isinstance(doc.annotation, ReadabilityAnnotation)
    reference = doc.annotation.metadata
    for name in FIELDS:
        want, got, score = reference.get(name), getattr(values, name), scores[name]
        if not _present(want):
            score.extra += _present(got)
            continue
        score.n += 1
        if _present(got) and MATCHERS[name](got, str(want)):
            score.matched += 1
        else:
            score.misses.append((doc.id, repr(got)[:120], repr(want)[:120]))


def evaluate(tool: str, docs: Sequence[Doc]) -> tuple[dict[str, FieldScore], int]:
    """Scores of one tool over ``docs``, and the number of pages it failed on."""
    adapter = ADAPTERS[tool]
    scores = {name: FieldScore() for name in FIELDS}
    errors = 0
    for doc in docs:
        html = decode_html(doc.raw)
        try:
            values = adapter(html, doc.url or "")
        except Exception:  # peer boundary: a failed page scores nothing
            values, errors = Values(), errors + 1
        score_page(doc, values, scores)
    return scores, errors


def table(results: dict[str, dict[str, FieldScore]]) -> str:
    """A Markdown table: one row per field, one column per tool."""
    tools = list(results)
    lines = ["| field | n | " + " | ".join(tools) + " |", "|---|---|" + "---|" * len(tools)]
    for name in FIELDS:
        n = next(iter(results.values()))[name].n
        cells = [f"{results[t][name].accuracy:.3f}" for t in tools]
        lines.append(f"| {name} | {n} | " + " | ".join(cells) + " |")
    lines += ["", "Values given where the reference has none (not scored):", ""]
    lines += ["| field | " + " | ".join(tools) + " |", "|---|" + "---|" * len(tools)]
    for name in FIELDS:
        lines.append(f"| {name} | " + " | ".join(str(results[t][name].extra) for t in tools) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.metadata_eval")
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="all")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--details", default=None, help="print this tool's misses per field")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    docs = select(load_corpus("readability"), args.split)
    results: dict[str, dict[str, FieldScore]] = {}
    for tool in args.tools.split(","):
        results[tool], errors = evaluate(tool, docs)
        print(f"{tool}: {len(docs)} pages, {errors} errors", file=sys.stderr)
    print(f"readability corpus, split={args.split}, {len(docs)} pages\n")
    print(table(results))
    if args.details:
        for name, score in results[args.details].items():
            print(f"\n## {args.details} {name}: {score.matched}/{score.n}, extra {score.extra}")
            for page, got, want in score.misses:
                print(f"  {page}: got {got} | want {want}")
    if args.json:
        payload = {t: {f: asdict(s) for f, s in r.items()} for t, r in results.items()}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
