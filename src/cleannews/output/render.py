"""Renderers for :class:`~cleannews.model.Article`: dict/JSON, Markdown, HTML and plain text.

Every format is rendered from the one Article tree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

import regex

from cleannews import model

if TYPE_CHECKING:
    from cleannews.model import Article, Content, Link, Section

_MD_SPECIAL = regex.compile(r"[\\`*\[\]]|(?<!\w)_|_(?!\w)|<(?=[\p{L}/!?])")
_MD_LINE_START = regex.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s)|(\d{1,9})([.)])(?=\s|$))")
_MD_RULE = regex.compile(r"^\s*(?:[-=_*]\s*){3,}$")
_FENCE_RUN = regex.compile(r"`{3,}")


# --- plain text --------------------------------------------------------------------------------


def content_text(node: Content) -> str:
    """Plain text of one body node (list items and table rows one per line)."""
    if isinstance(node, model.ListBlock):
        return "\n".join(node.texts)
    if isinstance(node, model.Table):
        rows = "\n".join(" | ".join(row) for row in node.rows)
        return f"{node.caption}\n{rows}" if node.caption else rows
    return node.text


def body_text(article: Article) -> str:
    """The body: headings and content of every section, separated by blank lines."""
    parts: list[str] = []
    for section in article.sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(content_text(node) for node in section.content)
    return "\n\n".join(p for p in parts if p)


def to_text(article: Article) -> str:
    """Headline, a blank line, then the body."""
    body = body_text(article)
    return f"{article.title}\n\n{body}" if article.title else body


# --- dict / JSON -------------------------------------------------------------------------------


def _links_list(links: tuple[Link, ...]) -> list[dict[str, str]]:
    return [{"text": link.text, "url": link.url} for link in links]


def _list_dict(node: model.ListBlock) -> dict[str, Any]:
    items = [
        {
            "text": item.text,
            "links": _links_list(item.links),
            "children": [_list_dict(child) for child in item.children],
        }
        for item in node.items
    ]
    return {"type": "list", "ordered": node.ordered, "items": items}


def _content_dict(node: Content) -> dict[str, Any]:
    if isinstance(node, model.Paragraph):
        return {"type": "paragraph", "text": node.text, "links": _links_list(node.links)}
    if isinstance(node, model.ListBlock):
        return _list_dict(node)
    if isinstance(node, model.Quote):
        content = [_content_dict(inner) for inner in node.content]
        return {"type": "quote", "text": node.text, "content": content}
    if isinstance(node, model.Code):
        return {"type": "code", "language": node.language, "text": node.text}
    if isinstance(node, model.Figure):
        images = [{"src": image.src, "alt": image.alt} for image in node.images]
        return {"type": "figure", "images": images, "caption": node.caption}
    rows = [list(r) for r in node.rows]
    return {"type": "table", "caption": node.caption, "header": node.header, "rows": rows}


def _section_dict(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "level": section.level,
        "anchor": section.anchor,
        "content": [_content_dict(c) for c in section.content],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def to_dict(article: Article) -> dict[str, Any]:
    """A JSON-ready dict; dates become ISO 8601 strings."""
    return {
        "title": article.title,
        "url": article.url,
        "published": _iso(article.published),
        "modified": _iso(article.modified),
        "authors": list(article.authors),
        "description": article.description,
        "site_name": article.site_name,
        "language": article.language,
        "reading_time_minutes": article.reading_time_minutes,
        "word_count": article.word_count,
        "is_article": article.is_article,
        "page_type": article.page_type.value,
        "page_type_reasons": list(article.page_type_reasons),
        "subtitle": article.subtitle,
        "publisher": article.publisher,
        "canonical_url": article.canonical_url,
        "section": article.section,
        "tags": list(article.tags),
        "image": article.image,
        "license": article.license,
        "toc": [{"title": t.title, "level": t.level, "anchor": t.anchor} for t in article.toc],
        "toc_source": article.toc_source.value,
        "toc_warnings": list(article.toc_warnings),
        "sections": [_section_dict(s) for s in article.sections],
        "text": article.text,
        "boilerplate": [
            {"text": r.text, "rule": r.rule, "reason": r.reason} for r in article.boilerplate
        ],
        "provenance": dict(article.provenance),
    }


def to_json(article: Article, *, indent: int | None = 2) -> str:
    """The article as JSON (UTF-8 text, non-ASCII kept)."""
    return json.dumps(to_dict(article), ensure_ascii=False, indent=indent)


# --- inline text with links (shared by Markdown and HTML) ---------------------------------------


def _spans(text: str, links: tuple[Link, ...]) -> Iterator[tuple[str, Link | None]]:
    """``text`` cut into plain runs and link runs, each link at its next occurrence."""
    position = 0
    for link in links:
        start = text.find(link.text, position)
        if start < 0 or not link.text:
            continue
        if start > position:
            yield text[position:start], None
        yield link.text, link
        position = start + len(link.text)
    if position < len(text):
        yield text[position:], None


def _inline(
    text: str,
    links: tuple[Link, ...],
    plain: Callable[[str], str],
    linked: Callable[[str, str], str],
) -> str:
    return "".join(
        plain(part) if link is None else linked(plain(part), link.url)
        for part, link in _spans(text, links)
    )


# --- Markdown ----------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Escape what Markdown would read as markup inside running text."""
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(), text)


