"""Confidence intervals and paired significance tests over stored per-segment statistics.

Everything works on the arrays of ``stats.npz``: a resample is a vector of how often each segment is
drawn, so the statistics of 1,000 resamples are one matrix product, and each metric turns its summed
statistics into scores (corpus metrics through their own formula, segment-mean metrics as a mean).
One comparison draws its resample indices once, from ``seed``, and uses them for every metric and
system. The draws, the CI rule and the p-value formula are sacrebleu's (``sacrebleu/significance.py``),
so with the same seed the results equal ``sacrebleu -i ... --paired-bs`` / ``--paired-ar``.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from harness.errors import HarnessError

#: sacrebleu's defaults: 1,000 bootstrap resamples, 10,000 approximate-randomization trials.
DEFAULT_RESAMPLES = {"bs": 1000, "ar": 10000}
#: Cells of a float64 (resamples x segments) temporary built at once (128 MB): bounds memory on long sets.
#: Each block's product reads every system's statistics once, so larger blocks read them fewer times:
#: a million segments x 1,000 resamples sums 30 % faster than with 32 MB blocks, about 0.5 GB transient.
_CHUNK_CELLS = 16_000_000

#: ``scorer(totals, float32)`` turns rows of summed statistics into scores.
Scorer = Callable[[np.ndarray, bool], np.ndarray]


def segment_mean_scorer(totals: np.ndarray, float32: bool = False) -> np.ndarray:
    """Segment-mean metrics (COMET) store rows ``[score, 1]``: the sums give the mean."""
    totals = np.atleast_2d(totals)
    return totals[:, 0] / np.maximum(totals[:, 1], 1)


def bootstrap_indices(n_segments: int, resamples: int, seed: int | None) -> np.ndarray:
    """sacrebleu's draw: ``default_rng(seed).choice(n, size=(resamples, n))``."""
    rng = np.random.default_rng(seed)
    return rng.choice(n_segments, size=(resamples, n_segments), replace=True)


def randomization_masks(n_segments: int, trials: int, seed: int | None) -> np.ndarray:
    """sacrebleu's AR draw: per trial and segment, whether the two systems' outputs are swapped."""
    rng = np.random.default_rng(seed)
    return rng.integers(2, size=(trials, n_segments), dtype=bool)


def draw_counts(indices: np.ndarray) -> np.ndarray:
    """How often each segment appears in each resample: shape (resamples, segments), int32."""
    resamples, n = indices.shape
    counts = np.empty((resamples, n), dtype=np.int32)
    step = _rows_per_chunk(n)
    for start in range(0, resamples, step):
        block = indices[start : start + step]
        flat = (np.arange(len(block))[:, None] * n + block).ravel()
        counts[start : start + step] = np.bincount(flat, minlength=len(block) * n).reshape(len(block), n)
    return counts


def resampled_totals(counts: np.ndarray, stats: np.ndarray) -> np.ndarray:
    """Summed statistics of every resample (exact for integer statistics: float64 holds them)."""
    stats = np.asarray(stats, dtype=np.float64)
    step = _rows_per_chunk(counts.shape[1])
    return np.concatenate([counts[start : start + step].astype(np.float64) @ stats
                           for start in range(0, len(counts), step)]) if len(counts) else np.zeros((0, stats.shape[1]))


