"""Helpers: the real ``python -m harness`` and the real ``sacrebleu`` CLI, run on the same files in a temp dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def run(module: str, *args: str, cwd: Path = PROJECT_ROOT, env: dict[str, str] | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    if check and proc.returncode != 0:
        raise AssertionError(f"python -m {module} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return proc


def sacrebleu_cli(refs: list[Path], hyp: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """``sacrebleu REF... -i HYP ARGS -w 14`` as JSON entries by metric name."""
    out = run("sacrebleu", *map(str, refs), "-i", str(hyp), "-w", "14", *args, env=env).stdout
    parsed = json.loads(out)
    return {entry["name"]: entry for entry in (parsed if isinstance(parsed, list) else [parsed])}


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def harness_scores(tmp_path: Path):
    """``harness_scores(*overrides)``: run ``python -m harness`` into a temp results dir; its scores.json."""

    def go(*overrides: str, name: str = "t", system: str = "file-hyp.txt",
           env: dict[str, str] | None = None) -> dict[str, Any]:
        results = tmp_path / "results"
        run("harness", f"results_dir={results}", f"reference.name={name}", *overrides, env=env)
        return json.loads((results / name / system / "scores.json").read_text(encoding="utf-8"))

    return go
