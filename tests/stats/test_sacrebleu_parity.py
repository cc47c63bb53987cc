"""Scores, bootstrap means/CIs and p-values equal ``sacrebleu -i A B C --paired-bs/--paired-ar`` exactly.

Same seed, same draws (numpy default_rng), same CI rule and p-value formula: the numbers are equal,
not just close. (The one deliberate difference, ties counting as extreme, only shows for identical
systems; see test_stats_edges.py.)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from harness import stats
from harness.metrics.sacrebleu import BLEU, TER, ChrF, ChrFpp

SACREBLEU_NAMES = {"BLEU": "BLEU", "chrF": "chrF2", "chrF++": "chrF2++", "TER": "TER"}


def _series(corpus, metrics) -> dict[str, stats.MetricSeries]:
    out = {}
    for metric in metrics:
        per_system = {name: metric.statistics(hyps, corpus.refs) for name, hyps in corpus.systems.items()}
        out[metric.name] = stats.MetricSeries(metric.name, metric.aggregate_many, per_system, float32=True)
    return out


def _check(ours: stats.Comparison, theirs: list[dict], names: list[str], with_ci: bool) -> int:
    """Compare every number; returns how many p-values were compared."""
    compared = 0
    for row, name in zip(theirs, names):
        for metric, key in SACREBLEU_NAMES.items():
            if key not in row:
                continue
            expected = row[key]
            assert ours.scores[(name, metric)] == expected["score"]
            if with_ci:
                assert ours.means[(name, metric)] == expected["mean"]
                assert ours.halfwidths[(name, metric)] == expected["ci"]
            if expected["p_value"] is not None:
                assert ours.pvalues[(name, names[0], metric)] == expected["p_value"]
                compared += 1
    return compared


@pytest.mark.parametrize("seed", [12345, 7])
def test_paired_bootstrap_equals_sacrebleu(close_corpus, save_corpus, sacrebleu_cli, tmp_path: Path, seed: int) -> None:
    ref, paths = save_corpus(close_corpus, tmp_path)
    theirs = sacrebleu_cli(ref, paths, "-m", "bleu", "chrf", "--paired-bs", seed=seed)
    names = list(close_corpus.systems)
    ours = stats.compare(names, _series(close_corpus, [BLEU(), ChrF()]), stats.Options(seed=seed))
    assert _check(ours, theirs, names, with_ci=True) == 4
    pvalues = [ours.pvalues[(n, names[0], m)] for n in names[1:] for m in ("BLEU", "chrF")]
    assert max(pvalues) > 0.05 and min(pvalues) < 0.01  # the data exercise both ends
    # The baseline's CI too (sacrebleu computes it by its single-system bootstrap, same draws).
    assert ours.halfwidths[(names[0], "BLEU")] == theirs[0]["BLEU"]["ci"]


def test_paired_bootstrap_chrfpp_and_resample_count(close_corpus, save_corpus, sacrebleu_cli, tmp_path: Path) -> None:
    ref, paths = save_corpus(close_corpus, tmp_path)
    theirs = sacrebleu_cli(ref, paths, "-m", "chrf", "--chrf-word-order", "2", "--paired-bs", "--paired-bs-n", "300")
    names = list(close_corpus.systems)
    ours = stats.compare(names, _series(close_corpus, [ChrFpp()]), stats.Options(resamples=300))
    assert _check(ours, theirs, names, with_ci=True) == 2


def test_ter_bootstrap_and_randomization_equal_sacrebleu(close_corpus, save_corpus, sacrebleu_cli,
                                                        tmp_path: Path) -> None:
    ref, paths = save_corpus(close_corpus, tmp_path)
    names = list(close_corpus.systems)
    series = _series(close_corpus, [TER()])
    theirs = sacrebleu_cli(ref, paths, "-m", "ter", "--paired-bs", "--paired-bs-n", "400")
    assert _check(stats.compare(names, series, stats.Options(resamples=400)), theirs, names, with_ci=True) == 2
    theirs = sacrebleu_cli(ref, paths, "-m", "ter", "--paired-ar", "--paired-ar-n", "400")
    ours = stats.compare(names, series, stats.Options(test="ar", resamples=400))
    assert ours.pvalues[("c.txt", "a.txt", "TER")] == theirs[2]["TER"]["p_value"]
    # a and b differ by one edit over the same reference words, the smallest gap there is: every trial is
    # at least that far apart, so p = 1. sacrebleu counts only strictly larger gaps and says 0.89.
    assert series["TER"].stats["a.txt"].sum(0)[0] - series["TER"].stats["b.txt"].sum(0)[0] == 1
    assert ours.pvalues[("b.txt", "a.txt", "TER")] == 1.0
    assert theirs[1]["TER"]["p_value"] == pytest.approx(358 / 401)


def test_paired_approximate_randomization_equals_sacrebleu(close_corpus, save_corpus, sacrebleu_cli,
                                                          tmp_path: Path) -> None:
    ref, paths = save_corpus(close_corpus, tmp_path)
    theirs = sacrebleu_cli(ref, paths, "-m", "bleu", "chrf", "--paired-ar", "--paired-ar-n", "2000")
    names = list(close_corpus.systems)
    ours = stats.compare(names, _series(close_corpus, [BLEU(), ChrF()]), stats.Options(test="ar", resamples=2000))
    assert _check(ours, theirs, names, with_ci=False) == 4


def test_same_draws_for_every_metric_and_system() -> None:
    """One comparison draws once: the indices are sacrebleu's, whatever the metric or system."""
    expected = np.random.default_rng(5).choice(40, size=(50, 40), replace=True)
    np.testing.assert_array_equal(stats.bootstrap_indices(40, 50, 5), expected)
    counts = stats.draw_counts(expected)
    assert counts.shape == (50, 40) and (counts.sum(axis=1) == 40).all()
    assert counts[3, 7] == np.sum(expected[3] == 7)
    column = np.arange(40.0)[:, None]
    np.testing.assert_array_equal(stats.resampled_totals(counts, column)[:, 0], expected.sum(axis=1))
