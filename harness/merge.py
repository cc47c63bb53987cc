"""Metrics of a new run join the stored run of the same outputs instead of replacing it.

``metrics=[bleu,chrf]`` after a run with the default metrics must not turn the stored chrF++ and TER
into n/a: when the reference set and the hypotheses are the same, every stored metric the new run did
not recompute is kept, with its statistics and segment scores. A metric with other options is stored
under its own key and column (:func:`stored_key`), so it never replaces the default one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from harness.metrics.base import Metric, MetricResult
from harness.records import read_scores, read_stats
from harness.unit_eval import UNIT_KEY


def stored_key(key: str, metric: Metric) -> str:
    """``bleu`` at its defaults, ``bleu[tokenize=intl]`` with other options: a new column, not a replacement."""
    variant = metric.variant()
    return f"{key}[{variant}]" if variant else key


def current_key(key: str, summary: dict[str, Any], prefix: str = "") -> tuple[str, str]:
    """The key and name this version gives a stored metric (``prefix``: ``unit-`` for unit-level ones).

    Older versions stored some variants under the plain key (COMET from a local checkpoint as ``comet``):
    rebuilt from its stored config, such a metric moves to its own column instead of passing for the
    default one beside the column a new run of it writes.
    """
    from harness.metrics import registry

    name = str(summary["name"])
    bare = key[len(prefix):] if key.startswith(prefix) else key
    if "[" in bare:
        return key, name
    metric = registry.rebuild(summary.get("config"))
    variant = metric.variant() if metric is not None else ""
    if not variant:
        return key, name
    return f"{prefix}{bare}[{variant}]", name if name.endswith(f" ({variant})") else f"{name} ({variant})"


@dataclass
class StoredRun:
    """A finished run of the same outputs: its scores.json and its stats.npz arrays."""

    info: dict[str, Any]
    arrays: dict[str, np.ndarray]


def stored_run(run_dir: Path, content_hash: str, hyps: list[str]) -> StoredRun | None:
    """The stored run in ``run_dir`` when it holds these very outputs on this version of the reference set
    (for a paragraph/document run, the hash names the units too); None otherwise."""
    previous = read_scores(run_dir)
    if previous is None or not _same_outputs(run_dir, previous, content_hash, hyps):
        return None
    return StoredRun(previous, read_stats(run_dir))


def _same_outputs(run_dir: Path, previous: dict[str, Any], content_hash: str, hyps: list[str]) -> bool:
    if previous["reference"].get("content_hash") != content_hash:
        return False
    lang = previous["reference"].get("tgt_lang")
    try:  # line by line: a million-segment run is never held as one string (issue 15)
        with (run_dir / f"hypotheses.{lang}").open(encoding="utf-8", newline="\n") as handle:
            return all(stored is not None and hyp is not None and stored == f"{hyp}\n"
                       for stored, hyp in itertools.zip_longest(handle, hyps))
    except (OSError, UnicodeDecodeError):
        return False


def _restored(key: str, summary: dict[str, Any], arrays: dict[str, np.ndarray], name: str) -> MetricResult:
    """A stored metric as the result it was written from (JSON part + its stats.npz arrays), named ``name``."""
    known = {"name", "score", "signature", "higher_is_better", "available", "reason"}
    segments = arrays.get(f"{key}.segments")
    return MetricResult(
        name=name, score=summary.get("score"), signature=summary.get("signature", ""),
        segment_scores=None if segments is None else segments.tolist(), stats=arrays.get(f"{key}.stats"),
        higher_is_better=summary.get("higher_is_better", True), available=summary.get("available", True),
        reason=summary.get("reason", ""), details={k: v for k, v in summary.items() if k not in known},
    )


def _summaries(stored: StoredRun, section: str) -> dict[str, Any]:
    """The stored metric summaries: the run's ``metrics``, or (``unit``) its unit-level ``unit.metrics``."""
    if section == "metrics":
        found = stored.info.get("metrics")
    else:
        block = stored.info.get(section)
        found = block.get("metrics") if isinstance(block, dict) else None
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(v, dict) and isinstance(v.get("name"), str)}


def merged_with(stored: StoredRun | None, new: dict[str, MetricResult],
                section: str = "metrics") -> dict[str, MetricResult]:
    """``new`` plus every metric of ``stored`` (a run of the same outputs) that ``new`` does not hold.

    A recomputed metric replaces its stored self, except that a metric unavailable now (a model not on
    this machine) does not wipe a score stored for the very same outputs. ``section="unit"`` merges a
    paragraph/document run's unit-level metrics (``unit.metrics``, ``unit-<key>`` in stats.npz).
    """
    if stored is None:
        return new
    out: dict[str, MetricResult] = {}
    summaries = _summaries(stored, section)
    for key, summary in summaries.items():  # stored order first, recomputed ones in place
        now, name = current_key(key, summary, UNIT_KEY if section == "unit" else "")
        if now in out or (now != key and now in summaries):  # its own column holds it already
            continue
        replaced = now in new and (new[now].available or not summary.get("available", True))
        out[now] = new[now] if replaced else _restored(key, summary, stored.arrays, name)
    for key, result in new.items():
        out.setdefault(key, result)
    return out


def merged(run_dir: Path, content_hash: str, hyps: list[str], new: dict[str, MetricResult]) -> dict[str, MetricResult]:
    """``new`` plus every stored metric of the same outputs that ``new`` does not hold (:func:`merged_with`)."""
    return merged_with(stored_run(run_dir, content_hash, hyps), new)


def stored_unit_notes(stored: StoredRun | None, units: dict[str, MetricResult]) -> list[str]:
    """The stored unit run's notes, less those saying a metric now scored over whole units was not."""
    if stored is None or not isinstance(stored.info.get("unit"), dict):
        return []
    notes = [n for n in stored.info["unit"].get("notes", []) if isinstance(n, str)]
    scored = tuple(f"{result.name} not scored over whole units" for result in units.values() if result.available)
    return [n for n in notes if not (scored and n.startswith(scored))]
