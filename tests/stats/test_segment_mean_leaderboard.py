"""A segment-mean metric (rows [score, 1], like COMET) gets its CI from resampled segment scores."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from harness import leaderboard
from harness.metrics.base import Metric, MetricResult
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


def test_segment_mean_metric_in_the_leaderboard(tmp_path: Path) -> None:
    refs = ["a b c d", "e f", "g h i", "j k l m n", "o p"]
    systems = {"long": ["a b c d e", "e f g", "g h i", "j k l m n o", "o p q"], "short": ["a", "e", "g h", "j", "o"]}
    reference = ReferenceSet("toy", "de", "en", refs, refs, tmp_path / "s", tmp_path / "r")
    for name, hyps in systems.items():
        result = LengthRatio().score(hyps, refs, refs)
        info = {"system": {"name": name}, "reference": {"content_hash": reference.content_hash},
                "metrics": {"lenratio": result.summary()}}
        write_run(tmp_path / "toy" / name, reference, RunRecord(name, hyps, {"lenratio": result}, info))
    board = leaderboard.write(tmp_path / "toy", reference.content_hash, {"resamples": 100, "seed": 4})
    segment = np.array([len(h) / len(r) for h, r in zip(systems["short"], refs)])
    draws = np.sort(segment[np.random.default_rng(4).choice(5, size=(100, 5), replace=True)].mean(axis=1))
    assert board.scores.loc["short", "LenRatio"] == pytest.approx(segment.mean())
    assert board.ci[("short", "LenRatio")] == pytest.approx((draws[2], draws[97]))
    assert board.pvalues[("short", "long", "LenRatio")] < 0.05
    assert "(p=" in (tmp_path / "toy" / "leaderboard.md").read_text(encoding="utf-8")