def _rows_per_chunk(n_segments: int) -> int:
    """Rows of a (rows x segments) float64 temporary kept near 128 MB, for long test sets."""
    return max(1, _CHUNK_CELLS // max(n_segments, 1))


def estimate_ci(scores: np.ndarray) -> tuple[float, float, float, float]:
    """(mean, half-width, lower, upper) of a 95% interval, by sacrebleu's rule (1/40 cut per side)."""
    ordered = np.sort(scores)
    n = len(ordered)
    lower_idx = n // 40
    lower, upper = ordered[lower_idx], ordered[n - lower_idx - 1]
    return float(ordered.mean()), float(0.5 * (upper - lower)), float(lower), float(upper)


def p_value(sample_stats: np.ndarray, observed: float, strict: bool = False) -> float:
    """(samples at least as extreme as observed + 1) / (samples + 1), as in sacrebleu/multeval.

    One deliberate difference: a sample equal to the observed value counts as extreme. sacrebleu
    counts only strictly larger ones, which gives two identical systems p = 1/(N+1) ("significant");
    here they get p = 1. Without exact ties both rules give the same number. ``strict`` is sacrebleu's
    rule (``report.compat=sacrebleu``).
    """
    extreme = sample_stats > observed if strict else sample_stats >= observed
    return (int(np.sum(extreme)) + 1) / (len(sample_stats) + 1)


def bootstrap_p_value(scores_sys: np.ndarray, scores_base: np.ndarray, score_sys: float, score_base: float,
                      strict: bool = False) -> float:
    """Paired bootstrap (Koehn 2004 as in sacrebleu): centred resampled |differences| vs the real one."""
    diffs = np.abs(scores_sys - scores_base)
    return p_value(diffs - diffs.mean(), abs(score_base - score_sys), strict)


def float32_totals(stats: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Summed statistics of every resample as sacrebleu sums them: float32 rows added in float32.

    sacrebleu's ``stats_np[idxs]`` then ``_s.sum(0)`` per resample, literally: its rounding (totals past
    2**24 lose low bits) is what ``report.compat=sacrebleu`` reproduces; the default sums exactly.
    """
    stats32 = np.asarray(stats, dtype=np.float32)
    return np.stack([stats32[row].sum(0) for row in indices]) if len(indices) else np.zeros((0, stats32.shape[1]),
                                                                                           dtype=np.float32)


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm-Bonferroni step-down adjusted p-values (same order as given)."""
    p = np.asarray(pvalues, dtype=np.float64)
    m = len(p)
    order = np.argsort(p, kind="stable")
    adjusted = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = adjusted
    return out.tolist()


@dataclass(frozen=True)
class Options:
    """The ``report`` settings (conf/report_options.yaml), checked."""

    baseline: str | None = None
    test: str = "bs"
    resamples: int | None = None
    seed: int | None = 12345
    pairs: str = "baseline"
    correction: str = "none"
    alpha: float = 0.05
    #: none: ties count as extreme, exact sums; sacrebleu: its tie rule and float32 resample sums.
    compat: str = "none"
    #: leaderboard.tex shows "(p=...)" in its cells too; by default only the significance marker.
    latex_pvalues: bool = False

    @classmethod
    def from_mapping(cls, options: Mapping | None) -> Options:
        options = dict(options or {})
        if isinstance(options.get("seed"), str):  # from ${oc.env:SACREBLEU_SEED,...}: "none" or digits
            text = options["seed"].strip()
            options["seed"] = None if text.lower() == "none" else int(text) if text.lstrip("-").isdigit() else text
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(options) - known)
        if unknown:
            raise HarnessError(f"unknown report option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        if options.get("baseline") is not None:  # a system named 2024 arrives as an int
            options["baseline"] = str(options["baseline"])
        made = cls(**options)
        choices = {"test": ("bs", "ar"), "pairs": ("baseline", "all"), "correction": ("none", "holm"),
                   "compat": ("none", "sacrebleu")}
        for key, allowed in choices.items():
            if getattr(made, key) not in allowed:
                raise HarnessError(f"report.{key}={getattr(made, key)!r}; choose one of: {', '.join(allowed)}")
        resamples, alpha = made.resamples, made.alpha
        if resamples is not None and (isinstance(resamples, bool) or not isinstance(resamples, int)):
            raise HarnessError(f"report.resamples must be a whole number (or null), got {resamples!r}")
        if resamples is not None and resamples < 1:
            raise HarnessError(f"report.resamples must be at least 1, got {resamples}")
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float)):
            raise HarnessError(f"report.alpha must be a number, got {alpha!r}")
        if not 0 < alpha < 1:
            raise HarnessError(f"report.alpha must be between 0 and 1, got {alpha}")
        if not isinstance(made.latex_pvalues, bool):
            raise HarnessError(f"report.latex_pvalues must be true or false, got {made.latex_pvalues!r}")
        if made.seed is not None and (isinstance(made.seed, bool) or not isinstance(made.seed, int)):
            raise HarnessError(f"report.seed must be an integer or null, got {made.seed!r}")
        return made

    @property
    def n_resamples(self) -> int:
        return int(self.resamples) if self.resamples is not None else DEFAULT_RESAMPLES[self.test]

    @property
    def n_ci_resamples(self) -> int:
        """CIs always come from the bootstrap: its resample count, or sacrebleu's 1,000 under AR."""
        return self.n_resamples if self.test == "bs" else DEFAULT_RESAMPLES["bs"]

    @property
    def sacrebleu(self) -> bool:
        """``compat=sacrebleu``: reproduce sacrebleu's numbers exactly rather than the sound defaults."""
        return self.compat == "sacrebleu"


