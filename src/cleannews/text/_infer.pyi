"""Types of the compiled line-model inference (``_infer.pyx``)."""

from collections.abc import Sequence

class Forest:
    def __init__(
        self,
        base: float,
        features: Sequence[Sequence[int]],
        thresholds: Sequence[Sequence[float]],
        lefts: Sequence[Sequence[int]],
        rights: Sequence[Sequence[int]],
        values: Sequence[Sequence[float]],
    ) -> None: ...
    @property
    def width(self) -> int: ...
    def margin(self, vector: Sequence[float]) -> float: ...

def stage_one(
    forest: Forest,
    own: list[list[float]],
    width: int,
    near: Sequence[int],
    offsets: Sequence[int],
    window: Sequence[int],
    widths: Sequence[int],
    log_lines: float,
    page_prose: float,
) -> list[float]: ...
def stage_two(
    forest: Forest,
    own: list[list[float]],
    width: int,
    first: list[float],
    offsets: Sequence[int],
    widths: Sequence[int],
    reach: int,
    own_cols: Sequence[int],
) -> list[float]: ...
