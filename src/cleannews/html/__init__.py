"""The HTML stage: from a parsed page to blocks with content verdicts.

Owns parsing (:mod:`.parse`), the page's own TOC box read before cleaning (:mod:`.toc_box`),
cleaning (:mod:`.clean`), segmentation into blocks (:mod:`.segment`), block and container
scores (:mod:`.scoring`), the main-container choice (:mod:`.select`) and the block
classifier's verdict (:mod:`.classifier`).

May import the base modules (errors, options, dom, words, model, blocks, rules) and the input
stage; never filters, structure, metadata, output, pipeline or cli (the pipeline runs the rule
filters between selection and the classifier).
"""
