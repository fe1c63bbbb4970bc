"""Text: scraped plain text (and Markdown) cut into the same :class:`~cleannews.blocks.Block`
list the HTML path makes, so the filters, structure and metadata stages serve both.

Owns: lines, paragraphs, bullets and heading-like lines of text input.
May import: the base modules (blocks, words, rules) and input. Internal: not public API.
"""
