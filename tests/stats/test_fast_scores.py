"""Vectorised score formulas give sacrebleu's floats bit for bit, from int rows and from float32 rows."""

from __future__ import annotations

import numpy as np
import pytest
import sacrebleu.metrics as sb

from harness.metrics import fast_scores


def _rows(seed: int, columns: int, triples: bool) -> np.ndarray:
    """Random statistics with many zeros and small counts (the edge cases of every formula)."""
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, 40, size=(3000, columns))
    rows[rng.random(rows.shape) < 0.15] = 0
    if triples:  # matches never exceed hyp or ref counts
        rows[:, 2::3] = np.minimum(rows[:, 2::3], np.minimum(rows[:, 0::3], rows[:, 1::3]))
    return rows


def _sacrebleu(metric, rows) -> np.ndarray:
    return np.array([metric._compute_score_from_stats(row).score for row in rows])


@pytest.mark.parametrize("kwargs", [{}, {"word_order": 2}, {"beta": 1, "char_order": 4}, {"eps_smoothing": True},
                                    {"eps_smoothing": True, "word_order": 2, "beta": 3}])
def test_chrf(kwargs: dict) -> None:
    metric = sb.CHRF(**kwargs)
    rows = _rows(1, 3 * metric.order, triples=True)
    ints = [[int(v) for v in row] for row in rows]
    f32 = rows.astype(np.float32)
    args = (metric.beta, metric.eps_smoothing)
    np.testing.assert_array_equal(fast_scores.chrf_scores(rows, *args), _sacrebleu(metric, ints))
    # sacrebleu's significance code feeds float32 rows: precision/recall become float32 divisions.
    np.testing.assert_array_equal(fast_scores.chrf_scores(f32, *args, float32=True), _sacrebleu(metric, f32))


@pytest.mark.parametrize("kwargs", [{}, {"effective_order": True}, {"smooth_method": "none"},
                                    {"smooth_method": "floor"}, {"smooth_method": "floor", "smooth_value": 0.3},
                                    {"smooth_method": "add-k", "effective_order": True},
                                    {"max_ngram_order": 2, "smooth_method": "exp", "effective_order": True}])
def test_bleu(kwargs: dict) -> None:
    metric = sb.BLEU(**kwargs)
    n = metric.max_ngram_order
    rows = _rows(2, 2 + 2 * n, triples=False)
    rows[:, 2 : 2 + n] = np.minimum(rows[:, 2 : 2 + n], rows[:, 2 + n :])
    rows[:, 0] = rows[:, 2 + n]  # hyp length = unigram total
    ours = fast_scores.bleu_scores(rows, n, metric.smooth_method, metric.smooth_value, metric.effective_order)
    np.testing.assert_array_equal(ours, _sacrebleu(metric, [[int(v) for v in row] for row in rows]))
    np.testing.assert_array_equal(
        fast_scores.bleu_scores(rows.astype(np.float32), n, metric.smooth_method, metric.smooth_value,
                                metric.effective_order),
        _sacrebleu(metric, rows.astype(np.float32)))


def test_ter() -> None:
    metric = sb.TER()
    rows = _rows(3, 2, triples=False).astype(np.float64)
    np.testing.assert_array_equal(fast_scores.ter_scores(rows), _sacrebleu(metric, rows.tolist()))
    f32 = rows.astype(np.float32)
    np.testing.assert_array_equal(fast_scores.ter_scores(f32, float32=True), _sacrebleu(metric, f32))


def test_known_values() -> None:
    # chrF with one order: P = 1/2, R = 1/4, beta 2 -> 5 * P * R / (4P + R) = 0.2777...
    assert fast_scores.chrf_scores(np.array([[4, 8, 2]]))[0] == pytest.approx(100 * 5 * 0.5 * 0.25 / (2 + 0.25))
    assert fast_scores.ter_scores(np.array([[3.0, 12.0], [2.0, 0.0], [0.0, 0.0]])).tolist() == [25.0, 100.0, 0.0]
    # Perfect match of 4 tokens: all precisions 100 -> BLEU 100.
    assert fast_scores.bleu_scores(np.array([[4, 4, 4, 3, 2, 1, 4, 3, 2, 1]]))[0] == pytest.approx(100.0)
