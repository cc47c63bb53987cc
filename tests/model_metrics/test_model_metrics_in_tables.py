"""MetricX, BLEURT and BERTScore reach the leaderboard, its significance tests and the HTML report like COMET."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from harness import escaping
from harness.merge import stored_key
from harness.metrics.bertscore import BERTScore
from harness.metrics.bleurt import BLEURT
from harness.metrics.metricx import MetricX

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def columns(tiny_models: dict[str, Path]) -> dict[str, tuple[str, str]]:
    """scores.json key and column of each tiny model: local checkpoints are variants (``MetricX-24 (model=...)``)."""
    metrics = {"metricx": MetricX(model=str(tiny_models["metricx"])),
               "bleurt": BLEURT(model=str(tiny_models["bleurt"])),
               "bertscore": BERTScore(model=str(tiny_models["bertscore"]), num_layers=2)}
    return {key: (stored_key(key, m), f"{m.name} ({m.variant()})") for key, m in metrics.items()}


def run(*args: str, results: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "harness", "reference=sample_deen", f"results_dir={results}", *args],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_two_systems_are_ranked_with_intervals_and_p_values(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    results = tmp_path / "results"
    models = [f"metrics.metricx.model={tiny_models['metricx']}", f"metrics.metricx.tokenizer={tiny_models['metricx']}",
              f"metrics.bleurt.model={tiny_models['bleurt']}", f"metrics.bertscore.model={tiny_models['bertscore']}",
              "metrics.bertscore.num_layers=2", "metrics.metricx.gpus=0", "metrics.bleurt.gpus=0",
              "metrics.bertscore.gpus=0"]
    for system in ("identity", "reference"):
        out = run(f"system={system}", "metrics=[bleu,metricx,bleurt,bertscore]", *models, results=results)
        assert out.returncode == 0, out.stderr[-3000:]
    keys = columns(tiny_models)
    (metricx, metricx_column), (_, bleurt_column), (bertscore, bertscore_column) = keys.values()
    assert bertscore.endswith(",num_layers=2]")
    scores = json.loads((results / "sample_deen" / "reference" / "scores.json").read_text())["metrics"]
    assert list(scores) == ["bleu", metricx, keys["bleurt"][0], bertscore]
    assert scores[metricx]["higher_is_better"] is False and scores[bertscore]["higher_is_better"] is True
    assert abs(scores[bertscore]["score"] - 1.0) < 1e-5  # the reference against itself
    stats = np.load(results / "sample_deen" / "reference" / "stats.npz")
    assert any(stats[k].shape == (12, 2) for k in stats.files)  # [score, 1] rows per segment
    board = (results / "sample_deen" / "leaderboard.md").read_text()
    header = next(line for line in board.splitlines() if line.startswith("|") and "BLEU" in line)
    md = escaping.markdown  # num_layers is num\_layers in Markdown
    assert f"{md(metricx_column)} ↓" in header and f"{md(bleurt_column)} ↑" in header, board
    assert f"{md(bertscore_column)} ↑" in header, board
    reference_row = next(line for line in board.splitlines() if line.startswith("| reference"))
    assert reference_row.count("(p=") == 4, board  # a paired test per metric against the baseline
    assert "**1.0000** ± 0.0000 (p=" in reference_row  # BERTScore of the reference against itself, the best
    csv = (results / "sample_deen" / "leaderboard.csv").read_text()
    assert all(column in csv for _, column in keys.values())
    html = (results / "sample_deen" / "report.html").read_text()
    assert all(column in html for _, column in keys.values())
