"""The shared metric contract: per-segment sufficient statistics, summed, then aggregated.

Following sacrebleu's ``metrics/base.py``, a metric turns each (hyp, ref) pair into a row of
sufficient statistics. The corpus score is ``aggregate(stats.sum(axis=0))``; segment-mean metrics
such as COMET store ``[score, 1]`` rows so the same rule gives their mean. Confidence intervals and
paired tests are then arithmetic on stored arrays, never a second pass over text.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

import numpy as np


class MetricUnavailable(Exception):
    """The metric cannot run here (model not available offline, package missing ...).

    The run records the reason and completes every other metric.
    """


@dataclass
class MetricResult:
    """What one metric says about one system's outputs on one reference set."""

    name: str
    score: float | None
    signature: str
    segment_scores: list[float] | None = None
    stats: np.ndarray | None = None
    higher_is_better: bool = True
    available: bool = True
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def unavailable(cls, name: str, reason: str, signature: str = "", higher_is_better: bool = True) -> MetricResult:
        return cls(name=name, score=None, signature=signature, available=False, reason=reason,
                   higher_is_better=higher_is_better)

    def summary(self) -> dict[str, Any]:
        """The JSON-able part stored in ``scores.json`` (arrays go to ``stats.npz``)."""
        out: dict[str, Any] = {
            "name": self.name,
            "score": self.score,
            "signature": self.signature,
            "higher_is_better": self.higher_is_better,
            "available": self.available,
        }
        if not self.available:
            out["reason"] = self.reason
        out.update(self.details)
        return out


class Metric(ABC):
    """Base class: subclasses say how to get statistics and how to turn summed statistics into a score."""

    #: Display name, the leaderboard column.
    name: str = "metric"
    higher_is_better: bool = True
    #: Reference-free (quality estimation) metrics set this to False.
    needs_reference: bool = True
    #: Whether statistics are per-segment means (COMET) or corpus-level sufficient statistics (BLEU).
    segment_mean: bool = False
    #: Longest segment (in words) the metric scores; set where cost explodes with length (TER).
    #: Checked before any time is spent: see :mod:`harness.metrics.limits`.
    max_segment_words: int | None = None
    #: References per segment of the set being scored (set before scoring, so every signature says it).
    num_refs: int = 1

    @abstractmethod
    def score(self, hyps: list[str], refs: list[str] | None, srcs: list[str]) -> MetricResult:
        """Score one system's outputs; raise MetricUnavailable when the metric cannot run here."""

    @abstractmethod
    def aggregate(self, totals: np.ndarray) -> float:
        """Corpus score from statistics summed over segments (one row)."""

    def aggregate_many(self, totals: np.ndarray, float32: bool = False) -> np.ndarray:
        """Scores of many rows of summed statistics (bootstrap resamples); override to vectorise."""
        return np.array([self.aggregate(row) for row in np.atleast_2d(totals)])

    def score_references(self, hyps: list[str], refs: list[list[str]] | None, srcs: list[str]) -> MetricResult:
        """Score against one or more reference streams (``refs[k][i]``: reference k of segment i).

        One stream is :meth:`score`; a metric that can use several overrides this, the others are
        recorded unavailable rather than silently scored against the first reference only.
        """
        if refs is None or len(refs) == 1:
            return self.score(hyps, refs[0] if refs else None, srcs)
        raise MetricUnavailable(f"{self.name} takes one reference per segment; this set has {len(refs)}")

    def signature(self) -> str:
        return ""

    def variant(self) -> str:
        """Options that make this metric another column than its defaults (``tokenize=intl``); "" at defaults.

        Stored results of the default and of a variant live side by side (:mod:`harness.merge`).
        """
        return ""

    def available_locally(self) -> bool:
        """Whether it can run here without downloading anything.

        Decides its place among the default metrics ("all that are available"); a metric the user
        names explicitly runs, or is recorded unavailable with the reason, regardless.
        """
        return True
