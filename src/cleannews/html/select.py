"""Choose the main-content container (a feature for the block classifier).

The best-scoring container wins (container score scaled by its link density). Like
Readability, a parent that scores nearly as well replaces it (the article was split over
several children), and siblings that score well enough, or are plain prose paragraphs, join it.
On a discussion thread (the page declares one, or its posts are marked up as posts) the
chosen container lies in one post: every post beside it joins, in order.
"""

from __future__ import annotations

from cleannews.blocks import Block
from cleannews.dom import Element, link_density, link_share, text_of
from cleannews.html.scoring import CLASS_WEIGHT, container_prior, container_scores
from cleannews.rules.schema_types import type_pattern

#: Candidates considered after link-density scaling.
TOP_CANDIDATES = 5
#: A sibling joins the article when it scores at least this share of the winner.
SIBLING_SHARE = 0.2
SIBLING_MIN_SCORE = 10.0
#: Widen the container only while the text it adds has at most this link density.
MAX_ADDED_LINK_DENSITY = 0.3
#: Stop climbing when the parent scores less than this share of the current container.
CLIMB_SHARE = 1 / 3


def main_containers(blocks: list[Block], *, thread: bool = False) -> list[Element]:
    """The containers of the main content, in document order; empty when no block scores.
    ``thread``: the page declares itself a discussion thread (see :func:`thread_posts`)."""
    raw = container_scores(blocks)
    if not raw:
        return []
    best = sorted(raw.items(), key=lambda pair: pair[1], reverse=True)[: 2 * TOP_CANDIDATES]
    sums = inside_sums(blocks)
    scaled = sorted(
        ((score * (1.0 - _link_density(sums[el])), el) for el, score in best),
        key=lambda pair: pair[0],
        reverse=True,
    )
    ranked = scaled[:TOP_CANDIDATES]
    chosen = {el for _, el in ranked}
    scores = dict((el, s) for s, el in ranked) | {
        el: s for el, s in raw.items() if el not in chosen
    }
    top = _expand(_climb(_past_tiny(scaled, sums), scores), sums)
    return thread_posts(top, thread=thread) or _with_siblings(top, scores)


#: A winner named for content (a class/id prior of at least this) holding fewer characters
#: than this won on its name alone...
NAMED_PRIOR = CLASS_WEIGHT / 2
TINY_WINNER_CHARS = 300
#: ...and gives way to a ranked candidate holding this many times its text, with little of it
#: links (MAX_ADDED_LINK_DENSITY) and at least this share of its score.
WIDER_TEXT_RATIO = 4
WIDER_SCORE_SHARE = 0.5


def _past_tiny(ranked: list[tuple[float, Element]], sums: dict[Element, list[int]]) -> Element:
    """The best of the ``ranked`` candidates, unless it is a tiny element named for content
    (a banner, a card's text in a ``content`` div) that outscores the page's real content only
    by its prior: Readability's decaying scores reach few levels up, so a product page's text
    spread over many columns adds little to the one element holding it all. Then the ranked
    candidate with the most text wins."""
    score, best = ranked[0]
    chars = sums[best][0]
    if chars >= TINY_WINNER_CHARS or container_prior(best) < NAMED_PRIOR:
        return best
    wider = [
        (sums[el][0], el)
        for s, el in ranked[1:]
        if s >= WIDER_SCORE_SHARE * score
        and sums[el][0] >= WIDER_TEXT_RATIO * chars
        and _link_density(sums[el]) <= MAX_ADDED_LINK_DENSITY
    ]
    return max(wider, key=lambda pair: pair[0])[1] if wider else best


#: A thread has at least this many posts (the question and one answer).
MIN_POSTS = 2
#: How far above the chosen container a post element may lie.
MAX_POST_DEPTH = 12


