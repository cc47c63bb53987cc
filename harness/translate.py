"""Sending a reference set's source segments through a system, chunk by chunk, with progress."""

from __future__ import annotations

import re

from tqdm.auto import tqdm

from harness.errors import HarnessError
from harness.references import ReferenceSet
from systems.base import System

_LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")


def clean_hypothesis(text: str) -> str:
    """Hypotheses are stored one per line, so line breaks and tabs inside one become spaces."""
    return _LINE_BREAKS.sub(" ", text).strip()


def translate_reference(system: System, reference: ReferenceSet, chunk_size: int = 64) -> list[str]:
    """Translate every source segment; chunks keep progress visible and bound what a crash loses."""
    if chunk_size < 1:
        raise HarnessError(f"chunk_size must be at least 1, got {chunk_size}")
    system.setup(reference)
    hyps: list[str] = []
    with tqdm(total=len(reference), desc=f"translate {system.name}", unit="seg", disable=None) as bar:
        for start in range(0, len(reference), chunk_size):
            chunk = reference.src[start : start + chunk_size]
            out = system.translate(chunk, reference.src_lang, reference.tgt_lang)
            if not isinstance(out, list) or len(out) != len(chunk):
                got = len(out) if isinstance(out, list) else type(out).__name__
                raise HarnessError(f"system {system.name!r} returned {got} translations for {len(chunk)} segments")
            bad = next((i for i, h in enumerate(out) if not isinstance(h, str)), None)
            if bad is not None:
                raise HarnessError(f"system {system.name!r} returned a non-string for segment {start + bad}")
            hyps.extend(clean_hypothesis(h) for h in out)
            bar.update(len(chunk))
    return hyps
