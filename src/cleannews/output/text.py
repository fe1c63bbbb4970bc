"""Plain text: the headline, a blank line, then the body (``Article.text``)."""

from __future__ import annotations

from cleannews.model import Article


def to_text(article: Article) -> str:
    """Headline, a blank line, then the body."""
    body = article.text
    return f"{article.title}\n\n{body}" if article.title else body
