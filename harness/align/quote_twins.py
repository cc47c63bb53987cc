"""A pull quote in quotation marks paired although the body sentence it repeats is paired too.

A quoted box (pullquotes.quote_boxes: a run of narrow lines in quotation marks whose words repeat
a passage of the document verbatim) that restatements did not confirm, or that the translation
lacks, stays in the main text as a unit of kind "pullquote" (pipeline._streams). There it may pair
with a body sentence of the translation. That is right only where the box stands in for its body
twin, which the alignment left over (a twin flagged as the look-alike, '„Keine schmutzige Sprache
verwenden; …“' / 'Do not use foul language; …'). Where the sentence the box repeats is written in
another pair, alone on its side, the translation holds it once and that pair has it: the box's partner is a second
copy or a stranger ('„manpages, welches die System-Handbuchseiten selbst beinhaltet.“' /
'man-db, which contains the man program itself, …', its twin paired with 'manpages, which contains
the system manual pages.'). So such a pair is set aside, before the late recovery: the partner is
a sentence of its side all the same, set aside under PARTNER (late_recovery.rejoin_leftovers takes
it, as a side of a pull quote pair a check set aside), and may still find its own counterpart
among the left-overs ('man-db, welches das man-Programm an sich …', left over); the box, under
REASON, may not. A box paired with the other side's pull quote is kept (the two layouts' boxes
translate each other).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from harness.align.lang import fold, words
from harness.align.model import AlignedPair, Alignment, SetAside, Unit, set_aside
from harness.align.pullquotes import quoted_box

REASON = "pullquote: the body sentence it repeats is paired elsewhere"
PARTNER = "pullquote: its partner was a box repeating a sentence paired elsewhere"


@lru_cache(maxsize=1 << 16)  # the check runs twice over mostly the same pairs
def _folded(text: str) -> str:
    return " ".join(fold(w) for w in words(text))


def _alone_text(units: Sequence[Unit]) -> str:
    """The folded words of a pair's side that holds one unit ("" for more: a 2:1 bead may carry a
    sentence its counterpart does not render, so a twin there is no evidence that the translation's
    sentence is taken, '„Normalerweise setzt Nroff den Text automatisch im Blocksatz.“' whose twin
    rides along with the next sentence's pair)."""
    return f" {_folded(units[0].text)} " if len(units) == 1 else ""


def twin_paired(pair: AlignedPair, side: str, written: Sequence[str]) -> bool:
    """Whether `pair` pairs a quoted box on `side` ("src"/"tgt") with no pull quote of the other
    side while the words of the box run in `written` (the folded words of that side's other
    written pairs, one string each, "" for a side of more than one unit: see _alone_text)."""
    one, other = (pair.src, pair.tgt) if side == "src" else (pair.tgt, pair.src)
    boxes = [u for u in one if quoted_box(u)]
    if not boxes or any(u.kind == "pullquote" for u in other):
        return False
    return any(f" {_folded(u.text)} " in text for u in boxes for text in written)


def drop_box_copies(result: Alignment) -> None:
    """Set aside each pair whose quoted box repeats a sentence another pair holds (see module)."""
    texts = {side: [_alone_text(getattr(p, side)) for p in result.pairs] for side in ("src", "tgt")}
    keep: list[AlignedPair] = []
    for k, pair in enumerate(result.pairs):
        boxed = any(quoted_box(u) for u in (*pair.src, *pair.tgt))  # most pairs: no other pair is looked at
        if not boxed or not any(twin_paired(pair, side, texts[side][:k] + texts[side][k + 1 :]) for side in ("src", "tgt")):
            keep.append(pair)
            continue
        result.unaligned += [SetAside(a.side, a.unit, REASON if quoted_box(a.unit) else PARTNER) for a in set_aside(pair, REASON)]
    result.pairs = keep
