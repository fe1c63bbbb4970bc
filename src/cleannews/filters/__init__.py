"""The filters stage: verdicts on blocks, for HTML and plain text alike.

Owns the measured features of each block (:mod:`.features`), the rule filters that drop
boilerplate with a stated reason (:mod:`.boilerplate`: phrase lines, promo, link-heavy blocks,
repeated lines, empty headings, the relaxed retry) and the neighbour revisions run after the
classifier (:mod:`.neighbours`: embedded slideshows, doubted headings and sentences).

May import the base modules (errors, options, dom, words, model, blocks, rules) and the input,
html and text stages; never structure, metadata, output, pipeline or cli.
"""
