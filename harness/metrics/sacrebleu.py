"""BLEU, chrF, chrF++ and TER through sacrebleu's own statistics, so scores equal its CLI exactly."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import sacrebleu.metrics as sb

from harness.metrics.base import Metric, MetricResult


class SacreBLEUMetric(Metric):
    """Wraps one sacrebleu metric class; keyword arguments go to that class unchanged."""

    sacrebleu_class: ClassVar[type]
    #: Overrides for the sentence-level instance (BLEU needs effective order on single sentences).
    sentence_overrides: ClassVar[dict[str, Any]] = {}

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = dict(kwargs)
        self.metric = self.sacrebleu_class(**self.kwargs)
        self.sentence_metric = self.sacrebleu_class(**{**self.kwargs, **self.sentence_overrides})

    def statistics(self, hyps: list[str], refs: list[str]) -> np.ndarray:
        """Per-segment sufficient statistics, exactly as sacrebleu extracts them."""
        return np.asarray(self.metric._extract_corpus_statistics(hyps, [refs]))

    def aggregate(self, totals: np.ndarray) -> float:
        return float(self.metric._compute_score_from_stats(_as_stats(totals)).score)

    def segment_score(self, row: np.ndarray) -> float:
        return float(self.sentence_metric._compute_score_from_stats(_as_stats(row)).score)

    def signature(self) -> str:
        return str(self.metric.get_signature())

    def score(self, hyps: list[str], refs: list[str] | None, srcs: list[str]) -> MetricResult:
        assert refs is not None, f"{self.name} needs references"
        rows = self.metric._extract_corpus_statistics(hyps, [refs])
        stats = np.asarray(rows)
        # The sentence-level instance learns its reference count (for its signature) from one segment.
        self.sentence_metric._extract_corpus_statistics(hyps[:1], [refs[:1]])
        return MetricResult(
            name=self.name,
            score=float(self.metric._aggregate_and_compute(rows).score),
            signature=self.signature(),
            segment_scores=[self.segment_score(row) for row in stats],
            stats=stats,
            higher_is_better=self.higher_is_better,
            details={"sentence_signature": str(self.sentence_metric.get_signature())},
        )


def _as_stats(row: np.ndarray) -> list[Any]:
    """sacrebleu expects Python numbers (it calls int() on lengths and compares with ==)."""
    return [v.item() if hasattr(v, "item") else v for v in np.asarray(row).tolist()]


class BLEU(SacreBLEUMetric):
    name = "BLEU"
    sacrebleu_class = sb.BLEU
    sentence_overrides = {"effective_order": True}


class ChrF(SacreBLEUMetric):
    name = "chrF"
    sacrebleu_class = sb.CHRF


class ChrFpp(SacreBLEUMetric):
    name = "chrF++"
    sacrebleu_class = sb.CHRF

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"word_order": 2, **kwargs})


class TER(SacreBLEUMetric):
    name = "TER"
    higher_is_better = False
    sacrebleu_class = sb.TER
