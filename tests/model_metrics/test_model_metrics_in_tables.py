"""MetricX, BLEURT and BERTScore reach the leaderboard, its significance tests and the HTML report like COMET."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

PROJECT_ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ("MetricX-24", "BLEURT-20", "BERTScore")


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
    scores = json.loads((results / "sample_deen" / "reference" / "scores.json").read_text())["metrics"]
    assert scores["metricx"]["higher_is_better"] is False and scores["bertscore"]["higher_is_better"] is True
    assert abs(scores["bertscore"]["score"] - 1.0) < 1e-5  # the reference against itself
    stats = np.load(results / "sample_deen" / "reference" / "stats.npz")
    assert any(stats[k].shape == (12, 2) for k in stats.files)  # [score, 1] rows per segment
    board = (results / "sample_deen" / "leaderboard.md").read_text()
    header = next(line for line in board.splitlines() if line.startswith("|") and "BLEU" in line)
    assert "MetricX-24 ↓" in header and "BLEURT-20 ↑" in header and "BERTScore ↑" in header, board
    reference_row = next(line for line in board.splitlines() if line.startswith("| reference"))
    assert reference_row.count("(p=") == 4, board  # a paired test per metric against the baseline
    assert "**1.0000** ± 0.0000 (p=" in reference_row  # BERTScore of the reference against itself, the best
    csv = (results / "sample_deen" / "leaderboard.csv").read_text()
    assert all(column in csv for column in COLUMNS)
    html = (results / "sample_deen" / "report.html").read_text()
    assert all(column in html for column in COLUMNS)
