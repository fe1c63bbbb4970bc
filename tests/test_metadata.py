"""Metadata: every source and field, with provenance, through the whole pipeline.

Pages are small HTML snippets built by :func:`page`: a head, then an article with a headline,
optional lines before and after a body of plain prose.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

import cleannews
from cleannews import Article
from cleannews.html.parse import parse_html
from cleannews.metadata.accumulator import Metadata
from cleannews.metadata.body import dates_in_line
from cleannews.metadata.head import head_metadata
from cleannews.metadata.title import strip_site_affixes
from cleannews.model import PageType
from cleannews.options import Options

SENTENCE = "The council met on Monday to discuss the new budget for the city and its schools. "
BODY = f"<p>{SENTENCE * 8}</p><p>{SENTENCE * 8}</p>"
URL = "https://news.example.com/politics/budget-story"


def page(
    head: str = "",
    before: str = "",
    after: str = "",
    *,
    headline: str = "The Budget Story",
    lang: str = "",
    url: str | None = URL,
    options: Options | None = None,
) -> Article:
    attr = f' lang="{lang}"' if lang else ""
    html = (
        f"<html{attr}><head>{head}</head><body><article><h1>{headline}</h1>{before}{BODY}"
        f"{after}</article></body></html>"
    )
    return cleannews.extract(html, url=url, options=options)


def ld(data: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def meta(key: str, value: str, attr: str = "property") -> str:
    return f'<meta {attr}="{key}" content="{value}">'


def head_only(head: str, url: str | None = URL) -> Metadata:
    found = Metadata(url=url)
    head_metadata(parse_html(f"<html><head>{head}</head><body></body></html>", 10_000), found)
    return found


# --------------------------------------------------------------------------- JSON-LD


def test_json_ld_news_article_fields_and_provenance() -> None:
    article = page(
        ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": "The Budget Story",
                "alternativeHeadline": "Schools win, roads lose",
                "datePublished": "2019-11-18T17:19:00+01:00",
                "dateModified": "2019-11-19T08:00:00Z",
                "author": {"@type": "Person", "name": "Jane Doe"},
                "publisher": {"@type": "Organization", "name": "Example Media"},
                "description": "What the council decided.",
                "inLanguage": "en-GB",
                "articleSection": ["Politics", "Local"],
                "keywords": "budget, council, schools",
                "image": {"@type": "ImageObject", "url": "/img/lead.jpg"},
                "license": "https://creativecommons.org/licenses/by/4.0/",
            }
        )
    )
    assert article.published == datetime(2019, 11, 18, 17, 19, tzinfo=timezone(timedelta(hours=1)))
    assert article.modified == datetime(2019, 11, 19, 8, 0, tzinfo=UTC)
    assert article.authors == ("Jane Doe",)
    assert article.subtitle == "Schools win, roads lose"
    assert article.publisher == "Example Media"
    assert article.description == "What the council decided."
    assert article.language == "en-GB"
    assert article.section == "Politics"
    assert article.tags == ("budget", "council", "schools")
    assert article.image == "https://news.example.com/img/lead.jpg"
    assert article.license == "https://creativecommons.org/licenses/by/4.0/"
    assert article.provenance["published"] == "json-ld:datePublished"
    assert article.provenance["authors"] == "json-ld:author"
    assert article.provenance["image"] == "json-ld:image"


def test_json_ld_graph_with_id_references() -> None:
    """Yoast-style @graph: the article points at its author, page and site by @id."""
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://e.com/#site", "name": "Example News"},
            {
                "@type": "WebPage",
                "@id": "https://e.com/story/#page",
                "isPartOf": {"@id": "https://e.com/#site"},
                "inLanguage": "de-DE",
                "datePublished": "2020-01-01T00:00:00+00:00",
            },
            {
                "@type": "Article",
                "headline": "The Budget Story",
                "isPartOf": {"@id": "https://e.com/story/#page"},
                "datePublished": "2021-03-04T05:06:07+00:00",
                "author": [
                    {"@id": "https://e.com/#/person/1"},
                    {"@id": "https://e.com/#/person/2"},
                ],
                "publisher": {"@id": "https://e.com/#org"},
            },
            {"@type": "Person", "@id": "https://e.com/#/person/1", "name": "Jane Doe"},
            {"@type": "Person", "@id": "https://e.com/#/person/2", "name": "John Roe"},
            {"@type": "Organization", "@id": "https://e.com/#org", "name": "Example Media Ltd"},
        ],
    }
    found = head_only(ld(graph))
    assert found.authors == ("Jane Doe", "John Roe")
    assert found.published == datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)  # article over page
    assert found.site_name == "Example News"
    assert found.publisher == "Example Media Ltd"
    assert found.language == "de-DE"
    assert found.provenance["language"] == "json-ld:WebPage.inLanguage"


def test_json_ld_top_level_array_type_list_and_url_types() -> None:
    data = [
        {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []},
        {"@type": ["http://schema.org/NewsArticle", "Article"], "headline": "From the array"},
    ]
    found = head_only(ld(data))
    assert found.title == "From the array"
    assert "NewsArticle" in found.types


def test_json_ld_nested_main_entity_and_context_object() -> None:
    data = {
        "@context": {"@vocab": "http://schema.org/"},
        "@type": "WebPage",
        "mainEntity": {"@type": "ReportageNewsArticle", "headline": "Nested headline"},
    }
    assert head_only(ld(data)).title == "Nested headline"


def test_json_ld_ignores_articles_listed_inside_other_objects() -> None:
    data = {
        "@type": "ItemList",
        "itemListElement": [{"@type": "NewsArticle", "headline": "Someone else's story"}],
    }
    assert head_only(ld(data)).title is None


def test_json_ld_lenient_parsing() -> None:
    raw = (
        '<script type="application/ld+json">\n<!--\n{"@type": "BlogPosting", '
        '"headline": "Line\nbreak inside"};\n-->\n</script>'
        '<script type="application/ld+json">{not json at all</script>'
    )
    assert head_only(raw).title == "Line break inside"


def test_json_ld_organisation_author_is_used_only_without_a_person() -> None:
    org = {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "BBC News"}}
    alone = page(ld(org))
    assert alone.authors == ("BBC News",)
    assert alone.provenance["authors"] == "json-ld:author (organisation)"
    with_person = page(ld(org) + meta("author", "Jane Doe", "name"))
    assert with_person.authors == ("Jane Doe",)


def test_json_ld_author_strings_urls_and_junk() -> None:
    data = {
        "@type": "Article",
        "author": ["https://example.com/author/jane", "By JANE DOE", {"name": "John Roe"}],
    }
    assert head_only(ld(data)).authors == ("Jane Doe", "John Roe")


# --------------------------------------------------------------------------- meta tags


def test_open_graph_and_article_tags() -> None:
    head = (
        meta("og:title", "The Budget Story | Example News")
        + meta("og:site_name", "Example News")
        + meta("og:description", "What the council decided.")
        + meta("og:type", "article")
        + meta("og:locale", "en_GB")
        + meta("article:published_time", "2019-11-18T17:19:00-05:00")
        + meta("article:modified_time", "2019-11-18T20:00:00-05:00")
        + meta("article:section", "Politics")
        + meta("article:tag", "Budget")
        + meta("article:tag", "Schools")
        + meta("article:author", "https://facebook.com/jane")
        + meta("og:image", "//cdn.example.com/lead.jpg")
    )
    article = page(head, headline="Something else entirely")
    assert article.title == "The Budget Story"
    assert article.provenance["title"] == "meta:og:title"
    assert article.site_name == "Example News"
    assert article.published == datetime(2019, 11, 18, 17, 19, tzinfo=timezone(timedelta(hours=-5)))
    assert isinstance(article.modified, datetime) and article.modified.hour == 20
    assert article.tags == ("Budget", "Schools")
    assert article.authors == ()  # a profile URL is not a name
    assert article.image == "https://cdn.example.com/lead.jpg"
    assert article.language == "en-GB"
    assert "og:article" in str(article.page_type_reasons)


def test_dublin_core_names_and_properties_and_space_separated_keys() -> None:
    head = (
        '<meta name="DC.creator" content="Jane Doe">'
        '<meta property="dc:date" content="2018-12-21">'
        '<meta property="x:title dc:title" content="Preferred title">'
        '<meta name="DCTERMS.language" content="fr">'
    )
    found = head_only(head)
    assert found.authors == ("Jane Doe",)
    assert found.published == date(2018, 12, 21)
    assert found.title == "Preferred title"
    assert found.language == "fr"
    assert found.provenance["authors"] == "meta:dc.creator"


def test_open_graph_outranks_dublin_core_and_description() -> None:
    head = (
        meta("dc:description", "DC description")
        + meta("description", "Plain description", "name")
        + meta("og:description", "OG description")
    )
    assert head_only(head).description == "OG description"


def test_parsely_and_sailthru_tags() -> None:
    parsely = json.dumps({"title": "P", "author": "Dan Goodin", "pub_date": "2015-04-16T20:02:01Z"})
    head = f"<meta name=\"parsely-page\" content='{parsely}'>" + meta(
        "sailthru.tags", "minecraft, exploits", "name"
    )
    found = head_only(head)
    assert found.authors == ("Dan Goodin",)
    assert found.published == datetime(2015, 4, 16, 20, 2, 1, tzinfo=UTC)
    assert found.tags == ("minecraft", "exploits")


def test_parsely_meta_tags_and_value_attribute() -> None:
    head = (
        meta("parsely-author", "Jane Doe", "name")
        + meta("parsely-pub-date", "2024-04-20T04:20:00.000Z", "name")
        + '<meta name="twitter:title" value="Value attribute title">'
    )
    found = head_only(head)
    assert found.authors == ("Jane Doe",)
    assert found.published == datetime(2024, 4, 20, 4, 20, tzinfo=UTC)
    assert found.title == "Value attribute title"


def test_citation_author_last_first_and_nyt_byl() -> None:
    head = meta("citation_author", "Curie, Marie", "name") + meta("byl", "By Pierre Curie", "name")
    assert head_only(head).authors == ("Marie Curie",)
    assert head_only(meta("byl", "By Corey Kilgannon", "name")).authors == ("Corey Kilgannon",)


def test_entities_in_meta_values_are_decoded() -> None:
    head = meta("og:description", "That&amp;#039;s what &amp;quot;we&amp;quot; said")
    assert head_only(head).description == 'That\'s what "we" said'


def test_placeholder_values_are_ignored() -> None:
    head = meta("og:title", "{{ page.title }}") + meta("og:site_name", "undefined")
    found = head_only(head)
    assert found.title is None and found.site_name is None


# --------------------------------------------------------------------------- microdata


def test_microdata_in_the_article_scope() -> None:
    html = (
        '<html><body><div itemscope itemtype="https://schema.org/NewsArticle">'
        '<h1 itemprop="headline">Micro headline</h1>'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Jane Doe</span></span>'
        '<meta itemprop="datePublished" content="2019-11-18T17:19:00Z">'
        '<div itemscope itemtype="https://schema.org/NewsArticle">'
        '<span itemprop="author">Someone Else</span></div>'
        "</div></body></html>"
    )
    found = Metadata()
    head_metadata(parse_html(html, 10_000), found)
    assert found.authors == ("Jane Doe",)
    assert found.published == datetime(2019, 11, 18, 17, 19, tzinfo=UTC)
    assert found.provenance["published"] == "microdata:datepublished"


# --------------------------------------------------------------------------- <time> and text


def test_time_in_the_header_gives_the_date() -> None:
    article = page(
        before='<p class="meta"><time datetime="2019-11-18T17:19:00+01:00">Nov 18</time></p>'
    )
    assert article.published == datetime(2019, 11, 18, 17, 19, tzinfo=timezone(timedelta(hours=1)))
    assert article.provenance["published"] == "html:time"


def test_time_marked_updated_is_the_modified_date() -> None:
    before = (
        '<p><time class="published" datetime="2019-11-18">Nov 18</time> '
        '<time class="updated" datetime="2019-11-20">Nov 20</time></p>'
    )
    article = page(before=before)
    assert (article.published, article.modified) == (date(2019, 11, 18), date(2019, 11, 20))


def test_time_in_a_related_list_is_ignored() -> None:
    related = (
        '<ul><li><a href="/other">Another story</a> <time datetime="2001-01-01">Jan 1</time></li>'
        '<li><a href="/more">More</a> <time datetime="2002-02-02">Feb 2</time></li></ul>'
    )
    article = page(after=related)
    assert article.published is None


def test_dates_in_scripts_are_never_read() -> None:
    script = '<script>var published = "2001-01-01T00:00:00Z"; // 18 November 2019</script>'
    assert page(before=script).published is None


def test_dates_in_links_to_other_articles_are_never_read() -> None:
    after = '<p>See <a href="https://news.example.com/2001/01/01/old-story">earlier</a>.</p>'
    assert page(after=after, url=None).published is None


def test_published_is_preferred_over_modified() -> None:
    head = meta("article:modified_time", "2020-02-02") + meta(
        "article:published_time", "2020-01-01"
    )
    assert page(head).published == date(2020, 1, 1)


def test_modified_stands_in_for_a_missing_published_date() -> None:
    article = page(meta("article:modified_time", "2020-02-02"))
    assert article.published == date(2020, 2, 2)
    assert article.provenance["published"] == "modified:meta:article:modified_time"


def test_date_from_the_pages_own_url_is_the_last_resort() -> None:
    article = page(url="https://example.com/2019/11/18/budget-story/")
    assert article.published == date(2019, 11, 18)
    assert article.provenance["published"] == "url:page"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe | Nov 18, 2019 @17:19 PM", datetime(2019, 11, 18, 17, 19)),
        ("19 November 2019 • 1:16pm", datetime(2019, 11, 19, 13, 16)),
        ("Publicado el 1 de diciembre de 2017", date(2017, 12, 1)),
        ("Posted on May 30, 2025", date(2025, 5, 30)),
    ],
)
def test_date_lines_in_the_header(line: str, expected: date) -> None:
    article = page(before=f'<p class="dateline">{line}</p>')
    assert article.published == expected
    assert article.provenance["published"].startswith("text:")


def test_relative_date_needs_the_reference_time() -> None:
    before = '<p class="meta">Updated 3 hours ago</p>'
    reference = datetime(2019, 11, 20, 12, 0, tzinfo=UTC)
    article = page(before=before, options=Options(reference_time=reference))
    assert article.modified == datetime(2019, 11, 20, 9, 0, tzinfo=UTC)
    assert page(before=before).modified is None


def test_dates_in_line_tells_published_from_updated() -> None:
    found = dates_in_line("Published May 1, 2020 | Updated May 3, 2020", Options())
    assert found == [("published", date(2020, 5, 1)), ("modified", date(2020, 5, 3))]


def test_byline_line_after_the_headline() -> None:
    article = page(before="<p>By Jane Doe and John Smith</p>")
    assert article.authors == ("Jane Doe", "John Smith")
    assert article.provenance["authors"] == "text:byline"


def test_byline_element_by_class_and_rel() -> None:
    before = (
        '<div class="article-meta">Story by <a rel="author" href="/jane">Jane Doe</a>, '
        'Staff Writer <span class="share">Share</span></div>'
    )
    article = page(before=before)
    assert article.authors == ("Jane Doe",)
    assert article.provenance["authors"] == "text:byline-element"


def test_junk_byline_is_cleaned() -> None:
    before = (
        '<div class="byline">By JANE DOE, Senior Reporter | Email the author | 5 min read</div>'
    )
    assert page(before=before).authors == ("Jane Doe",)


def test_commenter_is_not_the_author() -> None:
    after = (
        '<div class="comment-thread"><p class="comment"><cite class="author">Alan Reader</cite>'
        " said this was great.</p></div>"
    )
    assert page(after=after).authors == ()


def test_meta_author_outranks_text_byline() -> None:
    article = page(meta("author", "Jane Doe", "name"), before="<p>By John Smith</p>")
    assert article.authors == ("Jane Doe",)


def test_subtitle_from_a_dek_element() -> None:
    article = page(before='<p class="article-dek">Schools win, roads lose in the new plan</p>')
    assert article.subtitle == "Schools win, roads lose in the new plan"
    assert article.provenance["subtitle"] == "text:subtitle"


def test_reading_time_line() -> None:
    article = page(before="<p>5 min read</p>")
    assert article.reading_time_minutes == 5
    assert article.provenance["reading_time_minutes"] == "text:reading-line"


# --------------------------------------------------------------------------- title


def test_title_is_the_trusted_metadata_title_with_the_site_stripped() -> None:
    head = meta("og:site_name", "Example News") + "<title>The Budget Story - Example News</title>"
    article = page(head, headline="Site logo")
    assert article.title == "The Budget Story"
    assert article.provenance["title"] == "html:title"


def test_headline_wins_when_it_is_the_same_title_untruncated() -> None:
    head = meta("og:title", "Mayor says the new budget will fund every school in the…")
    headline = "Mayor says the new budget will fund every school in the city"
    article = page(head, headline=headline)
    assert article.title == headline
    assert article.provenance["title"] == "html:headline"


def test_headline_is_the_fallback_without_metadata() -> None:
    article = page(headline="Only a headline")
    assert article.title == "Only a headline"
    assert article.provenance["title"] == "html:headline"


def test_a_site_wide_og_title_is_not_the_article_title() -> None:
    head = meta("og:title", "Example News") + meta("og:site_name", "Example News")
    article = page(head, headline="The Budget Story")
    assert article.title == "The Budget Story"


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Headline here | Example News", ["examplenews"], "Headline here"),
        ("Example News: Headline here", ["examplenews"], "Example News: Headline here"),
        ("Example News - Headline here", ["examplenews"], "Headline here"),
        ("Headline - Part two | Example", ["example"], "Headline - Part two"),
        ("How to Build a Terrarium | eHow", [], "How to Build a Terrarium"),
        ("Trump - the early years", [], "Trump - the early years"),
        ("Mozilla - Wikipedia", [], "Mozilla - Wikipedia"),
        ("No separators at all", ["x"], "No separators at all"),
    ],
)
def test_strip_site_affixes(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_affixes(title, sites) == expected


# --------------------------------------------------------------------------- other fields


def test_canonical_url_is_resolved_against_the_page_url() -> None:
    article = page('<link rel="canonical" href="/politics/budget-story?ref=a">')
    assert article.canonical_url == "https://news.example.com/politics/budget-story?ref=a"
    assert article.url == URL
    assert article.provenance["canonical_url"] == "html:link-canonical"


def test_canonical_link_outranks_og_url() -> None:
    head = meta("og:url", "https://other.example.com/x") + '<link rel="canonical" href="/a">'
    assert page(head).canonical_url == "https://news.example.com/a"


def test_license_link() -> None:
    after = '<p><a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">CC</a></p>'
    article = page(after=after)
    assert article.license == "https://creativecommons.org/licenses/by-sa/4.0/"


def test_excerpt_falls_back_to_the_first_paragraph() -> None:
    article = page()
    assert article.description is not None and article.description.startswith("The council met")
    assert article.provenance["description"] == "body:first-paragraph"


def test_language_from_html_lang_is_normalised() -> None:
    article = page(lang="en_us")
    assert article.language == "en-US"
    assert article.provenance["language"] == "html:lang"


def test_language_guessed_from_text_when_undeclared() -> None:
    article = page()
    assert article.language == "en"
    assert article.provenance["language"] == "guess:stopwords"


def test_confident_guess_overrides_a_wrong_template_language() -> None:
    article = page(lang="de")
    assert article.language == "en"
    assert article.provenance["language"].startswith("guess:stopwords (page declared de")


def test_site_name_and_serialised_fields() -> None:
    article = page(meta("og:site_name", "Example News") + meta("og:type", "article"))
    data = article.to_dict()
    assert data["site_name"] == "Example News"
    assert data["page_type"] == "article"
    for key in ("subtitle", "publisher", "canonical_url", "section", "tags", "image", "license"):
        assert key in data


# --------------------------------------------------------------------------- page type


def test_article_page_type() -> None:
    article = page(meta("og:type", "article"))
    assert article.page_type is PageType.ARTICLE
    assert article.is_article
    assert article.page_type_reasons[-1] == "article: a body of prose"


def test_listing_page_type_from_teasers() -> None:
    teasers = "".join(
        f'<div><h3><a href="/s{i}">Story number {i} headline</a></h3><p>Teaser text {i}.</p></div>'
        for i in range(12)
    )
    html = f"<html><head><title>Politics</title></head><body><main>{teasers}</main></body></html>"
    article = cleannews.extract(html)
    assert article.page_type is PageType.LISTING
    assert not article.is_article
    assert article.page_type_reasons[-1].startswith("listing: ")


def test_mostly_links_without_teasers_is_other() -> None:
    links = "".join(f'<p><a href="/p{i}">Page number {i}</a></p>' for i in range(20))
    article = cleannews.extract(f"<html><body><div>{links}</div></body></html>")
    assert article.page_type is PageType.OTHER


def test_article_with_a_related_box_stays_an_article() -> None:
    related = "".join(f'<h3><a href="/r{i}">Related story {i}</a></h3>' for i in range(8))
    article = page(meta("og:type", "article"), after=f"<div>{related}</div>")
    assert article.page_type is PageType.ARTICLE


def test_headings_linking_to_their_own_anchors_are_not_teasers() -> None:
    toc = "".join(
        f'<h2><a href="#s{i}">Section {i}</a></h2><p>{SENTENCE * 3}</p>' for i in range(8)
    )
    html = f"<html><body><article><h1>Guide</h1>{toc}</article></body></html>"
    assert cleannews.extract(html).page_type is PageType.ARTICLE


def test_other_page_type_for_a_short_page() -> None:
    html = "<html><head><title>Contact us</title></head><body><p>Call us.</p></body></html>"
    article = cleannews.extract(html)
    assert article.page_type is PageType.OTHER
    assert not article.is_article


def test_declared_listing_type() -> None:
    found = head_only(ld({"@type": "CollectionPage", "name": "Politics"}))
    assert "CollectionPage" in found.types


# --------------------------------------------------------------------------- plain text


def test_plain_text_byline_and_date() -> None:
    text = (
        "The Budget Story\n\nBy Jane Doe\n\nMay 30, 2025\n\n" + SENTENCE * 6 + "\n\n" + SENTENCE * 6
    )
    article = cleannews.extract(text)
    assert article.authors == ("Jane Doe",)
    assert article.published == date(2025, 5, 30)
    assert article.language == "en"


def test_a_title_no_other_source_backs_loses_to_one_that_is_backed() -> None:
    """Wikipedia puts the page's description in its JSON-LD headline."""
    head = ld({"@type": "Article", "headline": "constitutional monarchy in Oceania"})
    head += "<title>New Zealand - Wikipedia</title>"
    article = page(head, headline="New Zealand")
    assert article.title == "New Zealand"
    assert article.provenance["title"] == "html:title"


