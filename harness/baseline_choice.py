"""Which system every other is tested against, chosen once and kept, so adding a run changes no p-value's meaning.

``report.baseline=NAME`` names it. Without it, the first system run on the reference set is the
baseline and is recorded in ``results/<reference>/baseline.json`` beside the tables; later runs (whatever
their names sort as) do not move it. The tables say which rule chose it. In a sweep "first" is the first
job of the sweep, not the job that happened to finish first, so a parallel or SLURM sweep chooses what a
serial one does (:func:`first_of_sweep`).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from harness import atomic
from harness.records import read_scores
from harness.stats import Options

FILE = "baseline.json"


def _stored(reference_dir: Path) -> str | None:
    try:
        value = json.loads((reference_dir / FILE).read_text(encoding="utf-8")).get("system")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _first_run(runs: dict[str, Path]) -> str:
    """The system whose run was made first (its ``created`` time; ties and unknown times by name)."""
    def created(system: str) -> str:
        info = read_scores(runs[system]) or {}
        return str(info.get("created") or "~")  # "~" sorts after any ISO time: unknown times last

    return min(sorted(runs), key=created)


def first_of_sweep(reference_dir: Path, run_dir: Path) -> None:
    """Record the run of a sweep's first job on this reference set as its baseline, unless one is kept."""
    if _stored(reference_dir) is not None:
        return
    info = read_scores(run_dir) or {}
    name = info.get("system", {}).get("name")
    if isinstance(name, str):
        atomic.write_json(reference_dir / FILE, {"system": name, "chosen": "first system run on this reference set"})


def settle(reference_dir: Path, runs: dict[str, Path], options: Options) -> tuple[Options, str]:
    """The options with their baseline filled in, and why it is the baseline (shown after its name).

    Call under the reference set's lock (the tables are written under it): the first choice is stored once.
    """
    if not runs:
        return options, ""
    if options.baseline is not None and options.baseline in runs:
        return options, "named by report.baseline"
    missing = (f"report.baseline {options.baseline!r} has no finished run here; "
               if options.baseline is not None else "")
    stored = _stored(reference_dir)
    if stored not in runs:
        stored = _first_run(runs)
        atomic.write_json(reference_dir / FILE, {"system": stored, "chosen": "first system run on this reference set"})
    why = f"{missing}the first system run here, kept in {FILE}; report.baseline=NAME to choose another"
    return dataclasses.replace(options, baseline=stored), why
