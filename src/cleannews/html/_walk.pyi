"""Types of the compiled tree walks (``_walk.pyx``)."""

from collections.abc import Callable, Collection
from typing import TypeVar

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