def test_the_trusted_title_stays_when_nothing_contradicts_it() -> None:
    head = ld({"@type": "Article", "headline": "The Budget Story"})
    head += "<title>Budget: what the council decided | Example</title>"
    assert page(head, headline="Council budget").title == "The Budget Story"


def test_site_name_from_json_ld_publisher_then_website() -> None:
    publisher = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "GitLab"}}
    article = page(ld(publisher) + meta("og:site_name", "GitLab Inc - the DevOps platform"))
    assert (article.site_name, article.provenance["site_name"]) == ("GitLab", "json-ld:publisher")
    site = {"@graph": [publisher, {"@type": "WebSite", "name": "GitLab Blog"}]}
    assert page(ld(site)).site_name == "GitLab Blog"


def test_site_name_falls_back_to_a_meta_publisher() -> None:
    article = page(meta("dc.publisher", "Example Press", "name"))
    assert article.site_name == "Example Press"
    assert article.provenance["site_name"] == "publisher:meta:dc.publisher"


def test_byline_under_a_heading_that_matches_the_metadata_title() -> None:
    """The page's h1 is a section name; the real headline is an h2 with the byline under it."""
    html = (
        "<html><head><meta property='og:title' content='Babies Who Eat Peanuts Early'></head>"
        "<body><h1>Allergies Health Center</h1><div><h2>Babies Who Eat Peanuts Early</h2>"
        f'<div class="author_fmt">By <a rel="author" href="/bg">Brenda Goodman, MA</a></div>'
        f"{BODY}</div></body></html>"
    )
    article = cleannews.extract(html)
    assert article.authors == ("Brenda Goodman",)


