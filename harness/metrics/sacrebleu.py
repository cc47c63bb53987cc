"""BLEU, chrF, chrF++ and TER with sacrebleu's definitions, so scores equal its CLI exactly.

Statistics for chrF/chrF++ and BLEU come from :mod:`harness.metrics.fast_stats` (numpy, same values as
sacrebleu's pure-Python extraction, several times faster); TER uses sacrebleu itself. Scores from
statistics use :mod:`harness.metrics.fast_scores`, sacrebleu's formulas over many rows at once.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import sacrebleu.metrics as sb

from harness.metrics import fast_scores, fast_stats
from harness.metrics.base import Metric, MetricResult


#: Segments whose statistics are computed together (see SacreBLEUMetric.statistics_in_blocks).
STATISTICS_BLOCK = 20_000


class SacreBLEUMetric(Metric):
    """Wraps one sacrebleu metric class; keyword arguments go to that class unchanged."""

    sacrebleu_class: ClassVar[type]
    #: Overrides for the sentence-level instance (BLEU needs effective order on single sentences).
    sentence_overrides: ClassVar[dict[str, Any]] = {}

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = dict(kwargs)
        self.metric = self.sacrebleu_class(**self.kwargs)
        self.sentence_metric = self.sacrebleu_class(**{**self.kwargs, **self.sentence_overrides})
        # One reference per segment, always: known before scoring, so a metric recorded as unavailable
        # (refused before it ran) still has its signature.
        self.metric.num_refs = self.sentence_metric.num_refs = 1

    def statistics(self, hyps: list[str], refs: list[str], reuse: bool = True) -> np.ndarray:
        """Per-segment sufficient statistics, exactly as sacrebleu extracts them.

        ``reuse=False``: the references are scored once (a block of a large set), so nothing about
        them is kept for the next system.
        """
        return np.asarray(self.metric._extract_corpus_statistics(hyps, [refs]))

    def aggregate(self, totals: np.ndarray) -> float:
        return float(self.aggregate_many(np.asarray(totals)[None, :])[0])

    def aggregate_many(self, totals: np.ndarray, float32: bool = False) -> np.ndarray:
        """Scores of many rows of summed statistics (bootstrap resamples); ``float32`` as sacrebleu's tests."""
        return np.array([self.metric._compute_score_from_stats(_as_stats(row)).score for row in totals])

    def segment_scores(self, stats: np.ndarray) -> np.ndarray:
        """Sentence-level scores, one per statistics row."""
        return np.array([self.sentence_metric._compute_score_from_stats(_as_stats(row)).score for row in stats])

    def signature(self) -> str:
        return str(self.metric.get_signature())

    def config(self) -> dict[str, Any]:
        """What rebuilds this metric (stored in scores.json, so reports can rescore resampled statistics)."""
        cls = type(self)
        return {"_target_": f"{cls.__module__}.{cls.__qualname__}", **self.kwargs}

    def statistics_in_blocks(self, hyps: list[str], refs: list[str]) -> np.ndarray:
        """:meth:`statistics` a block of segments at a time, so memory does not grow with the set.

        Rows are per segment and independent of the others, so the blocks give exactly the rows of
        one call; one call over a million segments would index every n-gram at once (about 33 KB a
        segment for BLEU + chrF).
        """
        if len(hyps) <= STATISTICS_BLOCK:
            return self.statistics(hyps, refs)
        blocks = []
        for start in range(0, len(hyps), STATISTICS_BLOCK):
            end = start + STATISTICS_BLOCK
            blocks.append(self.statistics(hyps[start:end], refs[start:end], reuse=False))
        return np.concatenate(blocks)

    def score(self, hyps: list[str], refs: list[str] | None, srcs: list[str]) -> MetricResult:
        assert refs is not None, f"{self.name} needs references"
        stats = self.statistics_in_blocks(hyps, refs)
        # sacrebleu learns the reference count (part of its signature) while caching references.
        self.metric.num_refs = self.sentence_metric.num_refs = 1
        return MetricResult(
            name=self.name,
            score=self.aggregate(stats.sum(axis=0)),
            signature=self.signature(),
            segment_scores=self.segment_scores(stats).tolist(),
            stats=_compact(stats),
            higher_is_better=self.higher_is_better,
            details={"sentence_signature": str(self.sentence_metric.get_signature()), "config": self.config()},
        )


