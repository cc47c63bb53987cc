"""Re-segmenting a unit's hypothesis onto the reference sentences of that unit (minimum edit distance).

A translation made at paragraph or document level merges, splits and drops sentences, so its lines do
not match the reference's. Like mwerSegmenter (Matusov et al., 2005) for speech translation, the
hypothesis words are cut into exactly as many pieces as the unit has reference sentences, choosing the
cuts that minimise the total word edit distance; sentence-level metrics then run unchanged.

The search is `mweralign <https://pypi.org/project/mweralign/>`_ (Matt Post's maintained C++ port of
mwerSegmenter). Words are compared case-insensitively and without the punctuation glued to them
("Mat." matches "mat"), one alignment token per hypothesis word, so the pieces are cut back out of the
hypothesis exactly as written: joining the pieces with spaces gives the hypothesis again.

mweralign's search is quadratic in the unit's length, so units above ANCHOR_ABOVE reference words are
first split where an optimal word alignment (rapidfuzz) crosses a sentence boundary between two matched
words, and searched chunk by chunk: exactly the same minimum, ~15x faster on whole documents
(harness.reseg_anchors proves it; bench/bench_resegment.py measures it).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Iterator, Sequence

from harness.errors import HarnessError
from harness.reseg_anchors import anchors

#: Signature fragment of segmentation-independent scores.
METHOD = "mwer"

#: Units with more reference words than this are split at anchors before mweralign searches them
#: (below it one search costs no more than finding the anchors: measured on kas paragraphs).
ANCHOR_ABOVE = 50

#: The first reference sentence and hypothesis word of every search. mweralign never gives its first
#: sentence an empty piece (its search starts the first piece at a word), so without this a unit whose
#: first sentence was dropped would be cut above the minimum edit distance; with it, it reaches it.
_START = "\u2402"

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@functools.lru_cache(maxsize=1 << 16)
def _token(word: str) -> str:
    """The word as the aligner compares it: its letters and digits, lower-cased; punctuation alone stays.
    (``#`` is mweralign's multi-reference separator, so it never reaches it; nor does the start token.)"""
    core = "".join(_WORD.findall(word)).lower()
    return core or word.replace("#", "\u266f").replace(_START, "\u266f")


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


def _search(refs: Sequence[list[str]], hyp: list[str]) -> list[int]:
    """mweralign's cut: how many hypothesis tokens each reference sentence gets (fd 2 already quiet)."""
    kept = [k for k, ref in enumerate(refs) if ref]
    if 0 < len(kept) < len(refs):
        # mweralign skips empty reference lines (so its lines shift); an empty sentence loses nothing by
        # getting no words: each word it could take costs one insertion in a neighbour just the same
        counts = [0] * len(refs)
        for k, count in zip(kept, _search([refs[k] for k in kept], hyp)):
            counts[k] = count
        return counts
    if len(refs) == 1 or not kept:
        return [len(hyp)] + [0] * (len(refs) - 1)
    if not hyp:
        return [0] * len(refs)
    aligned = _align("\n".join([_START, *(" ".join(ref) for ref in refs)]), " ".join([_START, *hyp]))
    counts = [len(line.split()) for line in aligned.split("\n")[: len(refs) + 1]]
    if len(counts) != len(refs) + 1 or sum(counts) != len(hyp) + 1 or counts[0] < 1:
        raise HarnessError(
            f"re-segmentation returned {len(counts) - 1} pieces with {sum(counts) - 1} words "
            f"for {len(refs)} sentences and {len(hyp)} words"
        )
    counts[1] += counts[0] - 1  # words the start sentence took as insertions cost the same in the first
    return counts[1:]


def _cut(hypothesis: str, references: Sequence[str], anchor_above: int | None) -> list[str]:
    if not references:
        raise HarnessError("cannot re-segment onto an empty list of reference sentences")
    words = hypothesis.split()
    refs = [[_token(w) for w in ref.split()] for ref in references]
    hyp = [_token(w) for w in words]
    if sum(map(len, refs)) <= (ANCHOR_ABOVE if anchor_above is None else anchor_above):
        counts = _search(refs, hyp)
    else:  # chunk by chunk between anchors: same optimum, see harness.reseg_anchors
        counts, k0, j0 = [], 0, 0
        for k, j in [*anchors(hyp, refs), (len(refs), len(hyp))]:
            counts += _search(refs[k0:k], hyp[j0:j])
            k0, j0 = k, j
    pieces, start = [], 0
    for count in counts:
        pieces.append(" ".join(words[start : start + count]))
        start += count
    return pieces


def resegment(hypothesis: str, references: Sequence[str], anchor_above: int | None = None) -> list[str]:
    """``hypothesis`` cut into ``len(references)`` pieces (some possibly empty), in order.

    Units of more than ``anchor_above`` (default ANCHOR_ABOVE) reference words are first split at
    anchors (sentence boundaries inside matched runs of an optimal path) and searched chunk by chunk:
    the same minimum total edit distance in a fraction of the time (harness.reseg_anchors says why)."""
    with _quiet_stderr():
        return _cut(hypothesis, references, anchor_above)


def resegment_units(unit_hyps: Sequence[str], spans: Sequence[tuple[int, int]], refs: Sequence[str],
                    anchor_above: int | None = None) -> list[str]:
    """Sentence-level hypotheses: each unit's hypothesis cut onto the reference sentences of its span."""
    if len(unit_hyps) != len(spans):
        raise HarnessError(f"{len(unit_hyps)} unit hypotheses for {len(spans)} units")
    out: list[str] = []
    with _quiet_stderr():
        for hyp, (start, end) in zip(unit_hyps, spans):
            out.extend(_cut(hyp, refs[start:end], anchor_above))
    return out
