"""Metadata on pages shaped like real ones where it went wrong (issue 14, defect 11): the
article's own header beats an infobox, a quoted claim, a section label and a breadcrumb.

The fixtures are small pages written here in those shapes, not copies of the pages.
"""

from __future__ import annotations

from datetime import date

import cleannews

PROSE = (
    "The committee met on Tuesday to discuss the budget, and after a long debate, members "
    "agreed to fund the new library, the bridge repairs and two schools in the north. "
)


def story(head: str, header: str, body: str = "") -> cleannews.Article:
    page = (
        f"<html><head>{head}</head><body><nav><a href='/'>Home</a></nav><article>"
        f"{header}{body}<p>{PROSE * 3}</p><p>{PROSE * 2}</p></article></body></html>"
    )
    return cleannews.extract(page)


def test_a_byline_with_a_label_and_the_employer_gives_the_person() -> None:
    head = (
        "<title>Why the vote matters</title>"
        '<meta name="author" content="Analysis by Chris Cillizza, CNN Editor-at-large">'
    )
    article = story(head, "<h1>Why the vote matters</h1>")
    assert article.authors == ("Chris Cillizza",)


def test_labels_before_by_are_not_names() -> None:
    from cleannews.metadata.authors import clean_authors

    assert clean_authors("Opinion by Jane Doe") == ("Jane Doe",)
    assert clean_authors("Review by Jane Doe, BBC Culture Editor") == ("Jane Doe",)
    assert clean_authors("AP") == ("AP",)  # an agency alone stays


def test_an_infobox_date_is_not_the_article_date() -> None:
    head = "<title>Acme Corporation - Encyclopedia</title>"
    header = (
        "<h1>Acme Corporation</h1>"
        '<table class="infobox"><tr><th>Type</th><td>Public company</td></tr>'
        "<tr><th>Founded</th><td>March 12, 1998</td></tr>"
        "<tr><th>Headquarters</th><td>Springfield</td></tr></table>"
    )
    article = story(head, header)
    assert article.published is None


def test_a_fact_check_has_its_own_date_not_the_claims() -> None:
    head = "<title>Fact check: no, the bridge is not closing</title>"
    header = (
        "<h1>Fact check: no, the bridge is not closing</h1>"
        "<p class='byline'>By Jane Doe · June 2, 2021</p>"
        "<blockquote><p>Claim: On May 3, 2021, a post said the bridge closes for good.</p>"
        "</blockquote>"
    )
    article = story(head, header)
    assert article.published == date(2021, 6, 2)


def test_a_claim_date_before_the_review_date_is_not_the_date() -> None:
    head = "<title>Fact check: no, the bridge is not closing</title>"
    header = (
        "<h1>Fact check: no, the bridge is not closing</h1>"
        "<blockquote><p>On May 3, 2021, a post said the bridge closes for good.</p>"
        "</blockquote>"
    )
    assert story(head, header).published is None


def test_an_opinion_label_in_og_title_loses_to_a_clean_headline() -> None:
    head = (
        "<title>Opinion | We should rebuild the bridge - The Daily</title>"
        '<meta property="og:title" content="Opinion | We should rebuild the bridge">'
    )
    article = story(head, "<h1>We should rebuild the bridge</h1>")
    assert article.title == "We should rebuild the bridge"


def test_a_breadcrumb_title_loses_to_a_clean_headline() -> None:
    head = "<title>News > World > Europe > Bridge to be rebuilt after vote | The Daily</title>"
    article = story(head, "<h1>Bridge to be rebuilt after vote</h1>")
    assert article.title == "Bridge to be rebuilt after vote"
