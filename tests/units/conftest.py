"""The units tests run the real CLI in a subprocess, writing only under a temporary directory."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(tmp_path: Path):
    """``cli("system=reference", "unit=paragraph")`` -> CompletedProcess; results and caches in tmp_path."""

    def run(*args: str, module: str = "harness") -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MT_HARNESS_CACHE": str(tmp_path / "cache")}
        command = [sys.executable, "-m", module, *args, f"results_dir={tmp_path / 'results'}"]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)

    return run


def scores_of(run_dir: Path) -> dict:
    return json.loads((run_dir / "scores.json").read_text(encoding="utf-8"))


def column(run_dir: Path, name: str) -> list[str]:
    """One column of segments.tsv (text cells are quoted, CSV rules with tabs)."""
    with (run_dir / "segments.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]
