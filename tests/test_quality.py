"""Quality gates that run with the test suite: ruff lint, ruff format and mypy --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKS = {
    "ruff-lint": ["ruff", "check", "src", "tests", "benchmarks", "fuzz"],
    "ruff-format": ["ruff", "format", "--check", "src", "tests", "benchmarks", "fuzz"],
    "mypy": ["mypy"],
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_quality_gate(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *CHECKS[name]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