def test_labels_and_placeholders_in_section_and_tags() -> None:
    html = (
        '<html><body><article itemscope itemtype="https://schema.org/BlogPosting">'
        '<span itemprop="articleSection">Posted in News</span>'
        '<span itemprop="keywords">Tagged jobs, stack overflow</span></article></body></html>'
    )
    found = Metadata()
    head_metadata(parse_html(html, 10_000), found)
    assert found.section == "News"
    assert found.tags == ("jobs", "stack overflow")
    assert head_only(meta("article:section", "nil")).section is None


def test_license_pointing_at_its_own_section_is_resolved() -> None:
    head = '<link rel="license" href="#license">'
    assert head_only(head).license == URL + "#license"


def test_relative_urls_resolve_against_the_base_element() -> None:
    head = '<base href="https://cdn.example.org/site/">' + meta("og:image", "img/lead.jpg")
    assert head_only(head).image == "https://cdn.example.org/site/img/lead.jpg"


_OLD_WRAPPER = r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$|;\s*$"


@pytest.mark.parametrize(
    "raw",
    ["<!--{}-->", "<![CDATA[{}]]>;", "{};", "<!-->", "<!--", ";", "  <!-- {} --> ; ", "{}", ""],
)
def test_json_ld_unwrapping_matches_the_wrapper_pattern(raw: str) -> None:
    import regex

    from cleannews.metadata import jsonld

    wrapper = regex.compile(_OLD_WRAPPER)
    old = new = raw.strip()
    for _ in range(3):
        old = wrapper.sub("", old).strip()
        new = jsonld._unwrap(new).strip()
    assert new == old


