"""The structure stage: what the kept blocks are, as an article.

Owns the headline and its echoes (:mod:`.headline`), sections with their content
(:mod:`.sections`), the article's TOC assembled from the page's TOC box and the headings
(:mod:`.toc`) and the page type (:mod:`.pagetype`).

May import the base modules (errors, options, dom, words, model, blocks, rules) and the
input, html, text and filters stages; never metadata, output, pipeline or cli.
(:mod:`.pagetype` still reads the schema.org article types from metadata.jsonld: they are
to move to rules data.)
"""
