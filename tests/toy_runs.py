"""Stored runs written straight through ``write_run`` (no CLI, no translation), for table and report tests."""

from __future__ import annotations

from pathlib import Path

from harness.metrics.base import Metric
from harness.records import RunRecord, write_run
from harness.references import ReferenceSet

ROOT = Path(__file__).resolve().parents[1]
SRC = (ROOT / "references" / "sample_deen" / "aligned.de").read_text(encoding="utf-8").splitlines()
REF = (ROOT / "references" / "sample_deen" / "aligned.en").read_text(encoding="utf-8").splitlines()


def sample_reference(tmp_path: Path, name: str = "toy") -> ReferenceSet:
    return ReferenceSet(name, "de", "en", SRC, REF, tmp_path / "s", tmp_path / "r")


def write_toy_runs(directory: Path, reference: ReferenceSet, systems: dict[str, list[str]],
                   metrics: dict[str, type[Metric]], first_day: int = 1) -> None:
    """One run per system, in the given order, made on consecutive days (so the first is the first run)."""
    for day, (name, hyps) in enumerate(systems.items(), start=first_day):
        results = {key: cls().score(hyps, reference.ref, reference.src) for key, cls in metrics.items()}
        info = {"system": {"name": name}, "reference": {"content_hash": reference.content_hash, "tgt_lang": "en"},
                "metrics": {k: {**r.summary(), "segment_mean": False} for k, r in results.items()},
                "created": f"2026-01-{day:02d}T00:00:00+00:00"}
        write_run(directory / name, reference, RunRecord(name, hyps, results, info))
