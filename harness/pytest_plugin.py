"""pytest plugin: the ``score_regression`` fixture guards corpus scores against a baseline file.

In your own repository::

    def test_my_system_scores(score_regression):
        score_regression("tests/baselines/newstest.yaml")               # runs the pipeline, then compares
        score_regression("tests/baselines/newstest.yaml", results_dir="results")  # compares stored runs

A score outside its band, a changed metric signature or a missing run fails the test with a table
(system, metric, expected, got, tolerance). ``pytest --update-score-baselines`` rewrites the files
from what was observed instead of failing (tolerances are kept).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.regression import (
    DEFAULT_TOLERANCE,
    RunScores,
    compare,
    diff_baselines,
    format_findings,
    load_baseline,
    read_runs,
    runs_dir,
    run_systems,
    save_baseline,
    updated_baseline,
)

UPDATE_OPTION = "--update-score-baselines"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(UPDATE_OPTION, action="store_true", default=False,
                     help="rewrite score baseline files from the observed scores instead of failing")


class ScoreRegression:
    """Callable: ``(baseline_path, results_dir=None, systems=None, cwd=None) -> observed runs``."""

    def __init__(self, scratch: Path, update: bool) -> None:
        self.scratch = scratch
        self.update = update

    def __call__(self, baseline_path: str | os.PathLike[str], results_dir: str | os.PathLike[str] | None = None,
                 systems: list[str] | None = None, cwd: str | os.PathLike[str] | None = None) -> dict[str, RunScores]:
        path = Path(baseline_path)
        baseline = load_baseline(path)
        if systems is not None:
            unknown = sorted(set(systems) - set(baseline.systems))
            if unknown:
                pytest.fail(f"{path}: no baseline for system(s) {', '.join(unknown)}", pytrace=False)
            baseline = replace(baseline, systems={s: baseline.systems[s] for s in systems})
        try:
            if results_dir is None:
                runs = run_systems(baseline, self.scratch / "results", cwd=cwd)
            else:
                runs = read_runs(runs_dir(baseline, results_dir))
        except HarnessError as exc:
            pytest.fail(f"{path}: {exc}", pytrace=False)
        findings = compare(baseline, runs)
        if findings and self.update:
            self._rewrite(path, runs)
        elif findings:
            pytest.fail(f"{path}\n{format_findings(baseline.reference, findings)}", pytrace=False)
        return runs

    def _rewrite(self, path: Path, runs: dict[str, RunScores]) -> None:
        """Only the observed systems change; the file's other systems are kept as they are."""
        old = load_baseline(path)
        observed = [s for s in old.systems if s in runs]
        fresh = updated_baseline(old, old.reference, runs, observed, old.metrics, {"default": DEFAULT_TOLERANCE})
        merged = replace(fresh, systems={s: fresh.systems.get(s, e) for s, e in old.systems.items()},
                         signatures={**old.signatures, **fresh.signatures})
        save_baseline(path, merged)
        print(f"updated {path}:\n{diff_baselines(old, merged)}")


@pytest.fixture
def score_regression(request: pytest.FixtureRequest, tmp_path: Path) -> ScoreRegression:
    """Check (or with --update-score-baselines, rewrite) scores against a baseline YAML file."""
    return ScoreRegression(tmp_path, bool(request.config.getoption(UPDATE_OPTION, default=False)))