@dataclass
class MetricSeries:
    """One metric's per-segment statistics for every system of a comparison."""

    name: str
    scorer: Scorer
    stats: dict[str, np.ndarray]  # system -> (segments, k)
    #: Resample in float32 like sacrebleu does for its own metrics (exact parity); False for others.
    float32: bool = False
    #: Names the scorer (e.g. the metric's config as JSON) so resampled scores can be reused; "" = never.
    identity: str = ""


@dataclass
class Comparison:
    """CIs per (system, metric) and p-values per (system, other, metric), as the leaderboard shows them."""

    options: Options
    baseline: str | None
    scores: dict[tuple[str, str], float] = field(default_factory=dict)
    means: dict[tuple[str, str], float] = field(default_factory=dict)
    halfwidths: dict[tuple[str, str], float] = field(default_factory=dict)
    ci: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    raw_pvalues: dict[tuple[str, str, str], float] = field(default_factory=dict)
    pvalues: dict[tuple[str, str, str], float] = field(default_factory=dict)


#: In one process (a multirun republishes after every job) draws and resampled scores are reused.
_DRAWS: dict[tuple[int, int, int], Draws] = {}
_RESAMPLED: dict[tuple, np.ndarray] = {}
_MEMO_LIMIT = 256


#: Draws with more (resamples x segments) cells than this are not kept: 200 MB of int32 counts.
_KEEP_CELLS = 50_000_000


class Draws:
    """The bootstrap draws of one comparison, as blocks of per-segment counts (rows: resamples).

    Small draws are kept whole and reused. Large ones (a million segments x 1,000 resamples would be
    4 GB of counts and 8 GB of indices) are drawn again from the seed, block by block, on every pass,
    so memory stays bounded by one block; the blocks are exactly the rows of sacrebleu's single draw.
    """

    def __init__(self, n_segments: int, resamples: int, seed: int | None) -> None:
        self.shape = (resamples, n_segments)
        # Every pass must see the same draws (the systems are paired): an unseeded comparison gets one seed.
        self.seed = int(np.random.SeedSequence().entropy % 2**63) if seed is None else seed
        self.step = _rows_per_chunk(n_segments)
        self._kept = (draw_counts(bootstrap_indices(n_segments, resamples, self.seed))
                      if resamples * n_segments <= _KEEP_CELLS else None)

    def blocks(self) -> Iterator[np.ndarray]:
        resamples, n = self.shape
        rng = np.random.default_rng(self.seed) if self._kept is None else None
        for start in range(0, resamples, self.step):
            if rng is None:
                yield self._kept[start : start + self.step]
            else:
                yield draw_counts(rng.choice(n, size=(min(self.step, resamples - start), n), replace=True))

    def totals(self, stats: np.ndarray) -> np.ndarray:
        """Summed statistics of every resample (as :func:`resampled_totals`), one block at a time."""
        return self.totals_many([stats])[0]

    def totals_many(self, matrices: Sequence[np.ndarray]) -> list[np.ndarray]:
        """:meth:`totals` of several statistics matrices (every system and metric of a comparison).

        Integer statistics share one pass over the draws: a draw too large to keep is made once,
        not once per system and metric (at a million segments drawing and counting cost more than
        the products). Their sums are exact in float64 whatever the order of addition, so stacking
        them changes no value. Real-valued statistics (segment-mean metrics) keep a pass each, so
        their sums are added in the same order as always.
        """
        matrices = [np.asarray(m) for m in matrices]
        exact = [i for i, m in enumerate(matrices) if m.dtype.kind in "iub"]
        groups = [exact] if exact else []
        groups += [[i] for i in range(len(matrices)) if i not in exact]
        out: list[np.ndarray] = [np.empty(0)] * len(matrices)
        for group in groups:
            stacked = np.concatenate([matrices[i].astype(np.float64) for i in group], axis=1)
            parts = [block.astype(np.float64) @ stacked for block in self.blocks()]
            whole = np.concatenate(parts) if parts else np.zeros((0, stacked.shape[1]))
            bounds = np.cumsum([matrices[i].shape[1] for i in group])[:-1]
            for i, part in zip(group, np.split(whole, bounds, axis=1)):
                out[i] = np.ascontiguousarray(part)
        return out


