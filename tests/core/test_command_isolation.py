"""Issue 14, points 2-3: only the evaluation prints tables after it runs; ``harness.report`` prints its
table once and ``harness.baselines`` prints none, even from a directory whose ``./results`` holds runs
(a checkout where the README's commands were already followed)."""

from __future__ import annotations

from pathlib import Path

from tests.core.conftest import run_module

HEADER = "| system"


def test_report_prints_once_and_baselines_print_no_table(tmp_path: Path) -> None:
    used = tmp_path / "checkout"  # a "used checkout": ./results holds a finished run
    used.mkdir()
    run = run_module("harness", "system=identity", "reference=sample_deen", "metrics=[bleu]", cwd=used)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count(HEADER) == 1  # the evaluation's own callback still prints the table once
    assert (used / "results" / "sample_deen" / "identity" / "scores.json").exists()

    report = run_module("harness.report", "reference=sample_deen", cwd=used)
    assert report.returncode == 0, report.stderr
    assert report.stdout.count(HEADER) == 1
    assert report.stdout.count("Tables: ") == 1

    baseline = tmp_path / "b"
    baseline.mkdir()
    (baseline / "sample_deen.yaml").write_text(
        (Path(__file__).resolve().parents[2] / "tests" / "baselines" / "sample_deen.yaml").read_text(encoding="utf-8"),
        encoding="utf-8")
    check = run_module("harness.baselines", "check", f"baselines_dir={baseline}", "reference=sample_deen",
                       "run=false", cwd=used)
    assert HEADER not in check.stdout and "Tables: " not in check.stdout
    # It read ./results of the cwd (run=false) and found the identity run there, the reference run missing.
    assert "reference" in check.stdout and "no finished run" in check.stdout
