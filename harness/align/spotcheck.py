"""Precision and recall of a built alignment against a hand-checked spot-check file.

The file lists sentence links by text prefix (see tests/align/data/kas_spotcheck.tsv), so it
stays readable and survives rebuilds; a side '-' marks a sentence that must stay unaligned.
Precision counts every built link that touches a spot-checked sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from pathlib import Path

from harness.align.model import Alignment, Unit

NONE = "-"
KINDS = frozenset({"title", "heading", "lead", "body", "bio", "caption", "pullquote", "footnote", "note"})


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    gold_links: int
    built_links: int


def _units(result: Alignment) -> tuple[list[Unit], list[Unit]]:
    src = [u for p in result.pairs for u in p.src] + [a.unit for a in result.unaligned if a.side == "src"]
    tgt = [u for p in result.pairs for u in p.tgt] + [a.unit for a in result.unaligned if a.side == "tgt"]
    return src, tgt


def _find(spec: str, units: list[Unit]) -> Unit | str:
    """The unit a spec names; the spec itself when no unit starts with it (the builder glued
    it into another sentence: its links count as missed)."""
    kind, sep, prefix = spec.partition(":")
    if not sep or kind not in KINDS:
        kind, prefix = "", spec
    hits = [u for u in units if u.text.startswith(prefix) and (not kind or u.kind == kind)]
    if len(hits) > 1:
        raise ValueError(f"spot-check sentence {spec!r} matches {len(hits)} sentences; make it longer")
    return hits[0] if hits else spec


def score(result: Alignment, spotcheck: Path) -> Scores:
    src_units, tgt_units = _units(result)
    gold: set[tuple[Unit | str, Unit | str]] = set()
    checked_src: set[Unit | str] = set()
    checked_tgt: set[Unit | str] = set()
    for line in spotcheck.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        src_spec, tgt_spec = line.split("\t")[:2]
        src = [] if src_spec == NONE else [_find(s.strip(), src_units) for s in src_spec.split("||")]
        tgt = [] if tgt_spec == NONE else [_find(t.strip(), tgt_units) for t in tgt_spec.split("||")]
        checked_src.update(src)
        checked_tgt.update(tgt)
        gold.update(product(src, tgt))
    built: set[tuple[Unit | str, Unit | str]] = {link for p in result.pairs for link in product(p.src, p.tgt)}
    touching = {(s, t) for s, t in built if s in checked_src or t in checked_tgt}
    correct = len(touching & gold)
    return Scores(
        precision=correct / len(touching) if touching else 1.0,
        recall=len(gold & built) / len(gold) if gold else 1.0,
        gold_links=len(gold),
        built_links=len(touching),
    )
