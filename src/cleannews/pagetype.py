"""Is the page an article, a listing (index, section front, search results) or other?

A few explainable signals, each stated in the reasons:

* the type the page declares: JSON-LD ``@type`` (NewsArticle, BlogPosting, ... or
  CollectionPage, ItemList, SearchResultsPage, ... or ProfilePage, ContactPage, ...) and
  ``og:type`` (article);
* the words in the extracted body;
* the share of the page's text in link-heavy blocks (navigation and teaser lists);
* the number of headings that are links (teaser headlines: "<h3><a>Story</a></h3>").

A listing is many linked headings, or mostly link text with little prose, unless the page
declares an article and has a long body with few teasers. An article has a body of
``MIN_ARTICLE_WORDS`` (fewer when the page declares an article). Anything else is other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .blocks import Block, BlockKind
from .jsonld import ARTICLE_TYPES
from .model import PageType

_LISTING_TYPES = regex.compile(
    r"CollectionPage|ItemList|SearchResultsPage|SiteNavigationElement", regex.I
)
_OTHER_TYPES = regex.compile(
    r"ProfilePage|AboutPage|ContactPage|Product|Event|Person|og:profile|og:product|og:video\S*",
    regex.I,
)
#: A body this long is an article whatever else the page holds.
MIN_ARTICLE_WORDS = 150
#: With an article type declared, a body this long is enough.
MIN_DECLARED_WORDS = 50
#: Linked headings that make a page a listing.
MIN_TEASERS = 6
#: A block this link-heavy is navigation or a teaser.
LINK_HEAVY = 0.5
#: Link-heavy text share above which a page with little prose is a listing (when it has at
#: least MIN_LINK_BLOCKS link-heavy blocks: a 404 page with a small menu is not a listing).
MAX_LINK_SHARE = 0.6
MIN_LINK_BLOCKS = 10
#: A declared article with this many body words stays an article despite link text.
LONG_BODY_WORDS = 400


@dataclass(frozen=True, slots=True)
class Signals:
    """The measured signals of one page."""

    declared_article: list[str]
    declared_listing: list[str]
    declared_other: list[str]
    words: int
    link_share: float
    link_blocks: int
    teasers: int


def measure(types: Sequence[str], blocks: Sequence[Block], body: Sequence[Block]) -> Signals:
    """Measure the signals: declared types, body words, link-heavy share, linked headings."""
    total = sum(len(b.text) for b in blocks)
    heavy = [b for b in blocks if b.link_density > LINK_HEAVY]
    linked = sum(len(b.text) for b in heavy)
    teasers = sum(
        1
        for b in blocks
        if b.kind is BlockKind.HEADING and b.level >= 2 and b.link_density > LINK_HEAVY
    )
    return Signals(
        declared_article=[t for t in types if _is_article_type(t)],
        declared_listing=[t for t in types if _LISTING_TYPES.fullmatch(t)],
        declared_other=[t for t in types if _OTHER_TYPES.fullmatch(t)],
        words=sum(len(b.text.split()) for b in body),
        link_share=linked / total if total else 0.0,
        link_blocks=len(heavy),
        teasers=teasers,
    )


def _is_article_type(kind: str) -> bool:
    return kind == "og:article" or ARTICLE_TYPES.fullmatch(kind) is not None


def page_type(
    types: Sequence[str], blocks: Sequence[Block], body: Sequence[Block]
) -> tuple[PageType, tuple[str, ...]]:
    """The page type and the reasons for it (the measured signals, then the verdict)."""
    s = measure(types, blocks, body)
    reasons = [
        f"body has {s.words} words",
        f"{s.link_share:.0%} of the page text is in {s.link_blocks} link-heavy blocks",
        f"{s.teasers} linked headings",
    ]
    for label, found in (("article", s.declared_article), ("listing", s.declared_listing)):
        if found:
            reasons.insert(0, f"declares {label} type: {', '.join(found)}")
    kind, verdict = _decide(s)
    return kind, (*reasons, verdict)


def _decide(s: Signals) -> tuple[PageType, str]:
    declared = bool(s.declared_article)
    long_article = declared and s.words >= LONG_BODY_WORDS and s.teasers < MIN_TEASERS
    if not long_article:
        if s.teasers >= MIN_TEASERS:
            return PageType.LISTING, f"listing: {s.teasers} linked headings (teasers)"
        mostly_links = s.link_share > MAX_LINK_SHARE and s.link_blocks >= MIN_LINK_BLOCKS
        if mostly_links and s.words < LONG_BODY_WORDS:
            return PageType.LISTING, "listing: mostly links, little prose"
        if s.declared_listing and not declared and s.words < LONG_BODY_WORDS:
            return PageType.LISTING, "listing: declared listing type"
    if s.words >= MIN_ARTICLE_WORDS or (declared and s.words >= MIN_DECLARED_WORDS):
        return PageType.ARTICLE, "article: a body of prose"
    if s.declared_other and not declared:
        return PageType.OTHER, f"other: declared {', '.join(s.declared_other)}"
    return PageType.OTHER, "other: too little body text for an article"
