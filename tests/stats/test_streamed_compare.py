"""A large comparison (draws redrawn block by block, statistics of reference blocks not kept) gives the
same intervals and p-values as the unbounded path: kept draws, one statistics call per metric."""

from __future__ import annotations

import numpy as np

from harness import stats
from harness.metrics import sacrebleu as sacrebleu_metrics
from harness.metrics.sacrebleu import BLEU, ChrF


def _comparison(corpus, metrics) -> stats.Comparison:
    series = {}
    for metric in metrics:
        per_system = {name: metric.score(hyps, corpus.refs, corpus.refs).stats for name, hyps in corpus.systems.items()}
        series[metric.name] = stats.MetricSeries(metric.name, metric.aggregate_many, per_system, float32=True,
                                                 identity=metric.name)
    return stats.compare(list(corpus.systems), series, stats.Options(resamples=300, seed=7, pairs="all"))


def test_streamed_comparison_equals_the_unbounded_one(make_corpus, monkeypatch) -> None:
    corpus = make_corpus(1500, {"a": 0.15, "b": 0.3, "c": 0.31})
    metrics = (BLEU(), ChrF())
    whole = _comparison(corpus, metrics)
    assert stats.Draws(1500, 300, 7)._kept is not None  # the unbounded path: one draw, kept
    stats._RESAMPLED.clear()
    stats._DRAWS.clear()
    monkeypatch.setattr(stats, "_KEEP_CELLS", 0)  # redrawn block by block, one pass for every system and metric
    monkeypatch.setattr(stats, "_CHUNK_CELLS", 1500 * 7)
    monkeypatch.setattr(sacrebleu_metrics, "STATISTICS_BLOCK", 400)  # reference blocks counted by pair_counts
    passes = []
    blocks = stats.Draws.blocks
    monkeypatch.setattr(stats.Draws, "blocks", lambda self: passes.append(1) or blocks(self))
    streamed = _comparison(corpus, metrics)
    assert len(passes) == 1  # 3 systems x 2 metrics from one pass over the draws
    for field in ("scores", "means", "halfwidths", "ci", "raw_pvalues", "pvalues"):
        assert getattr(streamed, field) == getattr(whole, field), field
    assert len(whole.pvalues) == 6 and 0 < whole.pvalues[("b", "c", "chrF")] < 1
    assert whole.pvalues[("a", "b", "BLEU")] < 0.05
    np.testing.assert_array_less(0, [whole.halfwidths[(s, "BLEU")] for s in corpus.systems])
