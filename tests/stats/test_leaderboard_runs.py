"""Leaderboards over stored runs: segment-mean metrics, runs from before metrics stored their config,
and statistics that do not reproduce the stored score."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from harness import leaderboard
from harness.metrics.base import Metric, MetricResult
from harness.metrics.sacrebleu import BLEU
from harness.records import RunRecord, write_run
from harness.references import ReferenceSet


class LengthRatio(Metric):
    """A toy segment-level metric: hypothesis length / reference length, averaged over segments."""

    name = "LenRatio"
    segment_mean = True

    def score(self, hyps, refs, srcs) -> MetricResult:
        scores = [len(h) / len(r) for h, r in zip(hyps, refs)]
        stats = np.column_stack([scores, np.ones(len(scores))])
        return MetricResult(self.name, self.aggregate(stats.sum(axis=0)), "", scores, stats)

    def aggregate(self, totals: np.ndarray) -> float:
        return float(totals[0] / totals[1])


REFS = ["a b c d", "e f", "g h i", "j k l m n", "o p"]
SYSTEMS = {"long": ["a b c d e", "e f g", "g h i", "j k l m n o", "o p q"], "short": ["a", "e", "g h", "j", "o"]}


def _write_runs(directory: Path, metric: Metric, key: str, edit=lambda summary: None) -> ReferenceSet:
    reference = ReferenceSet("toy", "de", "en", REFS, REFS, directory / "s", directory / "r")
    for name, hyps in SYSTEMS.items():
        result = metric.score(hyps, REFS, REFS)
        summary = result.summary()
        edit(summary)
        info = {"system": {"name": name}, "reference": {"content_hash": reference.content_hash},
                "metrics": {key: summary}}
        write_run(directory / "toy" / name, reference, RunRecord(name, hyps, {key: result}, info))
    return reference


def test_segment_mean_metric_in_the_leaderboard(tmp_path: Path) -> None:
    refs, systems = REFS, SYSTEMS
    reference = _write_runs(tmp_path, LengthRatio(), "lenratio")
    board = leaderboard.write(tmp_path / "toy", reference.content_hash, {"resamples": 100, "seed": 4})
    segment = np.array([len(h) / len(r) for h, r in zip(systems["short"], refs)])
    draws = np.sort(segment[np.random.default_rng(4).choice(5, size=(100, 5), replace=True)].mean(axis=1))
    assert board.scores.loc["short", "LenRatio"] == pytest.approx(segment.mean())
    assert board.ci[("short", "LenRatio")] == pytest.approx((draws[2], draws[97]))
    assert board.pvalues[("short", "long", "LenRatio")] < 0.05
    assert "(p=" in (tmp_path / "toy" / "leaderboard.md").read_text(encoding="utf-8")


def test_runs_without_stored_config_use_the_default_metric(tmp_path: Path) -> None:
    """Runs written before metrics stored their config: BLEU at its defaults, checked against the score."""
    reference = _write_runs(tmp_path, BLEU(), "bleu", edit=lambda summary: summary.pop("config"))
    board = leaderboard.write(tmp_path / "toy", reference.content_hash, {"resamples": 100})
    new = tmp_path / "new"
    _write_runs(new, BLEU(), "bleu")
    expected = leaderboard.write(new / "toy", reference.content_hash, {"resamples": 100})
    assert board.ci == expected.ci and board.pvalues == expected.pvalues and board.ci


def test_statistics_that_do_not_give_the_score_get_no_interval(tmp_path: Path) -> None:
    def tamper(summary: dict) -> None:
        summary["score"] += 1.0

    reference = _write_runs(tmp_path, BLEU(), "bleu", edit=tamper)
    board = leaderboard.write(tmp_path / "toy", reference.content_hash, {})
    assert board.ci == {} and board.pvalues == {}
    assert "BLEU for long: stored statistics do not reproduce the score; no interval" in board.notes
    markdown = (tmp_path / "toy" / "leaderboard.md").read_text(encoding="utf-8")
    assert "±" not in markdown and "- BLEU for short: stored statistics do not reproduce the score" in markdown
