"""The package layout: every module imports, data flows one way, and nothing cycles.

Stage families are ranked in pipeline order; a module may import its own family, the base
modules and earlier families, never a later one. Imports are read from the source (module
level and inside functions alike), so a lazy import cannot hide a backward edge.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import types
from pathlib import Path

import pytest

import cleannews

PACKAGE = Path(cleannews.__file__).parent

#: Rank of each top-level name under ``cleannews``, in the order data flows.
RANKS = {
    "errors": 0, "options": 0, "dom": 0, "words": 0, "rules": 0, "model": 0, "blocks": 0,
    "input": 1,
    "html": 2, "text": 2,
    "filters": 3,
    "structure": 4,
    "metadata": 5,
    "output": 6,
    "pipeline": 7,
    "batch": 8,
    "__init__": 9,
    # Corpus runners and outputs on top: nothing but the command line imports them.
    "warc": 10, "parquet": 10, "templates": 10,
    "dask": 11,
    "cli": 12, "__main__": 13,
}  # fmt: skip

#: Edges allowed against the flow, each with its reason.
ALLOWED = {
    # Article.to_json() and friends delegate to the renderers, imported when called.
    ("model", "output"),
}


def module_names() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(cleannews.__path__, prefix="cleannews.")
    )


def source_of(name: str) -> Path:
    """The module's source: its ``.py`` file, or the ``.pyx`` of a compiled module."""
    parts = name.split(".")[1:]
    path = PACKAGE.joinpath(*parts)
    if path.is_dir():
        return path / "__init__.py"
    source = path.with_suffix(".py")
    return source if source.exists() else path.with_suffix(".pyx")


#: An import line of Cython source (not Python: ``ast`` cannot read it).
_CYTHON_IMPORT = re.compile(
    r"^\s*(?:from\s+(cleannews[\w.]*)\s+c?import\b|c?import\s+(cleannews[\w.]*))", re.M
)


def cython_imports_of(source: str) -> set[str]:
    """The ``cleannews`` modules that the import lines of Cython source name."""
    return {a or b for a, b in _CYTHON_IMPORT.findall(source)}


def family(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(name: str, *, top_level_only: bool = False) -> set[str]:
    """The ``cleannews`` modules that ``name`` imports (a ``from x import y`` of a submodule
    ``y`` counts as importing ``x.y``)."""
    path = source_of(name)
    if path.suffix == ".pyx":
        return cython_imports_of(path.read_text(encoding="utf-8")) - {name}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("cleannews"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cleannews"):
            assert node.level == 0, f"{name}: relative import (the house style is absolute)"
            module = str(node.module)
            submodules = {f"{module}.{a.name}" for a in node.names} & set(module_names())
            found.update(submodules or {module})
    found.discard(name)
    return found


def test_every_module_imports() -> None:
    names = module_names()
    assert len(names) > 30
    for name in names:
        importlib.import_module(name)


def test_every_module_belongs_to_a_ranked_family() -> None:
    assert {family(name) for name in module_names()} <= set(RANKS)


@pytest.mark.parametrize("name", module_names())
def test_no_module_imports_a_later_stage(name: str) -> None:
    mine = family(name)
    for target in imports_of(name):
        theirs = family(target)
        if theirs == mine or (mine, theirs) in ALLOWED:
            continue
        assert RANKS[theirs] < RANKS[mine] or RANKS[mine] == 0 == RANKS[theirs], (
            f"{name} imports {target}: {theirs} comes after {mine} in the pipeline"
        )


def test_module_level_imports_have_no_cycle() -> None:
    graph = {name: imports_of(name, top_level_only=True) for name in module_names()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            assert state.get(target) != 1, "import cycle: " + " -> ".join([*path, target])
            if target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [name])


def test_the_public_surface_is_all() -> None:
    assert len(set(cleannews.__all__)) == len(cleannews.__all__)
    for name in cleannews.__all__:
        assert hasattr(cleannews, name), name
    public = {
        name
        for name, value in vars(cleannews).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == set(cleannews.__all__)


@pytest.mark.parametrize("module", ["dicts", "markdown", "html"])
def test_renderers_refuse_a_node_type_they_do_not_know(module: str) -> None:
    renderer = importlib.import_module(f"cleannews.output.{module}")
    render = renderer.content_dict if module == "dicts" else renderer.render_node
    assert render(cleannews.Paragraph("known"))  # a known node renders
    with pytest.raises(AssertionError):
        render(cleannews.Image("x.png"))  # an Image is not a body node


def test_plain_text_refuses_a_node_type_it_does_not_know() -> None:
    from cleannews.model import content_text

    assert content_text(cleannews.Paragraph("known")) == "known"
    with pytest.raises(AssertionError):
        content_text(cleannews.Image("x.png"))  # type: ignore[arg-type]


#: Packages whose ``__init__`` is a public import surface (the rest hold a docstring only).
PUBLIC_PACKAGES = {"output", "warc"}


def test_stage_package_inits_import_nothing() -> None:
    for path in sorted(PACKAGE.glob("*/__init__.py")):
        if path.parent.name in PUBLIC_PACKAGES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path}: say what the stage owns and may import"
        assert not [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)], path
