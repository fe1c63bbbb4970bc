"""Types of the compiled tree walks (``_walk.pyx``)."""

from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from cleannews.dom import Element

_Concepts = TypeVar("_Concepts")

def scan(
    root: Element,
    body: Element | None,
    concepts_of: Callable[[str], _Concepts],
    class_and_id: Callable[[str, str | None], str],
    watched: Collection[str],
    chrome: Collection[str],
    inline: Collection[str],
) -> tuple[
    list[tuple[Element, _Concepts]],
    list[tuple[Element, dict[str, str]]],
    list[Element],
    list[Element],
]: ...
def text_length(element: Element) -> int | None: ...
def segment(
    body: Element,
    walk: object,
    block_tags: Collection[str],
    starts: Mapping[str, Callable[[Any, Element], None]],
    ends: Mapping[str, Callable[[Any, Element], None]],
    flush: Callable[[Any], None],
) -> None: ...
def control_targets(root: Element) -> list[str]: ...
def attribute_owners(root: Element, name: bytes) -> list[Element]: ...
def anchor_links(root: Element) -> list[Element]: ...
def head_elements(
    root: Element,
) -> tuple[str | None, str | None, list[Element], list[Element], list[Element]]: ...