def _draws_for(n_segments: int, resamples: int, seed: int | None) -> Draws:
    if seed is None:  # fresh randomness: nothing to reuse
        return Draws(n_segments, resamples, seed)
    key = (n_segments, resamples, seed)
    if key not in _DRAWS:
        _DRAWS.clear()
        _DRAWS[key] = Draws(n_segments, resamples, seed)
    return _DRAWS[key]


def _resampled_scores(series: MetricSeries, stats: np.ndarray, draws: Draws, seed: int | None,
                      compat: bool = False) -> np.ndarray:
    """The metric's score on every resample of one system's statistics (``compat``: sacrebleu's float32 sums)."""
    key = None
    compat = compat and series.float32
    if series.identity and seed is not None:
        digest = hashlib.blake2b(np.ascontiguousarray(stats).tobytes(), digest_size=16).hexdigest()
        key = (series.identity, series.float32, compat, digest, stats.shape, str(stats.dtype), draws.shape, seed)
        if key in _RESAMPLED:
            return _RESAMPLED[key]
    if compat:
        totals = float32_totals(stats, bootstrap_indices(draws.shape[1], draws.shape[0], draws.seed))
    else:
        totals = draws.totals(stats)
    if series.float32:
        totals = totals.astype(np.float32)
    scores = series.scorer(totals, series.float32)
    if key is not None:
        if len(_RESAMPLED) >= _MEMO_LIMIT:
            _RESAMPLED.clear()
        _RESAMPLED[key] = scores
    return scores


def _resampled_key(series: MetricSeries, stats: np.ndarray, draws: Draws, seed: int | None) -> tuple | None:
    """What names one system's resampled scores for reuse in this process; None when they cannot be reused."""
    if not series.identity or seed is None:
        return None
    digest = hashlib.blake2b(np.ascontiguousarray(stats).tobytes(), digest_size=16).hexdigest()
    return (series.identity, series.float32, digest, stats.shape, str(stats.dtype), draws.shape, seed)


def _resampled_scores_all(jobs: Sequence[tuple[MetricSeries, np.ndarray]], draws: Draws,
                          seed: int | None) -> list[np.ndarray]:
    """Each metric's score on every resample of each system's statistics, the sums in one pass."""
    keys = [_resampled_key(series, stats, draws, seed) for series, stats in jobs]
    missing = [i for i, key in enumerate(keys) if key is None or key not in _RESAMPLED]
    totals = dict(zip(missing, draws.totals_many([jobs[i][1] for i in missing])))
    out = []
    for i, ((series, _), key) in enumerate(zip(jobs, keys)):
        if i not in totals:
            out.append(_RESAMPLED[key])
            continue
        summed = totals.pop(i)
        scores = series.scorer(summed.astype(np.float32) if series.float32 else summed, series.float32)
        if key is not None:
            if len(_RESAMPLED) >= _MEMO_LIMIT:
                _RESAMPLED.clear()
            _RESAMPLED[key] = scores
        out.append(scores)
    return out


def _pairs(systems: Sequence[str], baseline: str, mode: str) -> list[tuple[str, str]]:
    """(system, other) pairs to test: each against the baseline, or every unordered pair."""
    if mode == "all":
        return list(itertools.combinations(systems, 2))
    return [(name, baseline) for name in systems if name != baseline]


