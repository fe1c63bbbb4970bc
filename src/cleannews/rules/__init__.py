"""Rules as data, and the concepts read from them: a base package every stage may use.

Owns loading and compiling ``data/*.json`` (:mod:`.loader`), the literal gates that skip
rules a text cannot match (:mod:`.literals`) and the class-name concepts of an element's
class/id (:mod:`.concepts`).

May import errors, options, dom and words only; never a stage package.
"""
