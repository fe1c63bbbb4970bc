"""Markdown: ``# headline``, a metadata line, section headings at their levels, then content."""

from __future__ import annotations

from typing import assert_never

from cleannews.model import Article, Code, Content, Figure, Link, ListBlock, Paragraph, Quote, Table
from cleannews.output._inline import inline
from cleannews.output.dicts import iso
from cleannews.rules.diskcache import compile_pattern

_MD_SPECIAL = compile_pattern(r"[\\`*\[\]]|(?<!\w)_|_(?!\w)|<(?=[\p{L}/!?])")
_MD_LINE_START = compile_pattern(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s)|(\d{1,9})([.)])(?=\s|$))")
_MD_RULE = compile_pattern(r"^\s*(?:[-=_*]\s*){3,}$")
_FENCE_RUN = compile_pattern(r"`{3,}")


def md_escape(text: str) -> str:
    """Escape what Markdown would read as markup inside running text."""
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(), text)


def _block_start(line: str) -> str:
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


def _url(url: str) -> str:
    url = url.replace(" ", "%20")
    if url.count("(") != url.count(")") or "<" in url or ">" in url:
        return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return url


def _inline(text: str, links: tuple[Link, ...] = ()) -> str:
    rendered = inline(text, links, md_escape, lambda t, u: f"[{t}]({_url(u)})")
    return _block_start(rendered)


def _list(node: ListBlock, indent: str = "") -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(node.items, 1):
        marker = f"{number}." if node.ordered else "-"
        lines.append(f"{indent}{marker} {_inline(item.text, item.links)}".rstrip())
        for child in item.children:
            lines.extend(_list(child, indent + " " * (len(marker) + 1)))
    return lines


def _quote(node: Quote) -> str:
    inner = "\n\n".join(render_node(child) for child in node.content)
    return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))


def _code(node: Code) -> str:
    longest = max((len(run) for run in _FENCE_RUN.findall(node.text)), default=2)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{node.language or ''}\n{node.text}\n{fence}"


def _figure(node: Figure) -> str:
    lines = [f"![{md_escape(image.alt)}]({_url(image.src)})" for image in node.images]
    if node.caption:
        lines.append(f"*{md_escape(node.caption)}*")
    return "\n".join(lines)


def _table(table: Table) -> str:
    width = max(len(r) for r in table.rows)
    rows = [list(r) + [""] * (width - len(r)) for r in table.rows]
    cells = [[md_escape(c).replace("|", "\\|") for c in r] for r in rows]
    head = cells[0] if table.header else [""] * width
    body = cells[1:] if table.header else cells
    lines = [f"*{md_escape(table.caption)}*", ""] if table.caption else []
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(lines)


def render_node(node: Content) -> str:
    """One body node as Markdown."""
    match node:
        case ListBlock():
            return "\n".join(_list(node))
        case Quote():
            return _quote(node)
        case Code():
            return _code(node)
        case Table():
            return _table(node)
        case Figure():
            return _figure(node)
        case Paragraph():
            return _inline(node.text, node.links)
        case _:
            assert_never(node)


def to_markdown(article: Article) -> str:
    """Markdown: ``# headline``, metadata line, section headings at their levels."""
    parts: list[str] = []
    if article.title:
        parts.append(f"# {md_escape(article.title)}")
    meta = [m for m in (iso(article.published), ", ".join(article.authors)) if m]
    if meta:
        parts.append("*" + md_escape(" · ".join(meta)) + "*")
    for section in article.sections:
        if section.heading:
            level = min(max(section.level, 2), 6)
            parts.append(f"{'#' * level} {md_escape(section.heading)}")
        parts.extend(render_node(node) for node in section.content)
    return "\n\n".join(parts) + "\n"
