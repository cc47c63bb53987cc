"""A run's outputs on disk: ``results/<reference>/<system>/`` written as one unit.

The run directory is staged beside its final place and swapped in (:mod:`harness.swap`), so a crash
leaves either the previous complete run or the new complete run, never a mix of the two.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from harness import atomic, swap
from harness.errors import warn_once
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
    #: Results stored in stats.npz beside ``metrics`` but not per sentence (unit-level scores).
    extra_stats: dict[str, MetricResult] = field(default_factory=dict)
    #: Further files of the run (name -> text), e.g. units.tsv of a paragraph-level run.
    files: dict[str, str] = field(default_factory=dict)


def segments_rows(reference: ReferenceSet, hyps: list[str], metrics: dict[str, MetricResult]) -> Iterator[str]:
    """segments.tsv, a line at a time (a million-row table is never one string): one row per segment;
    every text cell is quoted (the csv module would leave a lone CR unquoted, which pandas takes for a
    line end), so ``pandas.read_csv(path, sep="\\t")`` and ``csv.reader(..., delimiter="\\t")`` read back
    exactly these cells, whatever a system wrote."""
    scored = [(m.name, m.segment_scores) for m in metrics.values() if m.available and m.segment_scores]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)

    def row(cells: list[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    yield row(["id", "src", "ref", "hyp", *(name for name, _ in scored)])
    for i, (src, ref, hyp) in enumerate(zip(reference.src, reference.ref, hyps)):
        yield row([i + 1, src, ref, hyp, *(round(float(scores[i]), 6) for _, scores in scored)])


def segments_table(reference: ReferenceSet, hyps: list[str], metrics: dict[str, MetricResult]) -> str:
    """The whole of segments.tsv as one string (small sets, tests)."""
    return "".join(segments_rows(reference, hyps, metrics))


def stats_archive(metrics: dict[str, MetricResult]) -> bytes:
    """Per-segment statistics and scores, so reports never re-read text."""
    arrays: dict[str, np.ndarray] = {}
    for key, result in metrics.items():
        if result.stats is not None:
            arrays[f"{key}.stats"] = np.asarray(result.stats)
        if result.segment_scores is not None:
            arrays[f"{key}.segments"] = np.asarray(result.segment_scores, dtype=np.float64)
    buffer = io.BytesIO()
    # np.savez_compressed's format (read by np.load), at deflate level 1: 5x faster than its level 6
    # for 20 % more bytes (a million segments: about 2 s instead of 11 s a run).
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for key, array in arrays.items():
            with archive.open(f"{key}.npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, array, allow_pickle=False)
    return buffer.getvalue()


def write_run(run_dir: Path, reference: ReferenceSet, record: RunRecord,
              check: Callable[[], None] | None = None,
              prepare: Callable[[RunRecord], RunRecord] | None = None) -> RunRecord:
    """Stage every file, then swap the directory in, all under the reference directory's lock.

    ``check`` runs under that lock before anything is written (the name-collision check), so two
    jobs cannot both pass it and then replace each other's results; what a killed writer left is
    recovered first. ``prepare`` then turns the record into what is written (the stored run's other
    metrics merged in, :mod:`harness.merge`), under the same lock; the written record is returned.
    """
    with atomic.locked(run_dir.parent / ".lock"):
        swap.recover(run_dir.parent)
        if check is not None:
            check()
        if prepare is not None:
            record = prepare(record)
        stage = Path(tempfile.mkdtemp(dir=run_dir.parent, prefix=f"{swap.STAGE_PREFIX}{run_dir.name}-"))
        stage.chmod(0o777 & ~atomic.current_umask())  # mkdtemp makes 0700; results are for others to read too
        try:
            atomic.write_lines(stage / f"hypotheses.{reference.tgt_lang}", record.hyps)
            atomic.write_chunks(stage / SEGMENTS, segments_rows(reference, record.hyps, record.metrics))
            atomic.write_bytes(stage / STATS, stats_archive({**record.metrics, **record.extra_stats}))
            for name, text in record.files.items():
                atomic.write_text(stage / name, text)
            atomic.write_json(stage / SCORES, record.info)
            swap.swap_in(stage, run_dir)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
    return record


def read_scores(run_dir: Path) -> dict[str, Any] | None:
    """The run's scores.json, or None when the directory holds no finished run (or an unreadable one)."""
    info, _ = _load_scores(run_dir / SCORES)
    return info


def _load_scores(path: Path) -> tuple[dict[str, Any] | None, str]:
    """The parsed file and, when it is unusable, why ("" for a directory without one)."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return None, ""
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, f"not valid JSON ({exc})"
    except OSError as exc:
        return None, f"unreadable ({exc.strerror})"
    problem = malformed(info)
    return (None, f"malformed ({problem})") if problem else (info, "")


def malformed(info: Any) -> str:
    """What the tables need of a scores.json and it lacks; "" when it is well formed."""
    if not isinstance(info, dict):
        return "not a JSON object"
    system, reference, metrics = info.get("system"), info.get("reference"), info.get("metrics")
    if not isinstance(system, dict) or not isinstance(system.get("name"), str):
        return "no system.name"
    if not isinstance(reference, dict) or not isinstance(reference.get("content_hash"), str):
        return "no reference.content_hash"
    if not isinstance(metrics, dict):
        return "no metrics"
    for key, result in metrics.items():
        if not isinstance(result, dict) or not isinstance(result.get("name"), str):
            return f"metric {key!r} has no name"
        score = result.get("score")
        if result.get("available", True) and (isinstance(score, bool) or not isinstance(score, (int, float))):
            return f"metric {key!r} has no numeric score"
    return ""


def read_stats(run_dir: Path, wanted: set[str] | None = None) -> dict[str, np.ndarray]:
    """Arrays saved by :func:`stats_archive` (only ``wanted`` members, which are decompressed when read);
    empty when the run has none, or when the file is unreadable (with one warning naming it)."""
    path = run_dir / STATS
    if not path.exists():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            return {key: np.asarray(data[key]) for key in data.files if wanted is None or key in wanted}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, KeyError, AttributeError) as exc:
        warn_once(f"{path} is unreadable ({type(exc).__name__}: {exc}); its run is shown without intervals")
        return {}


def finished_runs(reference_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """All finished runs under ``results/<reference>/``, sorted by system name.

    A run whose scores.json is unreadable or malformed is left out with one warning naming the file:
    one bad file must not stop the tables of every other run.
    """
    runs = []
    if reference_dir.is_dir():
        for child in sorted(reference_dir.iterdir()):
            if child.name.startswith(".") or not child.is_dir():
                continue
            scores, problem = _load_scores(child / SCORES)
            if problem:
                warn_once(f"{child / SCORES} is {problem}; left out of the tables")
            elif scores is not None:
                runs.append((child, scores))
    return runs