def thread_posts(top: Element, *, thread: bool) -> list[Element]:
    """The posts of the thread ``top`` lies in: of the ancestors-or-self of ``top``, the one
    with the most siblings of its tag and first class name (the post elements of a forum
    engine; a post's own cells are fewer), each holding text, and at least ``MIN_POSTS``.
    Taken when the page declares a thread (``thread``) or the posts carry a post item type
    (``itemtype`` Comment, Answer...); else empty."""
    post_type = type_pattern("post")
    best: list[Element] = []
    for depth, element in enumerate((top, *top.iterancestors())):
        parent = element.getparent()
        if depth > MAX_POST_DEPTH or parent is None or element.tag in ("body", "html"):
            break
        signature = _signature(element)
        if signature is None:
            continue
        same = [s for s in parent if _signature(s) == signature]
        if len(same) < max(MIN_POSTS, len(best)):
            continue
        if not thread and not any(post_type.fullmatch(_item_type(s)) for s in same):
            continue  # no post marked as one: the text test below is not needed
        posts = [s for s in same if text_of(s).strip()]
        if len(posts) < max(MIN_POSTS, len(best)):
            continue
        if thread or all(post_type.fullmatch(_item_type(p)) for p in posts):
            best = posts
    return best


def _signature(element: Element) -> tuple[str, str] | None:
    """(tag, first class name): what marks an element as one of a run of like elements."""
    names = element.get("class", "").split()
    return (element.tag, names[0]) if names and isinstance(element.tag, str) else None


def _item_type(element: Element) -> str:
    return element.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1]


def inside_sums(blocks: list[Block]) -> dict[Element, list[int]]:
    """[characters, link characters] of the blocks inside each element of their ancestors."""
    sums: dict[Element, list[int]] = {}
    for block in blocks:
        chars, linked = len(block.text), block.link_chars
        ancestors = block.ancestors
        if len(ancestors) > 1 and ancestors[1] is ancestors[0]:
            ancestors = ancestors[1:]  # the walk's root, twice: count each block once
        for element in ancestors:
            pair = sums.get(element)
            if pair is None:
                sums[element] = [chars, linked]
            else:
                pair[0] += chars
                pair[1] += linked
    return sums


def _link_density(pair: list[int]) -> float:
    """Link density of an [characters, link characters] pair of :func:`inside_sums`."""
    return link_share(pair[1], pair[0])


def _expand(top: Element, sums: dict[Element, list[int]]) -> Element:
    """Widen to an ancestor while what it adds reads like prose, not link lists.

    What a parent adds is its blocks' sums less ``top``'s: ``Block.ancestors`` holds every
    block-level ancestor, so a block inside ``top`` is inside a block-level parent too.
    """
    for parent in top.iterancestors():
        if parent.tag in ("html", "body"):
            break
        outer = sums.get(parent)  # None: an inline parent, with no block of its own
        if outer is not None:
            inner = sums.get(top, [0, 0])
            chars, linked = outer[0] - inner[0], outer[1] - inner[1]
            if link_share(linked, chars) > MAX_ADDED_LINK_DENSITY:
                break
        top = parent
    return top


def _climb(top: Element, scores: dict[Element, float]) -> Element:
    last = scores.get(top, 0.0)
    threshold = last * CLIMB_SHARE
    for parent in top.iterancestors():
        if parent.tag in ("body", "html"):
            break
        if parent not in scores:
            continue
        parent_score = scores[parent]
        if parent_score < threshold:
            break
        if parent_score > last:
            return _only_child_up(parent)
        last = parent_score
    return _only_child_up(top)


def _only_child_up(top: Element) -> Element:
    while (parent := top.getparent()) is not None and len(parent) == 1:
        if parent.tag in ("body", "html"):  # never climb to (or past) the body
            break
        top = parent  # the only child: its parent holds exactly the same content
    return top


def _with_siblings(top: Element, scores: dict[Element, float]) -> list[Element]:
    parent = top.getparent()
    if parent is None or parent.tag in ("html",):
        return [top]
    threshold = max(SIBLING_MIN_SCORE, scores.get(top, 0.0) * SIBLING_SHARE)
    top_class = top.get("class")
    chosen = []
    for sibling in parent:
        if sibling is top:
            chosen.append(sibling)
            continue
        bonus = scores.get(top, 0.0) * 0.2 if top_class and sibling.get("class") == top_class else 0
        if scores.get(sibling, -1e9) + bonus >= threshold or _prose(sibling):
            chosen.append(sibling)
    return chosen


def _prose(element: Element) -> bool:
    if element.tag != "p":
        return False
    text = text_of(element)
    density = link_density(element)
    if len(text) > 80:
        return density < 0.25
    return density == 0 and text.endswith(".")
