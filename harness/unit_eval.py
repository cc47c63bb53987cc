"""Evaluating at paragraph or document level: units sent, hypotheses re-segmented onto the reference
sentences, sentence-level metrics unchanged, plus unit-level scores.

Sentence-level results of a unit run carry ``unit:<unit>|reseg:mwer`` in their signature (they are not
the scores of a sentence-by-sentence translation); unit-level results (BLEU, chrF ... over whole units)
are stored under ``unit-<key>`` with ``unit:<unit>`` in theirs, so the tables can show both.
"""

from __future__ import annotations

import csv
import io
import os
import time
from dataclasses import dataclass, field
from typing import Any

from harness.metrics.base import Metric, MetricResult, MetricUnavailable
from harness.references import ReferenceSet
from harness.reseg import METHOD, resegment_units
from harness.structure import Units, make_units
from harness.unit_translate import translate_units
from systems.base import System

#: Prefix of unit-level metric keys in scores.json's ``unit.metrics`` and in stats.npz.
UNIT_KEY = "unit-"
#: The file of a run that holds its units (the report's paragraph view reads it).
UNITS_FILE = "units.tsv"


@dataclass
class UnitRun:
    units: Units
    unit_hyps: list[str]
    hyps: list[str]  # one per reference sentence, after re-segmentation
    notes: list[str] = field(default_factory=list)
    reseg_seconds: float = 0.0

    @property
    def unit(self) -> str:
        return self.units.unit


def run_units(system: System, reference: ReferenceSet, unit: str, chunk_size: int,
              cache_dir: str | os.PathLike[str] | None) -> UnitRun:
    units = make_units(reference, unit)
    unit_hyps, notes = translate_units(system, units, chunk_size=chunk_size, cache_dir=cache_dir)
    start = time.perf_counter()
    hyps = resegment_units(unit_hyps, units.spans, reference.ref)
    seconds = time.perf_counter() - start
    return UnitRun(units, unit_hyps, hyps, notes, seconds)


def unit_metrics(metrics: dict[str, Metric], run: UnitRun) -> tuple[dict[str, Metric], list[str]]:
    """The metrics also scored over whole units, and a note for each that is not: a metric whose cost grows
    faster than the length (TER: 185 s for the 38 paragraphs of kas_colombia_nato, against 0.2 s for BLEU);
    a model-based one (COMET) only when every unit's source, output and reference fit its encoder, which
    would otherwise cut them off silently."""
    chosen, notes = {}, []
    for key, metric in metrics.items():
        if metric.max_segment_words is not None:
            notes.append(f"{metric.name} not scored over whole units: its cost grows with the square of their length")
        elif metric.segment_mean:
            why = _too_long_for(metric, run)
            if why:
                notes.append(f"{metric.name} not scored over whole units: {why}")
            else:
                chosen[key] = metric
        else:
            chosen[key] = metric
    return chosen, notes


def _too_long_for(metric: Metric, run: UnitRun) -> str:
    """Why a model-based metric cannot score these units whole ("" when it can)."""
    too_long = getattr(metric, "too_long", None)
    if too_long is None:
        return "it says nothing of its length limit"
    reference = run.units.reference
    try:
        flags = [too_long(texts) for texts in (reference.src, run.unit_hyps, reference.ref)]
    except MetricUnavailable as exc:
        return str(exc)
    units = sum(any(side[k] for side in flags) for k in range(len(run.units)))
    return f"{units} of {len(run.units)} units are longer than its encoder reads" if units else ""


def sentence_signature(signature: str, unit: str) -> str:
    suffix = f"unit:{unit}|reseg:{METHOD}"
    return f"{signature}|{suffix}" if signature else suffix


def unit_signature(signature: str, unit: str) -> str:
    return f"{signature}|unit:{unit}" if signature else f"unit:{unit}"


def tag(results: dict[str, MetricResult], unit: str, *, unit_level: bool) -> None:
    """Put the segmentation in every signature, so no score is mistaken for a sentence-by-sentence one."""
    for result in results.values():
        result.signature = (unit_signature if unit_level else sentence_signature)(result.signature, unit)


def info(run: UnitRun, unit_results: dict[str, MetricResult]) -> dict[str, Any]:
    """What scores.json records of a unit run (``unit_results`` keyed ``unit-<key>``)."""
    return {
        "unit": run.unit,
        "reseg": METHOD,
        "units": len(run.units),
        "reseg_seconds": round(run.reseg_seconds, 4),
        "notes": run.notes,
        "metrics": {key: result.summary() for key, result in unit_results.items()},
    }


def units_table(run: UnitRun, unit_results: dict[str, MetricResult]) -> str:
    """``units.tsv``: one row per unit (its document, sentence range, joined texts, unit-level scores);
    text cells quoted as in segments.tsv, so a tab or line break a system wrote reads back exactly."""
    scored = [(m.name, m.segment_scores) for m in unit_results.values() if m.available and m.segment_scores]
    reference = run.units.reference
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(["unit", "doc", "first", "last", "src", "ref", "hyp", *(name for name, _ in scored)])
    for k, (start, end) in enumerate(run.units.spans):
        writer.writerow([k + 1, reference.docs[k] if reference.docs else "1", start + 1, end,
                         reference.src[k], reference.ref[k], run.unit_hyps[k], *(round(float(scores[k]), 6) for _, scores in scored)])
    return buffer.getvalue()