def _compact(stats: np.ndarray) -> np.ndarray:
    """Counts as int32 when they fit: stats.npz is compressed on every run, half the bytes is half the time."""
    if stats.dtype.kind == "i" and stats.size and np.abs(stats).max() < 2**31:
        return stats.astype(np.int32)
    return stats


def _as_stats(row: np.ndarray) -> list[Any]:
    """sacrebleu expects Python numbers (it calls int() on lengths and compares with ==)."""
    return [v.item() if hasattr(v, "item") else v for v in np.asarray(row).tolist()]


class BLEU(SacreBLEUMetric):
    name = "BLEU"
    sacrebleu_class = sb.BLEU
    sentence_overrides = {"effective_order": True}

    def statistics(self, hyps: list[str], refs: list[str], reuse: bool = True) -> np.ndarray:
        if len(hyps) != len(refs):
            raise ValueError(f"{len(hyps)} hypotheses but {len(refs)} references")
        order = self.metric.max_ngram_order
        settings = ("bleu", order, self.metric.tokenizer.signature(), self.metric.lowercase)
        return fast_stats.bleu_statistics([t.split() for t in self.tokenized(hyps)],
                                          lambda: [t.split() for t in self.tokenized(refs)], order, settings, refs, reuse)

    def tokenized(self, lines: list[str]) -> list[str]:
        """sacrebleu's preprocessing (lowercase, rstrip, tokenizer); 13a over the whole corpus at once."""
        if type(self.metric.tokenizer).__name__ != "Tokenizer13a":
            return [self.metric._preprocess_segment(line) for line in lines]
        lines = [line.lower() for line in lines] if self.metric.lowercase else lines
        return fast_stats.tokenize_13a_corpus([line.rstrip() for line in lines], self.metric.tokenizer)

    def _scores(self, metric: sb.BLEU, totals: np.ndarray) -> np.ndarray:
        return fast_scores.bleu_scores(totals, metric.max_ngram_order, metric.smooth_method, metric.smooth_value,
                                       metric.effective_order)

    def aggregate_many(self, totals: np.ndarray, float32: bool = False) -> np.ndarray:
        # BLEU's arithmetic is float64 whatever the input type, so float32 changes nothing.
        return self._scores(self.metric, totals)

    def segment_scores(self, stats: np.ndarray) -> np.ndarray:
        return self._scores(self.sentence_metric, stats)


class ChrF(SacreBLEUMetric):
    name = "chrF"
    sacrebleu_class = sb.CHRF

    def statistics(self, hyps: list[str], refs: list[str], reuse: bool = True) -> np.ndarray:
        m = self.metric
        return fast_stats.chrf_statistics(hyps, refs, m.char_order, m.word_order, m.lowercase, m.whitespace,
                                          m._remove_punctuation, reuse)

    def aggregate_many(self, totals: np.ndarray, float32: bool = False) -> np.ndarray:
        return fast_scores.chrf_scores(totals, self.metric.beta, self.metric.eps_smoothing, float32)

    def segment_scores(self, stats: np.ndarray) -> np.ndarray:
        return self.aggregate_many(stats)


class ChrFpp(ChrF):
    name = "chrF++"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"word_order": 2, **kwargs})


class TER(SacreBLEUMetric):
    name = "TER"
    higher_is_better = False
    sacrebleu_class = sb.TER

    def __init__(self, max_segment_words: int | None = 2000, **kwargs: Any) -> None:
        """``max_segment_words``: longer segments are refused (TER's cost explodes); null = no limit."""
        self.max_segment_words = int(max_segment_words) if max_segment_words is not None else None
        super().__init__(**kwargs)

    def aggregate_many(self, totals: np.ndarray, float32: bool = False) -> np.ndarray:
        return fast_scores.ter_scores(totals, float32)

    def segment_scores(self, stats: np.ndarray) -> np.ndarray:
        return self.aggregate_many(stats)
