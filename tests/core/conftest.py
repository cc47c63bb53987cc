"""Helpers for the core tests: run the real CLI in a subprocess against a temporary results dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_module(module: str, *args: str, cwd: Path = PROJECT_ROOT, timeout: float = 120) -> Result:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def results(tmp_path: Path) -> Path:
    return tmp_path / "results"


@pytest.fixture
def harness(results: Path):
    """``harness("system=identity", ...)`` runs ``python -m harness`` on sample_deen (unless a reference is
    given) writing into a temp results dir."""

    def run(*args: str, timeout: float = 120) -> Result:
        chosen = any(a.startswith("reference=") for a in args)
        return run_module("harness", *args, *([] if chosen else ["reference=sample_deen"]),
                          f"results_dir={results}", timeout=timeout)

    return run


@pytest.fixture
def read_scores():
    def read(run_dir: Path) -> dict:
        return json.loads((run_dir / "scores.json").read_text(encoding="utf-8"))

    return read


@pytest.fixture
def report():
    """``report("reference=...", ...)`` runs ``python -m harness.report``."""
    return lambda *args: run_module("harness.report", *args)


@pytest.fixture
def sample() -> tuple[list[str], list[str]]:
    base = PROJECT_ROOT / "references" / "sample_deen"
    return (base / "aligned.de").read_text().splitlines(), (base / "aligned.en").read_text().splitlines()
