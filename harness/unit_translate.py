"""Sending units (paragraphs, documents) to a system, split at sentence boundaries where a unit is longer
than the model takes.

Units go through :func:`harness.translate.translate_reference` like sentences, so the translation cache,
resume and positional systems work unchanged: a unit's joined text is simply a longer segment. A system
with a length limit says which texts fit (``System.fits``); a unit that does not is cut into the fewest
runs of consecutive sentences that do (a lone sentence longer than the limit stays whole: the model
truncates it as it would at sentence level), each run is translated, and the pieces are joined again.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, replace

from harness.structure import Units, join
from harness.translate import translate_reference
from systems.base import System


@dataclass(frozen=True)
class Piece:
    """Sentences ``[start, end)`` of unit ``unit`` (sentence indices within the unit)."""

    unit: int
    start: int
    end: int


def plan_pieces(system: System, units: Units, src_lang: str, tgt_lang: str) -> list[Piece]:
    """One piece per unit that fits; a unit that does not is filled greedily, sentence by sentence."""
    texts = units.reference.src
    fits = system.fits(texts, src_lang, tgt_lang)
    pieces: list[Piece] = []
    for k, ok in enumerate(fits):
        sentences = units.reference.meta["unit_sources"][k]
        if ok or len(sentences) == 1:
            pieces.append(Piece(k, 0, len(sentences)))
            continue
        start = 0
        while start < len(sentences):
            end = start + 1
            while end < len(sentences) and system.fits([join(sentences[start : end + 1])], src_lang, tgt_lang)[0]:
                end += 1
            pieces.append(Piece(k, start, end))
            start = end
    return pieces


def translate_units(
    system: System, units: Units, chunk_size: int = 64, cache_dir: str | os.PathLike[str] | None = None
) -> tuple[list[str], list[str]]:
    """One hypothesis per unit, and notes on what was split."""
    reference = units.reference
    pieces = plan_pieces(system, units, reference.src_lang, reference.tgt_lang)
    notes: list[str] = []
    if len(pieces) == len(units):
        return translate_reference(system, reference, chunk_size=chunk_size, cache_dir=cache_dir), notes
    sources = reference.meta["unit_sources"]
    refs = reference.meta["unit_references"]
    split = sorted(k for k, count in Counter(p.unit for p in pieces).items() if count > 1)
    note = (f"note: {len(split)} {units.unit} unit(s) longer than system {system.name!r} takes were split at "
            f"sentence boundaries ({len(units)} units sent as {len(pieces)} pieces): units {', '.join(str(k + 1) for k in split[:10])}"
            f"{' ...' if len(split) > 10 else ''}")
    print(note, file=sys.stderr)
    notes.append(note.removeprefix("note: "))
    piece_ref = replace(
        reference,
        src=[join(sources[p.unit][p.start : p.end]) for p in pieces],
        ref=[join(refs[p.unit][p.start : p.end]) for p in pieces],
        docs=[reference.docs[p.unit] for p in pieces] if reference.docs else None,
    )
    out = translate_reference(system, piece_ref, chunk_size=chunk_size, cache_dir=cache_dir)
    joined: list[list[str]] = [[] for _ in range(len(units))]
    for piece, text in zip(pieces, out):
        joined[piece.unit].append(text)
    return [join([t for t in texts if t]) for texts in joined], notes
