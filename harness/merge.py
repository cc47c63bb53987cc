"""Metrics of a new run join the stored run of the same outputs instead of replacing it.

``metrics=[bleu,chrf]`` after a run with the default metrics must not turn the stored chrF++ and TER
into n/a: when the reference set and the hypotheses are the same, every stored metric the new run did
not recompute is kept, with its statistics and segment scores. A metric with other options is stored
under its own key and column (:func:`stored_key`), so it never replaces the default one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from harness.metrics.base import Metric, MetricResult
from harness.records import read_scores, read_stats


def stored_key(key: str, metric: Metric) -> str:
    """``bleu`` at its defaults, ``bleu[tokenize=intl]`` with other options: a new column, not a replacement."""
    variant = metric.variant()
    return f"{key}[{variant}]" if variant else key


def _same_outputs(run_dir: Path, previous: dict[str, Any], content_hash: str, hyps: list[str]) -> bool:
    if previous["reference"].get("content_hash") != content_hash:
        return False
    lang = previous["reference"].get("tgt_lang")
    try:
        stored = (run_dir / f"hypotheses.{lang}").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return stored == "".join(f"{line}\n" for line in hyps)


def _restored(key: str, summary: dict[str, Any], arrays: dict[str, np.ndarray]) -> MetricResult:
    """A stored metric as the result it was written from (JSON part + its stats.npz arrays)."""
    known = {"name", "score", "signature", "higher_is_better", "available", "reason"}
    segments = arrays.get(f"{key}.segments")
    return MetricResult(
        name=summary["name"], score=summary.get("score"), signature=summary.get("signature", ""),
        segment_scores=None if segments is None else segments.tolist(), stats=arrays.get(f"{key}.stats"),
        higher_is_better=summary.get("higher_is_better", True), available=summary.get("available", True),
        reason=summary.get("reason", ""), details={k: v for k, v in summary.items() if k not in known},
    )


def merged(run_dir: Path, content_hash: str, hyps: list[str], new: dict[str, MetricResult]) -> dict[str, MetricResult]:
    """``new`` plus every stored metric of the same outputs that ``new`` does not hold.

    A recomputed metric replaces its stored self, except that a metric unavailable now (a model not on
    this machine) does not wipe a score stored for the very same outputs.
    """
    previous = read_scores(run_dir)
    if previous is None or not _same_outputs(run_dir, previous, content_hash, hyps):
        return new
    arrays = read_stats(run_dir)
    out: dict[str, MetricResult] = {}
    for key, summary in previous["metrics"].items():  # stored order first, recomputed ones in their place
        replaced = key in new and (new[key].available or not summary.get("available", True))
        out[key] = new[key] if replaced else _restored(key, summary, arrays)
    for key, result in new.items():
        out.setdefault(key, result)
    return out