def _md_block_start(line: str) -> str:
    """Escape a line start that Markdown would read as a heading, quote, list or rule."""
    if _MD_RULE.match(line):
        return "\\" + line.lstrip()
    match = _MD_LINE_START.match(line)
    if match is None:
        return line
    if match.group(3) is not None:  # "1. " -> "1\. "
        end = match.end(3)
        return line[:end] + "\\" + line[end:]
    return line[: match.start(2)] + "\\" + line[match.start(2) :]


def _md_url(url: str) -> str:
    url = url.replace(" ", "%20")
    if url.count("(") != url.count(")") or "<" in url or ">" in url:
        return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return url


def _md_inline(text: str, links: tuple[Link, ...] = ()) -> str:
    rendered = _inline(text, links, md_escape, lambda t, u: f"[{t}]({_md_url(u)})")
    return _md_block_start(rendered)


def _md_list(node: model.ListBlock, indent: str = "") -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(node.items, 1):
        marker = f"{number}." if node.ordered else "-"
        lines.append(f"{indent}{marker} {_md_inline(item.text, item.links)}".rstrip())
        for child in item.children:
            lines.extend(_md_list(child, indent + " " * (len(marker) + 1)))
    return lines


def _md_quote(node: model.Quote) -> str:
    inner = "\n\n".join(_markdown_node(child) for child in node.content)
    return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))


def _md_code(node: model.Code) -> str:
    longest = max((len(run) for run in _FENCE_RUN.findall(node.text)), default=2)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{node.language or ''}\n{node.text}\n{fence}"


def _md_figure(node: model.Figure) -> str:
    lines = [f"![{md_escape(image.alt)}]({_md_url(image.src)})" for image in node.images]
    if node.caption:
        lines.append(f"*{md_escape(node.caption)}*")
    return "\n".join(lines)


def _markdown_table(table: model.Table) -> str:
    width = max(len(r) for r in table.rows)
    rows = [list(r) + [""] * (width - len(r)) for r in table.rows]
    cells = [[md_escape(c).replace("|", "\\|") for c in r] for r in rows]
    head = cells[0] if table.header else [""] * width
    body = cells[1:] if table.header else cells
    lines = [f"*{md_escape(table.caption)}*", ""] if table.caption else []
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(lines)


def _markdown_node(node: Content) -> str:
    if isinstance(node, model.ListBlock):
        return "\n".join(_md_list(node))
    if isinstance(node, model.Quote):
        return _md_quote(node)
    if isinstance(node, model.Code):
        return _md_code(node)
    if isinstance(node, model.Table):
        return _markdown_table(node)
    if isinstance(node, model.Figure):
        return _md_figure(node)
    return _md_inline(node.text, node.links)


def to_markdown(article: Article) -> str:
    """Markdown: ``# headline``, metadata line, section headings at their levels."""
    parts: list[str] = []
    if article.title:
        parts.append(f"# {md_escape(article.title)}")
    meta = [m for m in (_iso(article.published), ", ".join(article.authors)) if m]
    if meta:
        parts.append("*" + md_escape(" · ".join(meta)) + "*")
    for section in article.sections:
        if section.heading:
            level = min(max(section.level, 2), 6)
            parts.append(f"{'#' * level} {md_escape(section.heading)}")
        parts.extend(_markdown_node(node) for node in section.content)
    return "\n\n".join(parts) + "\n"


# --- HTML --------------------------------------------------------------------------------------


def _h(text: str) -> str:
    return escape(text, quote=False)


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _html_inline(text: str, links: tuple[Link, ...] = ()) -> str:
    return _inline(text, links, _h, lambda t, u: f'<a href="{_attr(u)}">{t}</a>')


def _html_list(node: model.ListBlock) -> str:
    tag = "ol" if node.ordered else "ul"
    items = []
    for item in node.items:
        children = "".join(_html_list(child) for child in item.children)
        items.append(f"<li>{_html_inline(item.text, item.links)}{children}</li>")
    return f"<{tag}>" + "".join(items) + f"</{tag}>"


def _html_table(table: model.Table) -> str:
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


def _html_figure(node: model.Figure) -> str:
    images = "".join(f'<img src="{_attr(i.src)}" alt="{_attr(i.alt)}">' for i in node.images)
    caption = f"<figcaption>{_h(node.caption)}</figcaption>" if node.caption else ""
    return f"<figure>{images}{caption}</figure>"


def _html_node(node: Content) -> str:
    if isinstance(node, model.ListBlock):
        return _html_list(node)
    if isinstance(node, model.Quote):
        return "<blockquote>" + "".join(_html_node(c) for c in node.content) + "</blockquote>"
    if isinstance(node, model.Code):
        language = f' class="language-{_attr(node.language)}"' if node.language else ""
        return f"<pre><code{language}>{_h(node.text)}</code></pre>"
    if isinstance(node, model.Table):
        return _html_table(node)
    if isinstance(node, model.Figure):
        return _html_figure(node)
    return f"<p>{_html_inline(node.text, node.links)}</p>"


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
        parts.extend(_html_node(node) for node in section.content)
    parts.append("</article>")
    return "\n".join(parts) + "\n"
