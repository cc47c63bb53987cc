"""Re-segmenting a unit's hypothesis onto the reference sentences of that unit (minimum edit distance).

A translation made at paragraph or document level merges, splits and drops sentences, so its lines do
not match the reference's. Like mwerSegmenter (Matusov et al., 2005) for speech translation, the
hypothesis words are cut into exactly as many pieces as the unit has reference sentences, choosing the
cuts that minimise the total word edit distance; sentence-level metrics then run unchanged.

The search is `mweralign <https://pypi.org/project/mweralign/>`_ (Matt Post's maintained C++ port of
mwerSegmenter). Words are compared case-insensitively and without the punctuation glued to them
("Mat." matches "mat"), one alignment token per hypothesis word, so the pieces are cut back out of the
hypothesis exactly as written: joining the pieces with spaces gives the hypothesis again.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator, Sequence

from harness.errors import HarnessError

#: Signature fragment of segmentation-independent scores.
METHOD = "mwer"

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _token(word: str) -> str:
    """The word as the aligner compares it: its letters and digits, lower-cased; punctuation alone stays.
    (``#`` is mweralign's multi-reference separator, so it never reaches it.)"""
    core = "".join(_WORD.findall(word)).lower()
    return core or word.replace("#", "\u266f")


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """mweralign's C++ core prints two lines per call to file descriptor 2; they would bury the run's output."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _align(refs: str, hyp: str) -> str:
    try:
        from mweralign import align_texts
    except ImportError:  # pragma: no cover - a dependency of the project
        raise HarnessError("re-segmentation needs the mweralign package: pip install mweralign") from None
    return align_texts(refs, hyp)


def resegment(hypothesis: str, references: Sequence[str]) -> list[str]:
    """``hypothesis`` cut into ``len(references)`` pieces (some possibly empty), in order."""
    if not references:
        raise HarnessError("cannot re-segment onto an empty list of reference sentences")
    words = hypothesis.split()
    if not words:
        return [""] * len(references)
    if len(references) == 1:
        return [" ".join(words)]
    ref_text = "\n".join(" ".join(_token(w) for w in ref.split()) for ref in references)
    with _quiet_stderr():
        aligned = _align(ref_text, " ".join(_token(w) for w in words))
    lines = aligned.split("\n")[: len(references)]
    counts = [len(line.split()) for line in lines]
    if len(counts) != len(references) or sum(counts) != len(words):
        raise HarnessError(
            f"re-segmentation returned {len(counts)} pieces with {sum(counts)} words "
            f"for {len(references)} sentences and {len(words)} words"
        )
    pieces, start = [], 0
    for count in counts:
        pieces.append(" ".join(words[start : start + count]))
        start += count
    return pieces


def resegment_units(unit_hyps: Sequence[str], spans: Sequence[tuple[int, int]], refs: Sequence[str]) -> list[str]:
    """Sentence-level hypotheses: each unit's hypothesis cut onto the reference sentences of its span."""
    if len(unit_hyps) != len(spans):
        raise HarnessError(f"{len(unit_hyps)} unit hypotheses for {len(spans)} units")
    out: list[str] = []
    for hyp, (start, end) in zip(unit_hyps, spans):
        out.extend(resegment(hyp, refs[start:end]))
    return out
