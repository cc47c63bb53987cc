"""Document and paragraph structure of a reference set, and the units (sentence | paragraph | document)
a system is sent.

Ids come from optional files beside the aligned ones (one id per line, as WMT test sets ship their
doc ids), so sets without them still load: they are one document, and have no paragraphs.
A unit is a run of consecutive segments with the same id; a unit never spans two documents.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from harness.errors import HarnessError

if TYPE_CHECKING:
    from harness.references import ReferenceSet

UNITS = ("sentence", "paragraph", "document")

#: File names the reference builder writes beside aligned.<lang> (and conf/reference/*.yaml names).
DOCIDS_FILE = "docids"
PARAGRAPHS_FILE = "paragraphs"


def read_ids(path: str | Path | None, count: int, what: str) -> list[str] | None:
    """One id per segment, or None when no file is configured; a wrong line count names both counts."""
    if path in (None, "", "???"):
        return None
    from harness.references import read_segments

    ids = [line.strip() for line in read_segments(path, what=f"{what} file")]
    if len(ids) != count:
        raise HarnessError(f"{what} file {path} has {len(ids)} lines but the reference set has {count} segments")
    return ids


def check_unit(unit: object) -> str:
    if unit not in UNITS:
        raise HarnessError(f"unit must be one of {', '.join(UNITS)}, got {unit!r}")
    return str(unit)


def content_hash(reference: ReferenceSet, unit: str) -> str:
    """What a run's results are comparable on: the segments, and for paragraph/document runs also where
    the units begin (a changed paragraph file makes earlier unit runs stale, as a changed segment does)."""
    if unit == "sentence":
        return reference.content_hash
    starts = ",".join(str(a) for a, _ in unit_spans(reference, unit))
    return f"{reference.content_hash}|{unit}:{hashlib.sha256(starts.encode()).hexdigest()[:12]}"


def results_name(reference_name: str, unit: str) -> str:
    """The directory under results/ of a reference set's runs at one unit: paragraph- and document-level
    runs get their own tables (``kas_colombia_nato.paragraph``), sentence-level ones keep the plain name."""
    return reference_name if unit == "sentence" else f"{reference_name}.{unit}"


def configured_unit(cfg: Mapping[str, Any]) -> str:
    """The unit of a run config: ``unit``, or document for a system whose output is not segmented."""
    unit = check_unit(cfg.get("unit", "sentence"))
    system = cfg.get("system") or {}
    if unit == "sentence" and system.get("segmented", True) is False:
        return "document"
    return unit


def unit_spans(reference: ReferenceSet, unit: str) -> list[tuple[int, int]]:
    """``[start, end)`` segment ranges of each unit, in order."""
    check_unit(unit)
    n = len(reference)
    docs = reference.docs or ["1"] * n
    if unit == "sentence":
        return [(i, i + 1) for i in range(n)]
    if unit == "paragraph":
        if reference.paragraphs is None:
            raise HarnessError(
                f"reference set {reference.name!r} has no paragraph ids; set reference.paragraphs=FILE "
                "(one id per line) or use unit=document"
            )
        keys = list(zip(docs, reference.paragraphs))
    else:
        keys = [(doc, "") for doc in docs]
    spans, start = [], 0
    for i in range(1, n + 1):
        if i == n or keys[i] != keys[start]:
            spans.append((start, i))
            start = i
    return spans


@dataclass(frozen=True)
class Units:
    """A reference set seen as units: the joined source and reference of each, and where its sentences are."""

    unit: str
    spans: list[tuple[int, int]]
    reference: ReferenceSet  # the unit-level set: src[k], ref[k] are unit k's joined texts

    def __len__(self) -> int:
        return len(self.spans)


def join(segments: list[str]) -> str:
    """How a unit's sentences become one text: a space, as in running text."""
    return " ".join(segments)


def make_units(reference: ReferenceSet, unit: str) -> Units:
    """The unit-level reference set a system is sent; ``meta`` tells systems the unit and each unit's document."""
    spans = unit_spans(reference, unit)
    docs = reference.docs or ["1"] * len(reference)
    unit_ref = replace(
        reference,
        src=[join(reference.src[a:b]) for a, b in spans],
        ref=[join(reference.ref[a:b]) for a, b in spans],
        meta={**reference.meta, "unit": unit,
              "unit_sources": [reference.src[a:b] for a, b in spans],
              "unit_references": [reference.ref[a:b] for a, b in spans]},
        docs=[docs[a] for a, _ in spans],
        paragraphs=None,
    )
    return Units(unit, spans, unit_ref)
