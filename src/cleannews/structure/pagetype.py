"""Is the page an article, a listing (index, section front, search results), a discussion
thread, a documentation page, a product, a shop's collection, a service page, or other?

A few explainable signals, each stated in the reasons:

* the type the page declares: JSON-LD ``@type`` (NewsArticle, BlogPosting, ... or
  CollectionPage, ItemList, SearchResultsPage, ... or ProfilePage, ContactPage, ...) and
  ``og:type`` (article);
* the words in the extracted body;
* the share of the page's text in link-heavy blocks (navigation and teaser lists);
* headings that are links (teaser headlines: "<h3><a>Story</a></h3>"), in the extracted body
  and on the whole page.

A page is a listing when its extracted body is mostly linked headlines from the start, and
has at most one long paragraph (a listicle or a story whose subheadings are links has many).
Without a declared article type, it is also a listing when it has little prose (no long
paragraph) and many linked headings, or declares a listing type; an article page with a
"related stories" box keeps its type. An article has a body of ``MIN_ARTICLE_WORDS``, or a
long paragraph, or (declaring an article) ``MIN_DECLARED_WORDS``; a short news item with a
headline, a date and ``MIN_PROSE_PARAGRAPHS`` paragraphs of prose is one too from
``MIN_NEWS_WORDS``. Anything else is other.

The other kinds, decided first (a thread, documentation) or after the listing tests (a
collection, a product, a service), from what the page declares (``schema_types.json``: JSON-LD
and microdata types, og:type) and its structure (``page_kinds.json``):

* a thread declares one (DiscussionForumPosting, QAPage, og:forum), or marks
  ``MIN_REPLIES`` replies (microdata Comment), or has a forum address and a date and declares
  no product;
* documentation declares it (TechArticle, APIReference), or has ``MIN_CODE_BLOCKS`` blocks
  of code in its body and no date or a documentation address, or (not a listing) has a
  documentation address and no date;
* a collection declares one (og:product.group), or marks ``MIN_PRODUCT_ITEMS`` products in
  microdata, or (undated, declaring no article) shows ``MIN_PRICES`` prices;
* a product declares one (Product, og:product) and no article; a service declares one
  (Service, SoftwareApplication) and no article or product;
* a listing (tested after those) has its blocks in ``MIN_ITEMS`` self-contained items (HTML5
  ``article`` elements: a feed of story cards) and at most ``MAX_FEED_LONG_PARAGRAPHS`` long
  paragraphs in its body, whatever it declares;
* a service page (a firm's own offer) is undated, has no byline, declares no article or
  product, has ``MIN_OFFER_WORDS`` body words, at most ``MAX_OFFER_LONG_PARAGRAPHS`` long
  paragraphs and no more list items than paragraphs, and the firm speaks to its customer:
  "we", "our", "you", "your" are ``MIN_OFFER_WORD_SHARE`` of its body's words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cleannews.blocks import CODE, HEADING, LIST_ITEM, PARAGRAPH, Block
from cleannews.filters.neighbours import MAX_FEED_LONG_PARAGRAPHS, MIN_FEED_ITEMS, feed_items
from cleannews.model import PageType
from cleannews.rules.page_kinds import count_matches, offer_words, price_pattern, url_words
from cleannews.rules.schema_types import type_pattern
from cleannews.words import LONG_PARAGRAPH_WORDS, count_both

#: A body this long is an article whatever else the page holds.
MIN_ARTICLE_WORDS = 150
#: With an article type declared, a body this long is enough.
MIN_DECLARED_WORDS = 50
#: Linked headings in the body that make a page a listing (when they are half its headings).
MIN_TEASERS = 5
#: Linked headings anywhere on a page with little prose that make it a listing.
MIN_PAGE_TEASERS = 10
#: A block this link-heavy is navigation or a teaser.
LINK_HEAVY = 0.5
#: Link-heavy text share above which a page with little prose is "mostly links" (other).
MAX_LINK_SHARE = 0.6
#: A body this long, or with a paragraph this long, is not a listing by page-wide evidence.
LONG_BODY_WORDS = 400
#: A body with this many paragraphs of ``LONG_PARAGRAPH_WORDS`` is prose, not teasers.
MIN_LONG_PARAGRAPHS = 2
#: A dated page with a headline is an article from this many body words...
MIN_NEWS_WORDS = 80
#: ...in at least this many paragraphs of ``PROSE_PARAGRAPH_WORDS`` words.
MIN_PROSE_PARAGRAPHS = 2
PROSE_PARAGRAPH_WORDS = 20
#: Microdata replies (Comment items) that make a page a thread.
MIN_REPLIES = 2
#: Body blocks of code (a ``pre`` or a paragraph holding ``code``) of a documentation page.
MIN_CODE_BLOCKS = 2
#: Microdata Product items, and prices in the page's text, of a shop's collection.
MIN_PRODUCT_ITEMS = 3
MIN_PRICES = 8
#: Self-contained items (``page_kinds.json`` item_tag) holding the blocks of a feed, whose
#: body has at most MAX_FEED_LONG_PARAGRAPHS long paragraphs (filters.neighbours' feed).
MIN_ITEMS = MIN_FEED_ITEMS
#: A service page's body has at least this many words (a "sorry, we couldn't find that page"
#: has a few), at most this many paragraphs of ``LONG_PARAGRAPH_WORDS`` words, no more list
#: items than paragraphs (a checklist or a step-by-step guide is mostly list items)...
MIN_OFFER_WORDS = 50
MAX_OFFER_LONG_PARAGRAPHS = 1
#: ...and this share of its words are the firm's and its customer's (page_kinds offer_words).
MIN_OFFER_WORD_SHARE = 0.03
#: The declared type families of the kinds beyond article and listing, in schema_types.json.
KIND_FAMILIES = ("thread", "documentation", "product", "collection", "service")


@dataclass(frozen=True, slots=True)
class KindSignals:
    """The measured signals of the kinds beyond article and listing."""

    #: Declared types (JSON-LD, microdata, og:type) by family of :data:`KIND_FAMILIES`.
    declared: Mapping[str, list[str]] = field(default_factory=dict)
    #: Microdata reply (Comment) and Product items.
    replies: int = 0
    product_items: int = 0
    #: Body blocks of code; prices in the text of all the page's blocks.
    code_blocks: int = 0
    prices: int = 0
    #: The page has a publication date; a byline.
    published: bool = False
    bylined: bool = False
    #: Self-contained items (item_tag elements) holding the page's blocks.
    items: int = 0
    #: Words of the firm speaking to its customer (offer_words) in the body.
    offer_words: int = 0
    #: The address word naming a kind (``page_kinds.json``), by kind.
    url_kinds: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Signals:
    """The measured signals of one page."""

    declared_article: list[str]
    declared_listing: list[str]
    declared_other: list[str]
    words: int
    link_share: float
    link_blocks: int
    #: Linked headings on the whole page, and in the extracted body (with all its headings).
    teasers: int
    body_teasers: int
    body_headings: int
    #: Words of the longest paragraph in the body (articles have long ones, teasers short).
    longest: int
    #: Words of the body before its first linked heading.
    lead_words: int
    #: Paragraphs of ``LONG_PARAGRAPH_WORDS`` and of ``PROSE_PARAGRAPH_WORDS`` words or more.
    long_paragraphs: int = 0
    prose_paragraphs: int = 0
    #: Paragraphs and list items in the body.
    paragraphs: int = 0
    list_items: int = 0
    #: The page has a headline and a publication date.
    dated_headline: bool = False
    #: The signals of the kinds beyond article and listing.
    kinds: KindSignals = field(default_factory=KindSignals)


def _linked_headings(blocks: Sequence[Block]) -> int:
    heading = HEADING
    return sum(1 for b in blocks if b.kind is heading and b.level >= 2 and _links_away(b))


def _links_away(block: Block) -> bool:
    """Mostly link text, and a link to another page (not an in-page anchor)."""
    if block.link_density <= LINK_HEAVY or block.element is None:
        return block.link_density > LINK_HEAVY
    hrefs = [a.get("href", "").strip() for a in block.element.iter("a")]
    return any(href and not href.startswith(("#", "javascript:")) for href in hrefs)


def _is_heading(block: Block) -> bool:
    return block.kind is HEADING and block.level >= 2


@dataclass(slots=True)
class _Body:
    """Signals of the extracted body, measured in one pass (see :class:`Signals`)."""

    words: int = 0
    lead_words: int = 0
    teasers: int = 0
    headings: int = 0
    longest: int = 0
    long_paragraphs: int = 0
    prose_paragraphs: int = 0
    paragraphs: int = 0
    list_items: int = 0


def _measure_body(body: Sequence[Block]) -> _Body:
    found = _Body()
    lead = True  # no linked heading yet
    for block in body:
        words, spaced = count_both(block.text)
        if _is_heading(block):
            found.headings += 1
            if _links_away(block):
                found.teasers += 1
                lead = False
        elif block.kind is LIST_ITEM:
            found.list_items += 1
        elif block.kind is PARAGRAPH:
            found.paragraphs += 1
            found.longest = max(found.longest, spaced)
            found.long_paragraphs += spaced >= LONG_PARAGRAPH_WORDS
            found.prose_paragraphs += spaced >= PROSE_PARAGRAPH_WORDS
        found.words += words
        if lead:
            found.lead_words += words
    return found


def _link_heavy(blocks: Sequence[Block]) -> tuple[float, int]:
    """(share of the page's characters in link-heavy blocks, number of those blocks)."""
    total = heavy = count = 0
    for block in blocks:
        size = len(block.text)
        total += size
        if block.link_density > LINK_HEAVY:
            heavy += size
            count += 1
    return (heavy / total if total else 0.0), count


@dataclass(frozen=True, slots=True)
class Page:
    """What the page says of itself beyond its blocks: microdata item types, a publication
    date, its address, a byline."""

    item_types: Sequence[str] = ()
    published: bool = False
    url: str | None = None
    bylined: bool = False


def _code_blocks(body: Sequence[Block]) -> int:
    def code(block: Block) -> bool:
        if block.kind is CODE:
            return True
        return block.element is not None and next(block.element.iter("code"), None) is not None

    return sum(1 for block in body if code(block))


def _kind_signals(
    types: Sequence[str], blocks: Sequence[Block], body: Sequence[Block], page: Page
) -> KindSignals:
    """The :class:`Signals` fields of the kinds beyond article and listing."""
    declared = [*types, *dict.fromkeys(page.item_types)]
    families = {name: type_pattern(name) for name in (*KIND_FAMILIES, "reply")}
    return KindSignals(
        declared={n: [t for t in declared if families[n].fullmatch(t)] for n in KIND_FAMILIES},
        replies=sum(1 for t in page.item_types if families["reply"].fullmatch(t)),
        product_items=sum(1 for t in page.item_types if families["product"].fullmatch(t)),
        code_blocks=_code_blocks(body),
        prices=count_matches(price_pattern(), [b.text for b in blocks]),
        published=page.published,
        bylined=page.bylined,
        items=len(feed_items(blocks)),
        offer_words=count_matches(offer_words(), [b.text for b in body]),
        url_kinds={k: w for k, rule in url_words().items() if (w := rule.matches(page.url))},
    )


def measure(
    types: Sequence[str],
    blocks: Sequence[Block],
    body: Sequence[Block],
    *,
    dated_headline: bool = False,
    page: Page | None = None,
) -> Signals:
    """Measure the signals: declared types, body words, link-heavy share, linked headings,
    code, prices and the address; ``dated_headline`` says the page has a headline and a
    publication date, ``page`` what it says of itself beyond its blocks."""
    share, heavy = _link_heavy(blocks)
    found = _measure_body(body)
    listing, other = type_pattern("listing"), type_pattern("other")
    return Signals(
        kinds=_kind_signals(types, blocks, body, page or Page()),
        declared_article=[t for t in types if _is_article_type(t)],
        declared_listing=[t for t in types if listing.fullmatch(t)],
        declared_other=[t for t in types if other.fullmatch(t)],
        words=found.words,
        link_share=share,
        link_blocks=heavy,
        teasers=_linked_headings(blocks),
        body_teasers=found.teasers,
        body_headings=found.headings,
        lead_words=found.lead_words,
        longest=found.longest,
        long_paragraphs=found.long_paragraphs,
        prose_paragraphs=found.prose_paragraphs,
        paragraphs=found.paragraphs,
        list_items=found.list_items,
        dated_headline=dated_headline,
    )


def _is_article_type(kind: str) -> bool:
    return kind == "og:article" or type_pattern("article").fullmatch(kind) is not None


def page_type(
    types: Sequence[str], blocks: Sequence[Block], body: Sequence[Block], page: Page | None = None
) -> tuple[PageType, tuple[str, ...]]:
    """The page type and the reasons for it (the measured signals, then the verdict)."""
    return judge(measure(types, blocks, body, page=page))


def judge(s: Signals) -> tuple[PageType, tuple[str, ...]]:
    """The page type of measured signals and the reasons for it (the signals, then the
    verdict). The pipeline measures first: the reading time reuses the body's word count."""
    reasons = [
        f"body has {s.words} words; {s.body_teasers} of its {s.body_headings} headings are links",
        f"{s.link_share:.0%} of the page text is in {s.link_blocks} link-heavy blocks",
        f"{s.teasers} linked headings on the page",
        f"longest paragraph has {s.longest} words",
    ]
    reasons += _kind_reasons(s)
    declared = [("article", s.declared_article), ("listing", s.declared_listing)]
    for label, found in (*declared, *s.kinds.declared.items()):
        if found:
            reasons.insert(0, f"declares {label} type: {', '.join(found)}")
    kind, verdict = _decide(s)
    return kind, (*reasons, verdict)


def _kind_reasons(s: Signals) -> list[str]:
    """The reasons of the kinds beyond article and listing, those that were found."""
    k = s.kinds
    found = [f"address names a {kind} ('{word}')" for kind, word in k.url_kinds.items()]
    counts = (
        (k.code_blocks, "blocks of code in the body"),
        (k.prices, "prices on the page"),
        (k.replies, "microdata replies"),
        (k.product_items, "microdata products"),
    )
    return found + [f"{n} {label}" for n, label in counts if n]


def _decide(s: Signals) -> tuple[PageType, str]:
    first = _thread(s) or _documentation(s)
    if first:
        return first
    if _teaser_body(s):
        return PageType.LISTING, "listing: the body is a list of linked headlines (teasers)"
    listing = _listing_without_declared_article(s) if not s.declared_article else None
    if listing:
        return PageType.LISTING, listing
    later = _documentation_address(s) or _shop(s) or _service(s) or _feed(s) or _offer(s)
    if later:
        return later
    prose = s.words >= MIN_ARTICLE_WORDS or s.longest >= LONG_PARAGRAPH_WORDS
    if prose or (s.declared_article and s.words >= MIN_DECLARED_WORDS):
        return PageType.ARTICLE, "article: a body of prose"
    if _short_news(s):
        return PageType.ARTICLE, "article: a short news item (headline, date and prose)"
    if s.declared_other:
        return PageType.OTHER, f"other: declared {', '.join(s.declared_other)}"
    if s.link_share > MAX_LINK_SHARE:
        return PageType.OTHER, "other: mostly links, little prose"
    return PageType.OTHER, "other: too little body text for an article"


def _teaser_body(s: Signals) -> bool:
    """Most of the body's headings are links, and they start before most of its prose (an
    article followed by a box of related headlines is still an article)."""
    many = s.body_teasers >= MIN_TEASERS and 2 * s.body_teasers >= s.body_headings
    return many and 2 * s.lead_words < s.words and s.long_paragraphs < MIN_LONG_PARAGRAPHS


def _short_news(s: Signals) -> bool:
    return (
        s.dated_headline
        and s.words >= MIN_NEWS_WORDS
        and s.prose_paragraphs >= MIN_PROSE_PARAGRAPHS
        and s.link_share <= MAX_LINK_SHARE
    )


def _listing_without_declared_article(s: Signals) -> str | None:
    """Page-wide listing evidence, used only when the page does not declare an article and
    its body has neither many words nor a long paragraph."""
    if s.words >= LONG_BODY_WORDS or s.longest >= LONG_PARAGRAPH_WORDS:
        return None
    if s.teasers >= MIN_PAGE_TEASERS:
        return f"listing: {s.teasers} linked headings and little prose"
    if s.declared_listing:
        return "listing: declared listing type"
    return None


Verdict = tuple[PageType, str] | None


def _thread(s: Signals) -> Verdict:
    k = s.kinds
    if k.declared["thread"]:
        return PageType.THREAD, f"thread: declared {', '.join(k.declared['thread'])}"
    if k.replies >= MIN_REPLIES:
        return PageType.THREAD, f"thread: {k.replies} replies marked in microdata"
    if "thread" in k.url_kinds and k.published and not k.declared["product"]:
        return PageType.THREAD, "thread: a dated page at a forum address"
    return None


def _documentation(s: Signals) -> Verdict:
    k = s.kinds
    if k.declared["documentation"]:
        return PageType.DOCUMENTATION, "documentation: declared " + ", ".join(
            k.declared["documentation"]
        )
    at_docs = "documentation" in k.url_kinds
    if k.code_blocks >= MIN_CODE_BLOCKS and (at_docs or not k.published):
        where = "at a documentation address" if at_docs else "undated"
        return PageType.DOCUMENTATION, f"documentation: {k.code_blocks} blocks of code, {where}"
    return None


def _documentation_address(s: Signals) -> Verdict:
    """An undated page at a documentation address (not a listing: tested after those)."""
    if "documentation" in s.kinds.url_kinds and not s.kinds.published:
        return PageType.DOCUMENTATION, "documentation: an undated page at a documentation address"
    return None


def _shop(s: Signals) -> Verdict:
    k = s.kinds
    if k.declared["collection"] or k.product_items >= MIN_PRODUCT_ITEMS:
        found = k.declared["collection"] or [f"{k.product_items} microdata products"]
        return PageType.COLLECTION, f"collection: {', '.join(found)}"
    if k.declared["product"] and not s.declared_article:
        return PageType.PRODUCT, f"product: declared {', '.join(k.declared['product'])}"
    if k.prices >= MIN_PRICES and not k.published and not s.declared_article:
        return PageType.COLLECTION, f"collection: {k.prices} prices, undated"
    return None


def _service(s: Signals) -> Verdict:
    k = s.kinds
    if k.declared["service"] and not s.declared_article and not k.declared["product"]:
        return PageType.SERVICE, f"service: declared {', '.join(k.declared['service'])}"
    return None


def _feed(s: Signals) -> Verdict:
    """A feed of story or post cards: many self-contained items hold the page's blocks and the
    body has little long prose (a story with a few related cards has many long paragraphs)."""
    if s.kinds.items >= MIN_ITEMS and s.long_paragraphs <= MAX_FEED_LONG_PARAGRAPHS:
        return PageType.LISTING, f"listing: {s.kinds.items} self-contained items and little prose"
    return None


def _offer(s: Signals) -> Verdict:
    """A firm's own offer: undated, no byline, no long prose, and written as "we" to "you"."""
    k = s.kinds
    if k.published or k.bylined or s.declared_article or k.declared["product"]:
        return None
    if s.words < MIN_OFFER_WORDS or s.long_paragraphs > MAX_OFFER_LONG_PARAGRAPHS:
        return None
    if s.list_items > s.paragraphs:
        return None
    if k.offer_words >= MIN_OFFER_WORD_SHARE * s.words:
        share = f"{k.offer_words / s.words:.0%}"
        return PageType.SERVICE, f"service: undated, no byline, little prose, {share} we/you words"
    return None
