"""Structure: what segmentation records, how blocks become the Article tree, and how the tree
is rendered (JSON, Markdown, HTML, text), and the page TOC against the sections."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TypeVar

import pytest
from lxml import etree

import cleannews
import support
from cleannews import (
    Code,
    Figure,
    Image,
    InputKind,
    Link,
    ListBlock,
    ListItem,
    Options,
    Paragraph,
    Quote,
    Section,
    Table,
    TocEntry,
    TocSource,
)
from cleannews.blocks import BlockKind
from cleannews.html.parse import parse_html
from cleannews.html.segment import segment
from cleannews.output import md_escape
from cleannews.structure.sections import document_base, resolve, sections
from cleannews.structure.toc import article_toc

T = TypeVar("T")
PROSE = support.PROSE
_body = support.body_of


def _content(markup: str, base: str | None = None) -> tuple[object, ...]:
    """Content of the single section made from all blocks of ``markup``."""
    parts = sections(segment(_body(markup)), base=base)
    return tuple(node for part in parts for node in part.content)


def _article(markup: str, url: str | None = None, head: str = "") -> cleannews.Article:
    page = (
        f"<html><head><title>Bridge reopens</title>{head}</head><body><article>"
        f"<h1>Bridge reopens</h1><p>{PROSE}</p>{markup}<p>{PROSE} Again.</p>"
        "</article></body></html>"
    )
    return cleannews.extract(page, url=url)


# segment: the block semantics the classifier was trained on stay as they were ----------------


def test_block_kinds_levels_and_groups_are_unchanged_by_nesting() -> None:
    blocks = segment(_body("<ul><li>one</li><li>two<ol><li>inner</li></ol>tail</li></ul>"))
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        (BlockKind.LIST_ITEM, "one", 0),
        (BlockKind.LIST_ITEM, "two", 0),
        (BlockKind.LIST_ITEM, "inner", 1),
        (BlockKind.LIST_ITEM, "tail", 0),
    ]
    one, two, inner, tail = blocks
    assert one.group == two.group == tail.group != inner.group  # groups stay per list
    assert inner.item is not None and inner.item.list.parent is two.item


def test_segment_records_links_without_script_targets() -> None:
    (block,) = segment(
        _body('<p>See <a href="/a"> the  report</a>, <a href="javascript:x()">this</a>.</p>')
    )
    assert block.links == (("the report", "/a"),)
    assert block.link_chars == len("the  report") + len("this")  # as before: raw link text


def test_segment_records_cells_with_rows_columns_and_headers() -> None:
    blocks = segment(
        _body(
            "<table><caption>Cap</caption><thead><tr><th>A</th><th>B</th></tr></thead>"
            '<tr><td colspan="2">wide</td><td>c</td></tr></table>'
        )
    )
    caption, a, b, wide, c = blocks
    assert a.cell is not None and caption.caption_of is a.cell.table
    assert [(x.cell.row, x.cell.column, x.cell.header) for x in (a, b, wide, c) if x.cell] == [
        (1, 0, True),
        (1, 1, True),
        (2, 0, False),
        (2, 2, False),
    ]
    assert a.cell.table.data


@pytest.mark.parametrize(
    ("cells", "data"),
    [
        ("<td>a</td><td>b</td>", True),
        (f"<td><p>{PROSE}</p><p>{PROSE}</p></td><td>b</td>", False),  # cells holding prose
        ("<td><h2>Title</h2></td><td>b</td>", False),
        ("<td><table><tr><td>x</td></tr></table></td><td>b</td>", False),  # nested table
        ("<th>Head</th><td><table><tr><td>x</td></tr></table></td>", True),  # ... with th
    ],
)
def test_layout_tables_are_told_from_data_tables(cells: str, data: bool) -> None:
    blocks = segment(_body(f"<table><tr>{cells}</tr><tr><td>c</td><td>d</td></tr></table>"))
    outer = blocks[-1].cell
    assert outer is not None and outer.table.data is data


def test_segment_records_figures_code_and_quotes() -> None:
    blocks = segment(
        _body(
            '<figure><img src="data:x" data-src="/a.jpg" alt=" A  cat "><figcaption>Cap'
            '</figcaption></figure><figure><img src="/b.jpg"></figure><p>After.</p>'
            '<pre><code class="language-python">x = 1<br>y = 2</code></pre>'
            "<blockquote><p>one</p><p>two</p></blockquote><blockquote><p>three</p></blockquote>"
        )
    )
    caption, after, x, y, one, two, three = blocks
    assert caption.figure is not None and caption.figure.images == [("/a.jpg", "A cat")]
    assert [f.images for f in after.figures_before] == [[("/b.jpg", "")]]
    assert x.code is y.code and x.code is not None and x.code.language == "python"
    assert one.quote == two.quote != three.quote


# structure: blocks -> content ------------------------------------------------------------------


def test_nested_lists_become_one_tree() -> None:
    (node,) = _content(
        "<ul><li>one</li><li>two<ol><li>inner <a href='/i'>link</a></li></ol></li>"
        "<li><p>para one</p><p>para two</p></li><li>split<br>item</li></ul>",
        base="https://example.org/x/",
    )
    assert node == ListBlock(
        (
            ListItem("one"),
            ListItem(
                "two",
                children=(
                    ListBlock(
                        (ListItem("inner link", (Link("link", "https://example.org/i"),)),),
                        ordered=True,
                    ),
                ),
            ),
            ListItem("para one para two"),
            ListItem("split item"),
        )
    )
    assert isinstance(node, ListBlock)
    assert node.walk() == (
        (0, "one"),
        (0, "two"),
        (1, "inner link"),
        (0, "para one para two"),
        (0, "split item"),
    )


def test_text_after_a_nested_list_stays_in_document_order() -> None:
    (node,) = _content("<ul><li>two<ul><li>inner</li></ul>tail</li></ul>")
    assert isinstance(node, ListBlock)
    assert node.texts == ("two", "inner", "tail")


def test_layout_list_items_are_not_list_items() -> None:
    content = _content(f"<ul><li><h3>Story</h3><p>{PROSE}</p></li></ul>")
    assert content == (Paragraph(PROSE),)


def test_plain_text_bullets_nest_by_indentation() -> None:
    article = cleannews.extract(
        f"Bridge reopens\n\n{PROSE}\n\n- one\n  - inner\n- two\n\n{PROSE}",
        options=Options(input_kind=InputKind.TEXT),
    )
    lists = [c for s in article.sections for c in s.content if isinstance(c, ListBlock)]
    assert lists == [
        ListBlock((ListItem("one", children=(ListBlock((ListItem("inner"),)),)), ListItem("two")))
    ]


def test_data_table_keeps_header_caption_and_columns() -> None:
    (table,) = _content(
        "<table><caption>Results</caption><tr><th>Year</th><th>Sales</th><th>Note</th></tr>"
        '<tr><td>2023</td><td></td><td>up</td></tr><tr><td colspan="2">total</td>'
        "<td>x</td></tr></table>"
    )
    assert table == Table(
        (("Year", "Sales", "Note"), ("2023", "", "up"), ("total", "", "x")),
        header=True,
        caption="Results",
    )


def test_layout_and_one_column_tables_become_paragraphs() -> None:
    layout = _content(
        f"<table><tr><td><p>{PROSE}</p><p>{PROSE}</p></td><td>side</td></tr>"
        "<tr><td>a</td><td>b</td></tr></table>"
    )
    assert layout == (
        Paragraph(PROSE),
        Paragraph(PROSE),
        Paragraph("side"),
        Paragraph("a"),
        Paragraph("b"),
    )
    single = _content("<table><tr><td>one</td></tr><tr><td>two</td></tr></table>")
    assert single == (Paragraph("one"), Paragraph("two"))


def test_table_inside_a_blockquote_is_a_table() -> None:
    (table,) = _content(
        "<blockquote><table><tr><td>a</td><td>b</td></tr>"
        "<tr><td>c</td><td>d</td></tr></table></blockquote>"
    )
    assert table == Table((("a", "b"), ("c", "d")))


def test_quote_keeps_its_paragraphs_and_lists() -> None:
    (quote,) = _content("<blockquote><p>We will:</p><ul><li>one</li><li>two</li></ul></blockquote>")
    assert quote == Quote((Paragraph("We will:"), ListBlock((ListItem("one"), ListItem("two")))))
    assert isinstance(quote, Quote)
    assert quote.text == "We will:\n\none\ntwo"


def test_code_pieces_join_and_keep_whitespace() -> None:
    (code,) = _content('<pre class="lang-sh">  a\n    b<br>c</pre>')
    assert code == Code("  a\n    b\nc", language="sh")


def test_figures_with_and_without_captions() -> None:
    content = _content(
        '<figure><img src="a.jpg" alt="A"><figcaption>Cap</figcaption></figure>'
        '<figure><img src="//cdn.example.net/b.jpg"></figure><p>After.</p>',
        base="https://example.org/news/",
    )
    assert content == (
        Figure((Image("https://example.org/news/a.jpg", "A"),), "Cap"),
        Figure((Image("https://cdn.example.net/b.jpg"),)),
        Paragraph("After."),
    )


def test_caption_less_figure_before_a_heading_ends_the_section_above() -> None:
    parts = sections(
        segment(_body('<p>Lead.</p><figure><img src="/a.jpg"></figure><h2>S</h2><p>Body.</p>'))
    )
    assert parts[0].content == (Paragraph("Lead."), Figure((Image("/a.jpg"),)))
    assert parts[1].content == (Paragraph("Body."),)


def test_headings_keep_levels_and_lose_permalink_marks() -> None:
    parts = sections(
        segment(_body('<h3 id="x">Setup <a href="#x">¶</a></h3><p>a</p><h5>Deep</h5><p>b</p>'))
    )
    assert [(p.heading, p.level, p.anchor) for p in parts] == [
        ("Setup", 3, "x"),
        ("Deep", 5, "deep"),
    ]


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("b.html", "https://ex.org/a/", "https://ex.org/a/b.html"),
        ("/b", "https://ex.org/a/", "https://ex.org/b"),
        ("//cdn.ex.org/i.png", "https://ex.org/", "https://cdn.ex.org/i.png"),
        ("#sec", "https://ex.org/a", "#sec"),
        ("mailto:x@ex.org", "https://ex.org/", "mailto:x@ex.org"),
        ("b.html", None, "b.html"),
        ("http://[bad/", "https://ex.org/", "http://[bad/"),
    ],
)
def test_resolve(href: str, base: str | None, expected: str) -> None:
    assert resolve(href, base) == expected


def test_document_base_prefers_base_href() -> None:
    root = parse_html('<html><head><base href="/docs/"></head><body></body></html>', 100)
    assert document_base(root, "https://ex.org/a/b") == "https://ex.org/docs/"
    assert document_base(parse_html("<p>x</p>", 100), "https://ex.org/a") == "https://ex.org/a"


def test_links_resolve_against_canonical_url_when_no_url_is_given() -> None:
    article = _article(
        '<p>Read <a href="/full">the full report</a> today, said the mayor.</p>',
        head='<link rel="canonical" href="https://news.example/town/bridge">',
    )
    (link,) = [
        link
        for s in article.sections
        for c in s.content
        if isinstance(c, Paragraph)
        for link in c.links
    ]
    assert link == Link("the full report", "https://news.example/full")


# serializers ------------------------------------------------------------------------------------


NESTED = ListBlock(
    (
        ListItem("one", (Link("one", "https://ex.org/1"),)),
        ListItem(
            "two",
            children=(
                ListBlock(
                    (ListItem("a"), ListItem("b", children=(ListBlock((ListItem("deep"),)),))),
                    ordered=True,
                ),
            ),
        ),
    )
)


def _with(*content: object) -> cleannews.Article:
    section = Section("Part", 2, tuple(content), "part")  # type: ignore[arg-type]
    return cleannews.Article(title="T", sections=(section,), url="https://ex.org/")


def test_markdown_nests_lists_with_indentation() -> None:
    assert _with(NESTED).to_markdown() == (
        "# T\n\n## Part\n\n- [one](https://ex.org/1)\n- two\n  1. a\n  2. b\n     - deep\n"
    )


def test_markdown_escapes_text_that_would_read_as_markup() -> None:
    markdown = _with(
        Paragraph("1. Not a list"),
        Paragraph("# not a heading, *not emphasis* and [brackets]"),
        Paragraph("snake_case stays, _this_ does not"),
    ).to_markdown()
    assert "1\\. Not a list" in markdown
    assert "\\# not a heading, \\*not emphasis\\* and \\[brackets\\]" in markdown
    assert "snake_case stays, \\_this\\_ does not" in markdown
    assert md_escape("<b>") == "\\<b>"


def test_markdown_code_quote_table_and_figure() -> None:
    markdown = _with(
        Code("x = '```'\nprint(x)", "python"),
        Quote((Paragraph("one"), Paragraph("two"))),
        Table((("a", "b|c"), ("1", "2")), header=True, caption="Cap"),
        Figure((Image("https://ex.org/i (1).png", "Alt"),), "Caption"),
        Paragraph("Wiki", (Link("Wiki", "https://en.wikipedia.org/wiki/A_(b)"),)),
    ).to_markdown()
    assert "````python\nx = '```'\nprint(x)\n````" in markdown
    assert "> one\n>\n> two" in markdown
    assert "*Cap*\n\n| a | b\\|c |\n|---|---|\n| 1 | 2 |" in markdown
    assert "![Alt](https://ex.org/i%20(1).png)\n*Caption*" in markdown
    assert "[Wiki](https://en.wikipedia.org/wiki/A_(b))" in markdown


def test_html_is_escaped_and_semantic() -> None:
    html = _with(
        Paragraph("a <script>x</script> & b", (Link("b", 'https://ex.org/?q="1"&r=2'),)),
        NESTED,
        Code("<tag>", "html"),
        Table((("h",), ("v",)), header=True),
        Figure((Image("https://ex.org/i.png", 'say "hi"'),), "Cap"),
        Quote((Paragraph("q"),)),
    ).to_html()
    assert html.startswith('<article>\n<h1>T</h1>\n<h2 id="part">Part</h2>\n')
    assert (
        '<p>a &lt;script&gt;x&lt;/script&gt; &amp; <a href="https://ex.org/?q=&quot;1&quot;'
        '&amp;r=2">b</a></p>'
    ) in html
    assert '<ul><li><a href="https://ex.org/1">one</a></li><li>two<ol><li>a</li><li>b<ul>' in html
    assert '<pre><code class="language-html">&lt;tag&gt;</code></pre>' in html
    assert "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>v</td></tr></tbody>" in html
    assert '<img src="https://ex.org/i.png" alt="say &quot;hi&quot;"><figcaption>Cap' in html
    assert "<blockquote><p>q</p></blockquote>" in html
    parsed = etree.fromstring(html, etree.HTMLParser()).find("body/article")
    assert parsed.tag == "article"


def test_json_and_text_render_the_same_tree() -> None:
    article = _with(NESTED, Figure((Image("https://ex.org/i.png"),), "Cap"))
    data = json.loads(article.to_json())
    items = data["sections"][0]["content"][0]["items"]
    assert items[0] == {
        "text": "one",
        "links": [{"text": "one", "url": "https://ex.org/1"}],
        "children": [],
    }
    assert items[1]["children"][0]["items"][1]["children"][0]["items"][0]["text"] == "deep"
    assert data["sections"][0]["content"][1] == {
        "type": "figure",
        "images": [{"src": "https://ex.org/i.png", "alt": ""}],
        "caption": "Cap",
    }
    assert article.text == "Part\n\none\ntwo\na\nb\ndeep"  # captions out by default
    with_captions = dataclasses.replace(article, captions_in_text=True)
    assert with_captions.text == "Part\n\none\ntwo\na\nb\ndeep\n\nCap"


def test_extracted_article_renders_links_in_every_format() -> None:
    article = _article(
        '<p>Read <a href="report.pdf">the report</a>, which the council published.</p>',
        url="https://ex.org/news/bridge.html",
    )
    assert "[the report](https://ex.org/news/report.pdf)" in article.to_markdown()
    assert '<a href="https://ex.org/news/report.pdf">the report</a>' in article.to_html()
    paragraph = json.loads(article.to_json())["sections"][0]["content"][1]
    assert paragraph["links"] == [{"text": "the report", "url": "https://ex.org/news/report.pdf"}]


# TOC --------------------------------------------------------------------------------------------


def _sections(*headings: tuple[str, int, str]) -> tuple[Section, ...]:
    return tuple(Section(h, level, (Paragraph(PROSE),), anchor) for h, level, anchor in headings)


def test_toc_from_headings_when_the_page_has_none() -> None:
    parts = _sections(("One", 2, "one"), ("Two", 3, "two"))
    toc, kept = article_toc((), parts)
    assert (toc.source, toc.warnings, kept) == (TocSource.HEADINGS, (), parts)
    assert toc.entries == (TocEntry("One", 2, "one"), TocEntry("Two", 3, "two"))


def test_page_toc_links_entries_by_anchor_then_title_and_reports_mismatches() -> None:
    parts = _sections(
        ("Background", 2, "bg"),
        ("Design and build", 2, "design"),
        ("Costs", 2, "costs"),
        ("Detail", 3, "detail"),
    )
    page = (
        TocEntry("Background", 2, "bg"),
        TocEntry("2. Design and build", 2, "old-id"),
        TocEntry("Reception", 2, "reception"),
        TocEntry("Bridge reopens", 2, "top"),
    )
    toc, _ = article_toc(page, parts, title="Bridge reopens")
    assert toc.source is TocSource.PAGE
    assert [e.anchor for e in toc.entries] == ["bg", "design", "reception", "top"]
    assert toc.warnings == (
        'page TOC entry "Reception" (#reception) has no matching section',
        'section "Costs" is missing from the page TOC',
    )


def test_repeated_headings_match_repeated_entries_in_order() -> None:
    parts = _sections(("Setup", 2, "setup"), ("Setup", 2, "setup-1"))
    page = (TocEntry("Setup", 2, "x"), TocEntry("Setup", 2, "y"))
    toc, _ = article_toc(page, parts)
    assert ([e.anchor for e in toc.entries], toc.warnings) == (["setup", "setup-1"], ())


def test_plain_contents_list_is_read_and_taken_out_of_the_body() -> None:
    contents = ListBlock((ListItem("One"), ListItem("Two"), ListItem("Three")))
    lead = Section(None, 0, (Paragraph(PROSE), Paragraph("Contents:"), contents))
    parts = (lead, *_sections(("One", 2, "one"), ("Two", 2, "two"), ("Three", 2, "three")))
    toc, kept = article_toc((), parts)
    assert toc.source is TocSource.PAGE
    assert [(e.title, e.anchor) for e in toc.entries] == [
        ("One", "one"),
        ("Two", "two"),
        ("Three", "three"),
    ]
    assert kept[0].content == (Paragraph(PROSE),)
    assert kept[1:] == parts[1:]


def test_a_list_naming_too_few_sections_is_body_text() -> None:
    items = ListBlock((ListItem("One"), ListItem("Apples"), ListItem("Pears")))
    parts = (Section(None, 0, (items,)), *_sections(("One", 2, "one"), ("Two", 2, "two")))
    toc, kept = article_toc((), parts)
    assert toc.source is TocSource.HEADINGS and kept == parts


def test_extracted_page_toc_box_is_read_and_kept_out_of_the_body() -> None:
    box = (
        '<div id="toc"><h2>Contents</h2><ul><li><a href="#a">1 Alpha</a></li>'
        '<li><a href="#b">2 Beta</a></li><li><a href="#c">3 Gamma</a></li></ul></div>'
    )
    body = "".join(
        f'<h2 id="{i}">{t}</h2><p>{PROSE}</p>' for i, t in (("a", "Alpha"), ("b", "Beta"))
    )
    article = _article(box + body + '<p id="c">Gamma is gone.</p>')
    assert article.toc_source is TocSource.PAGE
    assert [(e.title, e.anchor) for e in article.toc] == [
        ("Alpha", "a"),
        ("Beta", "b"),
        ("Gamma", "c"),
    ]
    assert article.toc_warnings == ('page TOC entry "Gamma" (#c) has no matching section',)
    assert "Contents" not in article.text
    data = article.to_dict()
    assert (data["toc_source"], data["toc_warnings"]) == ("page", list(article.toc_warnings))


# golden cases: the feature each one is about ---------------------------------------------------

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden"


def _golden(name: str) -> cleannews.Article:
    return cleannews.extract(GOLDEN / name / "source.html")


def _nodes(article: cleannews.Article, kind: type[T]) -> list[T]:
    return [c for s in article.sections for c in s.content if isinstance(c, kind)]


def test_golden_nested_lists() -> None:
    article = _golden("nested-lists")
    first, plan = _nodes(article, ListBlock)
    assert [len(i.children) for i in first.items] == [1, 0, 0]
    assert plan.ordered and plan.items[1].children[0].ordered
    assert "Related stories" not in article.text


def test_golden_tables() -> None:
    article = _golden("tables")
    (table,) = _nodes(article, Table)
    assert table.header and table.rows[0] == ("Reservoir", "June", "July", "August")
    assert table.caption.startswith("Storage at the end")
    assert Paragraph("Hosepipe requests are voluntary and carry no fines.") in _nodes(
        article, Paragraph
    )


def test_golden_quotes_and_code() -> None:
    article = _golden("quotes-and-code")
    quotes, code = _nodes(article, Quote), _nodes(article, Code)
    assert isinstance(quotes[0].content[-1], ListBlock)
    assert [c.language for c in code] == ["ini", "ini", None]
    assert "NEXT                        LEFT" in code[2].text


def test_golden_figures() -> None:
    figures = _nodes(_golden("figures"), Figure)
    assert [len(f.images) for f in figures] == [1, 1, 2]
    assert (
        figures[1].images[0].src == "https://coastline.example/local/media/tram-17-1970s-shed.jpg"
    )
    assert figures[2].caption == ""


def test_golden_links() -> None:
    article = _golden("links")
    links = [link for p in _nodes(article, Paragraph) for link in p.links]
    links += [link for lb in _nodes(article, ListBlock) for i in lb.items for link in i.links]
    urls = {link.url for link in links}
    assert "https://harbourwatch.example/reports/2025/punctuality-2024.pdf" in urls
    assert "#weather" in urls and "mailto:data@harbourwatch.example" in urls
    assert not any(u.startswith("javascript:") or u == "" for u in urls)


def test_golden_page_toc_disagrees_with_headings() -> None:
    article = _golden("toc-disagrees")
    assert article.toc_source is TocSource.PAGE
    assert len(article.toc_warnings) == 2
    assert "Contents" not in article.text
