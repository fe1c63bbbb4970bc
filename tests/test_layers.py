"""The layering rule: a stage imports base modules and earlier stage families, never a later one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cleannews"
BASE = {"errors", "options", "dom", "words", "rules", "model", "blocks"}
#: Stage families in pipeline order; a family of equal rank may import another (html, text).
ORDER = {
    "input": 0, "html": 1, "text": 1, "filters": 2, "structure": 3, "metadata": 4,
    "output": 5, "pipeline": 6, "cli": 7,
}  # fmt: skip
#: Known exceptions, to go: (importing family, imported module).
KNOWN = {
    ("model", "cleannews.output"),  # Article's text, Markdown and JSON delegate to render
}


def _family(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("cleannews.")}


def test_no_stage_imports_a_later_one() -> None:
    wrong = []
    for path in sorted(PACKAGE.glob("*/*.py")):
        family = path.parent.name
        if family not in ORDER:
            continue
        for module in _imports(path):
            target = _family(module)
            if target in BASE or (family, module) in KNOWN:
                continue
            if ORDER.get(target, 99) > ORDER[family]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not wrong, wrong


def test_base_modules_import_no_stage() -> None:
    wrong = []
    for name in sorted(BASE - {"rules"}):
        for module in _imports(PACKAGE / f"{name}.py"):
            if _family(module) not in BASE and (name, module) not in KNOWN:
                wrong.append(f"{name}.py imports {module}")
    for path in sorted((PACKAGE / "rules").glob("*.py")):
        wrong += [
            f"rules/{path.name} imports {m}" for m in _imports(path) if _family(m) not in BASE
        ]
    assert not wrong, wrong


def test_package_inits_import_nothing() -> None:
    for path in sorted(PACKAGE.glob("*/__init__.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)], path
