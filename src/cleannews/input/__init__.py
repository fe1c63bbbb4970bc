"""Input: load a source, decode its bytes to text, and tell HTML from plain text.

Owns: every accepted source type (str, bytes, Path, binary file, lxml or BeautifulSoup tree),
gzip, byte-order marks, declared and detected charsets, binary refusal, and the HTML/text test.
May import: the base modules (errors, options). Internal: not part of the public API.
"""
