"""What every model-based, segment-scored metric shares (COMET, MetricX, BLEURT, BERTScore).

Settings checked the same way, a segment-score cache consulted before any model is loaded (a fully
cached run never loads one), ``[score, 1]`` statistics rows whose sums give the mean, and the same
details in ``scores.json``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from harness.cache import Cache, default_cache_dir
from harness.errors import HarnessError
from harness.metrics.base import Metric, MetricResult


class SegmentMeanMetric(Metric):
    """Base of the cached segment-mean metrics; subclasses set ``family`` (the cache's folder and file name)."""

    segment_mean = True
    family: str = "metric"

    def _settings(self, model: str, name: str, config_key: str, batch_size: int, max_tokens: int | None, gpus: int,
                  cache: bool, cache_dir: str | None, download: bool) -> None:
        if int(batch_size) < 1 or (max_tokens is not None and int(max_tokens) < 1) or int(gpus) < 0:
            raise HarnessError(f"metrics.{config_key}: batch_size and max_tokens must be >= 1 and gpus >= 0 "
                               f"(got batch_size={batch_size}, max_tokens={max_tokens}, gpus={gpus})")
        self.model = str(model)
        self.name = name
        self.config_key = config_key
        self.batch_size = int(batch_size)
        self.max_tokens = int(max_tokens) if max_tokens is not None else None
        self.gpus = int(gpus)
        self.use_cache = bool(cache)
        self.cache_dir = Path(cache_dir).expanduser() if cache_dir else default_cache_dir() / self.family
        self.download = bool(download)
        self._sha256: str | None = None
        self._device = ""

    def _cache(self, table: str) -> Cache | None:
        return Cache(self.cache_dir / f"{self.family}.sqlite", table) if self.use_cache else None

    def _cached_scoring(self, keys: list[str], samples: list[dict[str, str]],
                        score_new: Callable[[list[str], list[dict[str, str]], Cache | None], dict[str, Any]],
                        ) -> tuple[list[Any], dict[str, Any]]:
        """Values for every key: from the cache, else from ``score_new`` (identical inputs scored once)."""
        cache = self._cache("scores")
        try:
            found = cache.get_many(keys) if cache is not None else {}
            hits = sum(k in found for k in keys)
            todo = {k: samples[i] for i, k in enumerate(keys) if k not in found}
            started = time.perf_counter()
            if todo:
                found.update(score_new(list(todo), list(todo.values()), cache))
            seconds = time.perf_counter() - started
        finally:
            if cache is not None:
                cache.close()
        details: dict[str, Any] = {
            "model": self.model,
            "checkpoint_sha256": self._sha256,
            "cached_segments": hits,
            "scored_segments": len(todo),
            "device": self._device or "none (all segments cached)",
        }
        if todo and seconds > 0:
            details["segments_per_second"] = round(len(todo) / seconds, 1)
        return [found[k] for k in keys], details

    def _result(self, scores: list[float], details: dict[str, Any]) -> MetricResult:
        stats = np.column_stack([np.asarray(scores, dtype=np.float64), np.ones(len(scores))])
        return MetricResult(name=self.name, score=self.aggregate(stats.sum(axis=0)) if scores else None,
                            signature=self.signature(), segment_scores=scores, stats=stats,
                            higher_is_better=self.higher_is_better, details=details)

    def aggregate(self, totals: np.ndarray) -> float:
        totals = np.asarray(totals, dtype=np.float64)
        return float(totals[0] / totals[1])