@pytest.mark.parametrize(
    "title", ["Plain headline", "Headline | Site", "A well-known fact", "a_b", "x - y : z", " - "]
)
def test_title_variants_fast_path_matches_the_splits(title: str) -> None:
    from cleannews.metadata import title as metadata
    from cleannews.words import normalise, strip_site_name

    texts = (title, strip_site_name(title), metadata.strip_site_affixes(title, ()))
    expected = tuple(dict.fromkeys(normalise(text) for text in dict.fromkeys(texts)))
    assert metadata._variants(title) == expected


@pytest.mark.parametrize(
    ("line", "minutes"),
    [
        ("Lesezeit: 4 Minuten", 4),
        ("Temps de lecture : 6 min", 6),
        ("Tiempo de lectura: 8 minutos", 8),
        ("Tempo di lettura: 3 minuti", 3),
        ("9 minutos de leitura", 9),
        ("3 min read", 3),
        ("Lectura de 4 min", 4),
        ("5 min leestijd Geplaatst op 12 juni 2025", 5),
        ("3 Min. Lesezeit · Veröffentlicht am 30. Mai 2025", 3),
        ("Lettura di 3 minuti · Pubblicato il 30 maggio 2025", 3),
    ],
)
def test_stated_reading_time_is_read_in_each_language(line: str, minutes: int) -> None:
    """A reading-time line in any language the line rules drop feeds reading_time_minutes
    (the body alone would give an estimate of 1 minute)."""
    body = "Dies ist ein langer Absatz mit vielen Wörtern und ganzen Sätzen darin. " * 6
    article = cleannews.extract(
        f"Ein Titel für die Seite\n\n{line}\n\n{body}\n\n{body}",
        options=cleannews.Options(input_kind=cleannews.InputKind.TEXT),
    )
    assert article.reading_time_minutes == minutes
    assert article.provenance["reading_time_minutes"].startswith("text:reading-line")
    assert line not in article.text


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("3 min read Post on May 30, 2025", date(2025, 5, 30)),
        ("5 min leestijd Geplaatst op 12 juni 2025", date(2025, 6, 12)),
        ("Publicado el 30 de mayo de 2025 | Lectura de 4 min", date(2025, 5, 30)),
        ("Lecture 5 min — Publié le 3 mars 2025", date(2025, 3, 3)),
    ],
)
def test_a_reading_line_with_a_date_dates_the_article_in_each_language(
    line: str, published: date
) -> None:
    """The date on a reading-time line is the publication date, read from that line as the
    English one is, whatever the language."""
    body = "Dies ist ein langer Absatz mit vielen Wörtern und ganzen Sätzen darin. " * 6
    article = cleannews.extract(
        f"Ein Titel für die Seite\n\n{line}\n\n{body}\n\n{body}",
        options=cleannews.Options(input_kind=cleannews.InputKind.TEXT),
    )
    assert article.published == published
    assert article.provenance["published"] == "text:reading-line"
    assert line not in article.text
