"""The class-name concepts: what an element's class and id say it is.

A concept (``comments``, ``share``, ``article_body``...) is named by words in class/id
strings (``data/class_tokens.json``, read by :mod:`cleannews.rules.loader`). Cleaning removes
elements by their removal concepts, scoring weighs containers by the summed hint weight, the
block classifier and the metadata read the concepts of a block's ancestors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from cleannews.dom import INLINE_LEAVES, Element
from cleannews.rules.loader import Action, class_concepts, concepts_in
from cleannews.rules.memo import MAX_ATTRS_CHARS, short_key_cache


class Concepts(NamedTuple):
    """What one class/id string names."""

    #: The first removal concept, None when there is none or the string also looks like content.
    remove: str | None
    #: Summed hint weight of the concepts: positive for content-like, negative for chrome-like.
    weight: float
    names: frozenset[str]


@short_key_cache(maxsize=65536, max_chars=MAX_ATTRS_CHARS)
def concepts_of(attrs: str) -> Concepts:
    """The concepts of a class/id string (see :func:`attrs_of`)."""
    return _combined(concepts_in(attrs))


@lru_cache(maxsize=4096)
def _combined(found: frozenset[str]) -> Concepts:
    """Combine the concepts of one element (few distinct combinations occur: cached)."""
    if not found:
        return Concepts(None, 0.0, found)
    remove: str | None = None
    weight = 0.0
    for concept in class_concepts():
        if concept.name in found:
            weight += concept.weight
            if concept.action is Action.REMOVE and remove is None:
                remove = concept.name
    if remove is not None and weight > 0:  # also looks like content: keep it
        remove = None
    return Concepts(remove, weight, found)


def attrs_of(element: Element) -> str:
    """An element's class and id joined by a space.

    An id of four or more words is a slug made from a heading ("sharing-with-a-developer"),
    not the name of a page component, and is left out.
    """
    return class_and_id(element.get("class", ""), element.get("id"))


def class_and_id(classes: str, ident: str | None) -> str:
    """The class/id string of an element with these ``class`` and ``id`` values."""
    if not ident or ident.count("-") + ident.count("_") >= 3:
        return classes
    return f"{classes} {ident}"


def element_concepts(element: Element) -> frozenset[str]:
    """The concepts an element's class/id names, read from its attributes."""
    attrs = attrs_of(element)
    return concepts_of(attrs).names if attrs.strip() else frozenset()


@dataclass(frozen=True, slots=True)
class ClassNames:
    """Concepts of the class/id of the body and the elements in it, as cleaning's scan found
    them, so that later stages (the block classifier reads every block ancestor's) need not
    read and classify the attributes again. Nothing after cleaning changes attributes.

    The scan classified every element in the body but inline leaves
    (:data:`~cleannews.dom.INLINE_LEAVES`) and kept those naming a concept: any other element
    it saw names none.
    """

    #: The body and each element in it whose class/id names a concept.
    named: dict[Element, frozenset[str]]

    @classmethod
    def of(cls, body: Element, named: list[tuple[Element, Concepts]]) -> ClassNames:
        """The table of the scan's ``named`` elements and of the ``body``."""
        found = {el: concepts.names for el, concepts in named}
        found[body] = element_concepts(body)  # the scan walked the body's descendants only
        return cls(found)

    def concepts(self, element: Element) -> frozenset[str]:
        """The concepts of ``element``: the body or an element in it."""
        found = self.named.get(element)
        if found is not None:
            return found
        return element_concepts(element) if element.tag in INLINE_LEAVES else _NO_CONCEPTS


_NO_CONCEPTS: frozenset[str] = frozenset()
