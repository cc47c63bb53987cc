"""sacrebleu's score-from-statistics formulas for many rows at once (bootstrap resamples, segments).

Each function repeats sacrebleu's own arithmetic step by step, in the same order, so a row gives the
bit-identical float sacrebleu's ``_compute_score_from_stats`` gives (tests check that); ``math.log`` and
``math.exp`` are used elementwise because numpy's vectorised log/exp may differ in the last bit.

``float32=True`` reproduces sacrebleu's significance module, which turns statistics into float32
before resampling: there chrF precision/recall and the TER ratio are float32 divisions.
"""

from __future__ import annotations

import math

import numpy as np

_log = np.frompyfunc(math.log, 1, 1)
_exp = np.frompyfunc(math.exp, 1, 1)


def _ratio(num: np.ndarray, den: np.ndarray, fallback: float, float32: bool) -> np.ndarray:
    """num / den where den > 0 (in float32 if asked, then widened), else ``fallback``."""
    dtype = np.float32 if float32 else np.float64
    out = np.full(np.broadcast(num, den).shape, fallback, dtype=np.float64)
    positive = den > 0
    out[positive] = (num[positive].astype(dtype) / den[positive].astype(dtype)).astype(np.float64)
    return out


def chrf_scores(stats: np.ndarray, beta: int = 2, eps_smoothing: bool = False, float32: bool = False) -> np.ndarray:
    """``CHRF._compute_f_score`` per row of [hyp, ref, match] triples."""
    stats = np.atleast_2d(stats)
    order = stats.shape[1] // 3
    n_hyp, n_ref, n_match = stats[:, 0::3], stats[:, 1::3], stats[:, 2::3]
    eps = 1e-16
    factor = beta**2
    prec = _ratio(n_match, n_hyp, eps, float32)
    rec = _ratio(n_match, n_ref, eps, float32)
    rows = stats.shape[0]
    if eps_smoothing:
        score = np.zeros(rows)
        for i in range(order):
            denom = factor * prec[:, i] + rec[:, i]
            safe = np.where(denom > 0, denom, 1.0)
            score += np.where(denom > 0, (1 + factor) * prec[:, i] * rec[:, i] / safe, eps)
        return 100 * score / order
    counted = (n_hyp > 0) & (n_ref > 0)
    avg_prec, avg_rec = np.zeros(rows), np.zeros(rows)
    for i in range(order):
        avg_prec += np.where(counted[:, i], prec[:, i], 0.0)
        avg_rec += np.where(counted[:, i], rec[:, i], 0.0)
    effective = counted.sum(axis=1)
    some = effective > 0
    avg_prec = np.where(some, avg_prec / np.maximum(effective, 1), 0.0)
    avg_rec = np.where(some, avg_rec / np.maximum(effective, 1), 0.0)
    total = avg_prec + avg_rec
    score = (1 + factor) * avg_prec * avg_rec
    score = score / np.where(total != 0, (factor * avg_prec) + avg_rec, 1.0)
    return np.where(total != 0, 100 * score, 0.0)


def ter_scores(stats: np.ndarray, float32: bool = False) -> np.ndarray:
    """``TER._compute_score_from_stats`` per row of [edits, reference length]."""
    stats = np.atleast_2d(stats)
    edits, ref_len = stats[:, 0], stats[:, 1]
    fallback = np.where(edits > 0, 1.0, 0.0)
    ratio = _ratio(edits, ref_len, 0.0, float32)
    return 100 * np.where(ref_len > 0, ratio, fallback)


def bleu_scores(
    stats: np.ndarray,
    max_order: int = 4,
    smooth_method: str = "exp",
    smooth_value: float | None = None,
    effective_order: bool = False,
) -> np.ndarray:
    """``BLEU.compute_bleu`` per row of [sys_len, ref_len, correct_1..N, total_1..N]."""
    defaults = {"none": None, "floor": 0.1, "add-k": 1, "exp": None}
    if smooth_method not in defaults:
        raise ValueError(f"unknown smooth_method {smooth_method!r}")
    if smooth_value is None:
        smooth_value = defaults[smooth_method]
    stats = np.atleast_2d(stats)
    rows = stats.shape[0]
    sys_len = np.trunc(stats[:, 0].astype(np.float64))
    ref_len = np.trunc(stats[:, 1].astype(np.float64))
    correct = stats[:, 2 : 2 + max_order].astype(np.float64)
    total = stats[:, 2 + max_order : 2 + 2 * max_order].astype(np.float64)

    bp = np.ones(rows)
    short = (sys_len < ref_len) & (sys_len > 0)
    if short.any():
        bp[short] = _exp(1 - ref_len[short] / sys_len[short]).astype(np.float64)
    bp[(sys_len < ref_len) & (sys_len <= 0)] = 0.0
    no_match = ~(correct != 0).any(axis=1)

    if smooth_method == "add-k":
        correct[:, 1:] += smooth_value
        total[:, 1:] += smooth_value
    reached = np.cumprod(total != 0, axis=1).astype(bool)  # orders before sacrebleu's `break`
    zero = correct == 0
    precisions = np.zeros((rows, max_order))
    safe_total = np.where(total != 0, total, 1.0)
    hit = reached & ~zero
    precisions[hit] = (100.0 * correct[hit]) / safe_total[hit]
    if smooth_method == "exp":
        doublings = np.cumsum(reached & zero, axis=1)
        mteval = np.power(2.0, doublings)
        miss = reached & zero
        precisions[miss] = 100.0 / (mteval[miss] * safe_total[miss])
    elif smooth_method == "floor":
        miss = reached & zero
        precisions[miss] = (100.0 * smooth_value) / safe_total[miss]

    if effective_order:
        eff = reached.sum(axis=1)
        eff = np.where(eff > 0, eff, max_order)
    else:
        eff = np.full(rows, max_order)
    logs = np.full((rows, max_order), -9999999999.0)
    positive = precisions != 0.0
    if positive.any():
        logs[positive] = _log(precisions[positive]).astype(np.float64)
    log_sum = np.zeros(rows)
    for n in range(max_order):
        log_sum = np.where(n < eff, log_sum + logs[:, n], log_sum)
    score = bp * _exp(log_sum / eff).astype(np.float64)
    return np.where(no_match, 0.0, score)
