"""The optional build of the compiled walk (``setup.py``): without a working compiler, or with
``CLEANNEWS_NO_COMPILE=1``, the build succeeds with one warning and leaves no extension, also
for the in-place build an editable install (the README's test command) does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
WARNING = "WARNING: cleannews: the compiled walk was not built"

pytest.importorskip("Cython", reason="Cython (a build requirement) is not installed")


def _project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, root / name)
    shutil.copytree(
        PROJECT_ROOT / "src",
        root / "src",
        ignore=shutil.ignore_patterns("*.so", "*.pyd", "*.c", "__pycache__", "*.egg-info"),
    )
    return root


def _build_in_place(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
        capture_output=True,
        check=False,
        cwd=root,
        env={**os.environ, **env},
        text=True,
    )


def _extensions(root: Path) -> list[Path]:
    return [p for p in (root / "src").rglob("_walk*") if p.suffix in (".so", ".pyd")]


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({"CC": "/bin/false"}, "CompileError"),
        ({"CLEANNEWS_NO_COMPILE": "1"}, "CLEANNEWS_NO_COMPILE is set"),
    ],
    ids=["compiler-fails", "no-compile"],
)
def test_a_failed_or_refused_build_warns_once_and_installs_pure(
    tmp_path: Path, env: dict[str, str], reason: str
) -> None:
    root = _project_copy(tmp_path)
    result = _build_in_place(root, **env)
    assert result.returncode == 0, result.stderr[-2000:]
    warnings = [line for line in result.stderr.splitlines() if WARNING in line]
    assert len(warnings) == 1, result.stderr[-2000:]
    assert reason in warnings[0]
    assert "the pure-Python path is installed" in warnings[0]
    assert _extensions(root) == []
