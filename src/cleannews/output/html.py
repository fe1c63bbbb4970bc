"""HTML: an ``<article>`` with an ``<h1>`` headline, headings with ids, then the content."""

from __future__ import annotations

from html import escape
from typing import assert_never

from cleannews.model import Article, Code, Content, Figure, Link, ListBlock, Paragraph, Quote, Table
from cleannews.output._inline import inline


def _h(text: str) -> str:
    return escape(text, quote=False)


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _inline(text: str, links: tuple[Link, ...] = ()) -> str:
    return inline(text, links, _h, lambda t, u: f'<a href="{_attr(u)}">{t}</a>')


def _list(node: ListBlock) -> str:
    tag = "ol" if node.ordered else "ul"
    items = []
    for item in node.items:
        children = "".join(_list(child) for child in item.children)
        items.append(f"<li>{_inline(item.text, item.links)}{children}</li>")
    return f"<{tag}>" + "".join(items) + f"</{tag}>"


def _table(table: Table) -> str:
    rows = [list(r) for r in table.rows]
    parts = ["<table>"]
    if table.caption:
        parts.append(f"<caption>{_h(table.caption)}</caption>")
    if table.header:
        head = "".join(f"<th>{_h(c)}</th>" for c in rows[0])
        parts.append(f"<thead><tr>{head}</tr></thead>")
        rows = rows[1:]
    body = "".join("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in row) + "</tr>" for row in rows)
    parts.append(f"<tbody>{body}</tbody></table>")
    return "".join(parts)


def _figure(node: Figure) -> str:
    images = "".join(f'<img src="{_attr(i.src)}" alt="{_attr(i.alt)}">' for i in node.images)
    caption = f"<figcaption>{_h(node.caption)}</figcaption>" if node.caption else ""
    return f"<figure>{images}{caption}</figure>"


def render_node(node: Content) -> str:
    """One body node as HTML."""
    match node:
        case ListBlock():
            return _list(node)
        case Quote():
            return "<blockquote>" + "".join(render_node(c) for c in node.content) + "</blockquote>"
        case Code():
            language = f' class="language-{_attr(node.language)}"' if node.language else ""
            return f"<pre><code{language}>{_h(node.text)}</code></pre>"
        case Table():
            return _table(node)
        case Figure():
            return _figure(node)
        case Paragraph():
            return f"<p>{_inline(node.text, node.links)}</p>"
        case _:
            assert_never(node)


def to_html(article: Article) -> str:
    """Clean semantic HTML: ``<article>``, ``<h1>`` headline, headings with ids, content."""
    lang = f' lang="{_attr(article.language)}"' if article.language else ""
    parts = [f"<article{lang}>"]
    if article.title:
        parts.append(f"<h1>{_h(article.title)}</h1>")
    for section in article.sections:
        if section.heading:
            level = min(max(section.level, 2), 6)
            anchor = f' id="{_attr(section.anchor)}"' if section.anchor else ""
            parts.append(f"<h{level}{anchor}>{_h(section.heading)}</h{level}>")
        parts.extend(render_node(node) for node in section.content)
    parts.append("</article>")
    return "\n".join(parts) + "\n"


def to_page(article: Article) -> str:
    """A standalone HTML page: doctype, charset, ``<title>``, then :func:`to_html` with a
    byline and date line under the headline."""
    lang = f' lang="{_attr(article.language)}"' if article.language else ""
    title = f"<title>{_h(article.title)}</title>" if article.title else ""
    body = to_html(article)
    byline = _byline(article)
    if byline:
        headline_end = body.find("</h1>\n")
        at = headline_end + len("</h1>\n") if headline_end >= 0 else body.find("\n") + 1
        body = body[:at] + byline + "\n" + body[at:]
    return (
        f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{title}\n'
        f"</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _byline(article: Article) -> str:
    parts = []
    if article.authors:
        parts.append(f'<span class="byline">{_h(", ".join(article.authors))}</span>')
    if article.published is not None:
        stamp = article.published.isoformat()
        parts.append(f'<time datetime="{_attr(stamp)}">{_h(stamp[:10])}</time>')
    return f'<p class="meta">{" · ".join(parts)}</p>' if parts else ""