def _ar_p_values(series: MetricSeries, pairs: Sequence[tuple[str, str]], masks: np.ndarray,
                 strict: bool = False) -> list[float]:
    """Paired approximate randomization (sacrebleu's) for each (baseline, system) pair.

    Each trial swaps the two systems' outputs on the segments its mask marks; the p-value compares
    the trials' |score gaps| with the observed one. sacrebleu's ``pos @ bl + neg @ sys`` is computed
    as ``sys_total + pos @ (bl - sys)``: one product instead of four, the same sums (exact in float64).
    """
    totals, diffs, observed, gaps = [], [], [], []
    for base, system in pairs:
        stats_base = np.asarray(series.stats[base], dtype=np.float64)
        stats_sys = np.asarray(series.stats[system], dtype=np.float64)
        totals.append((stats_base.sum(0), stats_sys.sum(0)))
        diffs.append(stats_base - stats_sys)
        observed.append(abs(float(series.scorer(totals[-1][0], False)[0]) -
                            float(series.scorer(totals[-1][1], False)[0])))
        gaps.append([])
    step = _rows_per_chunk(masks.shape[1])
    for start in range(0, len(masks), step):
        pos = masks[start : start + step].astype(np.float64)
        for i, (base_total, sys_total) in enumerate(totals):
            moved = pos @ diffs[i]
            shuf_a, shuf_b = sys_total + moved, base_total - moved
            gaps[i].append(np.abs(series.scorer(shuf_a, False) - series.scorer(shuf_b, False)))
    return [p_value(np.concatenate(g), o, strict) for g, o in zip(gaps, observed)]


def compare(systems: Sequence[str], metrics: Mapping[str, MetricSeries], options: Options) -> Comparison:
    """Bootstrap CIs for every system and metric; paired p-values for the pairs the options ask for.

    ``systems`` are in table order; all must have statistics over the same segments.
    """
    systems = list(systems)
    baseline = options.baseline if options.baseline in systems else (systems[0] if systems else None)
    result = Comparison(options, baseline)
    if not systems:
        return result
    lengths = {len(s) for series in metrics.values() for s in series.stats.values()}
    if len(lengths) > 1:
        raise HarnessError(f"runs cover different numbers of segments ({sorted(lengths)}); cannot pair them")
    n_segments = lengths.pop() if lengths else 0
    if n_segments == 0:
        return result

    draws = _draws_for(n_segments, options.n_ci_resamples, options.seed)
    masks = randomization_masks(n_segments, options.n_resamples, options.seed) if options.test == "ar" else None
    pairs = _pairs(systems, baseline, options.pairs)
    cells = [(metric, system) for metric, series in metrics.items() for system in systems if system in series.stats]
    jobs = [(metrics[metric], np.asarray(metrics[metric].stats[system])) for metric, system in cells]
    # every system's resampled scores in one pass over the draws (report.compat=sacrebleu: its own sums below)
    all_resampled = {} if options.sacrebleu else dict(zip(cells, _resampled_scores_all(jobs, draws, options.seed)))
    for metric, series in metrics.items():
        resampled: dict[str, np.ndarray] = {}
        for system in systems:
            if system not in series.stats:
                continue
            stats = np.asarray(series.stats[system])
            result.scores[(system, metric)] = float(series.scorer(stats.sum(axis=0), False)[0])
            if options.sacrebleu:  # sacrebleu's float32 resample sums, one system at a time
                resampled[system] = _resampled_scores(series, stats, draws, options.seed, True)
            else:
                resampled[system] = all_resampled.pop((metric, system))
            mean, half, lower, upper = estimate_ci(resampled[system])
            result.means[(system, metric)] = mean
            result.halfwidths[(system, metric)] = half
            result.ci[(system, metric)] = (lower, upper)
        tested = [(a, b) for a, b in pairs if a in resampled and b in resampled]
        if masks is None:
            raw = [bootstrap_p_value(resampled[a], resampled[b], result.scores[(a, metric)], result.scores[(b, metric)],
                                     options.sacrebleu) for a, b in tested]
        else:
            raw = _ar_p_values(series, [(b, a) for a, b in tested], masks, options.sacrebleu)
        adjusted = holm(raw) if options.correction == "holm" and raw else raw
        if n_segments < 2:  # nothing to resample: no evidence of a difference
            raw = adjusted = [1.0] * len(tested)
        for (a, b), p, q in zip(tested, raw, adjusted):
            result.raw_pvalues[(a, b, metric)] = p
            result.pvalues[(a, b, metric)] = q
    return result
