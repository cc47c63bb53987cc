"""A footnote mark glued to the end of a written sentence ('Konfigurationselement: quiet.9').

A PDF's raised footnote mark comes out of text extraction as digits right after the sentence's stop
(lang.FOOTNOTE_END: a word, a stop, one or two digits). The builder reads such a unit as a sentence
that ends there (lang.ends_sentence), but the digits are no part of the sentence: the translation,
from another layout, has its own marks or none, and a reference that keeps them asks every system to
produce a number that is not in its input. So the last pass takes them off each written unit that
ends with one, unless the other side of the pair ends with the same digits (a number the sentence
itself ends with). The unit keeps the raw line numbers of what is left.
"""

from __future__ import annotations

import re

from harness.align.lang import FOOTNOTE_END
from harness.align.model import AlignedPair, Alignment, Unit
from harness.align.uncovered import slice_units

_MARK = re.compile(r"\d{1,2}$")


def mark_length(text: str, other: str) -> int:
    """How many characters at the end of `text` are a glued footnote mark (0: none)."""
    text = text.rstrip()
    if not FOOTNOTE_END.search(text):
        return 0
    mark = _MARK.search(text)
    if mark is None or other.rstrip().endswith(mark.group()):
        return 0
    return len(mark.group())


def _without_mark(unit: Unit, other: str) -> Unit:
    n = mark_length(unit.text, other)
    if not n:
        return unit
    pieces = slice_units((unit,), 0, len(unit.text.rstrip()) - n)
    return pieces[0] if len(pieces) == 1 else unit


def strip_marks(result: Alignment) -> int:
    """Take glued footnote marks off the written pairs' units (see the module docstring); returns
    how many units changed."""
    changed = 0
    for k, pair in enumerate(result.pairs):
        src_text, tgt_text = " ".join(u.text for u in pair.src), " ".join(u.text for u in pair.tgt)
        src = tuple(_without_mark(u, tgt_text) for u in pair.src)
        tgt = tuple(_without_mark(u, src_text) for u in pair.tgt)
        n = sum(a is not b for a, b in zip(src + tgt, pair.src + pair.tgt))
        if n:
            result.pairs[k] = AlignedPair(src, tgt, pair.kind, pair.score)
            changed += n
    return changed
