"""Rules as data, and the concepts read from them: a base package every stage may use.

Owns loading and compiling ``data/*.json`` (:mod:`.loader`; the page-metadata rules in
:mod:`.page_metadata`, the declared schema.org/Open Graph types in :mod:`.schema_types`, the
widget words in :mod:`.widgets`), the literal gates that skip rules a text cannot match
(:mod:`.literals`), the class-name concepts of an element's class/id (:mod:`.concepts`) and
the caches every stage uses: bounded in key length, with read-only rule data (:mod:`.memo`).

May import errors, options, dom and words only; never a stage package.
"""
