"""A run's outputs on disk: ``results/<reference>/<system>/`` written as one unit.

The run directory is staged beside its final place and swapped in by renames, so a crash leaves
either the previous complete run or the new complete run, never a mix of the two.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from harness import atomic
from harness.metrics.base import MetricResult
from harness.references import ReferenceSet

SCORES = "scores.json"
SEGMENTS = "segments.tsv"
STATS = "stats.npz"


@dataclass
class RunRecord:
    """One system evaluated on one reference set."""

    system_name: str
    hyps: list[str]
    metrics: dict[str, MetricResult]
    info: dict[str, Any]


def segments_table(reference: ReferenceSet, hyps: list[str], metrics: dict[str, MetricResult]) -> str:
    """TSV with one row per segment; segments hold no tabs or newlines (validated), so no quoting."""
    scored = [(m.name, m.segment_scores) for m in metrics.values() if m.available and m.segment_scores]
    header = ["id", "src", "ref", "hyp", *(name for name, _ in scored)]
    lines = ["\t".join(header)]
    for i, (src, ref, hyp) in enumerate(zip(reference.src, reference.ref, hyps)):
        values = [f"{scores[i]:.6f}" for _, scores in scored]
        lines.append("\t".join([str(i + 1), src, ref, hyp, *values]))
    return "\n".join(lines) + "\n"


def stats_archive(metrics: dict[str, MetricResult]) -> bytes:
    """Per-segment statistics and scores, so reports never re-read text."""
    arrays: dict[str, np.ndarray] = {}
    for key, result in metrics.items():
        if result.stats is not None:
            arrays[f"{key}.stats"] = np.asarray(result.stats)
        if result.segment_scores is not None:
            arrays[f"{key}.segments"] = np.asarray(result.segment_scores, dtype=np.float64)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def write_run(run_dir: Path, reference: ReferenceSet, record: RunRecord) -> None:
    """Stage every file, then swap the directory in."""
    run_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=run_dir.parent, prefix=f".tmp-{run_dir.name}-"))
    try:
        atomic.write_lines(stage / f"hypotheses.{reference.tgt_lang}", record.hyps)
        atomic.write_text(stage / SEGMENTS, segments_table(reference, record.hyps, record.metrics))
        atomic.write_bytes(stage / STATS, stats_archive(record.metrics))
        atomic.write_json(stage / SCORES, record.info)
        _swap_in(stage, run_dir)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _swap_in(stage: Path, run_dir: Path) -> None:
    old = None
    if run_dir.exists():
        old = run_dir.with_name(f".old-{run_dir.name}-{os.getpid()}")
        os.replace(run_dir, old)
    os.replace(stage, run_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_scores(run_dir: Path) -> dict[str, Any] | None:
    """The run's scores.json, or None when the directory holds no finished run."""
    path = run_dir / SCORES
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def read_stats(run_dir: Path) -> dict[str, np.ndarray]:
    """Arrays saved by :func:`stats_archive`; empty when the run has none."""
    path = run_dir / STATS
    if not path.exists():
        return {}
    with np.load(path) as data:
        return {key: data[key] for key in data.files}


def finished_runs(reference_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """All finished runs under ``results/<reference>/``, sorted by system name."""
    runs = []
    if reference_dir.is_dir():
        for child in sorted(reference_dir.iterdir()):
            if child.name.startswith(".") or not child.is_dir():
                continue
            scores = read_scores(child)
            if scores is not None:
                runs.append((child, scores))
    return runs
