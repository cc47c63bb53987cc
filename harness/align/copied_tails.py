"""A display line copied verbatim into the translation, written at the end of both sides of one pair.

A manual sets a code display under the sentence that introduces it ('Die Zeichenkette für die
Erzeugung der Voreinstellung könnte als' / '\\ Manual\\ page\\ \\$MAN_PN\\ ?'); a translation
copies the code, not translating it. Where the builder wrote the introduction and the display as
one pair on both sides, the copy is the evidence that the display is a unit of its own: the
source's last raw line, a line with a backslash (a roff or shell escape), ends the translation
too, word for word. A path copied at the end of both sides ('… finden Sie die Anweisungen in' /
'/usr/share/doc/debian/bug-reporting.txt.') is no such display: it ends the sentence around it.
The pair is written as two: the introduction with the translation's introduction, the display
with its copy; where the reference parts introduction and display (as the web page does, with a
<pre>), the links across them were wrong. Only a display is cut so: a piece cut off a sentence is
no sentence of the reference at all (a path ending a sentence on both sides, cut off, left two
junk pairs: faq-support scrambled P 1.000 -> 0.938), hence the escape and the translated
introduction asked for."""

from __future__ import annotations

from harness.align.model import AlignedPair, Alignment
from harness.align.own_lines import line_runs
from harness.align.uncovered import joined, slice_units

MIN_CHARS = 8  # a display this long copied word for word is no chance likeness of two line ends
ESCAPE = "\\"  # a roff or shell escape: code, never prose (a path, '/usr/share/doc/…', may end a sentence)


def copied_tail(pair: AlignedPair) -> tuple[int, int] | None:
    """Where the source's last raw line starts in its joined text and where the same text starts
    at the end of the translation's, when it holds an escape and both sides hold more, a translated
    introduction (the two differ)."""
    runs = line_runs(pair.src)
    if runs is None or len(runs) < 2:
        return None
    src, tgt = joined(pair.src)[0], joined(pair.tgt)[0]
    _, start, _ = runs[-1]
    copy = src[start:].strip()
    at = len(tgt) - len(copy)
    if len(copy) < MIN_CHARS or ESCAPE not in copy or not tgt.endswith(copy) or not tgt[:at].strip() or not src[:start].strip():
        return None
    if tgt[at - 1 : at] != " ":
        return None  # the copy starts inside a word of the translation
    if src[:start].strip() == tgt[:at].strip():
        return None  # code on both sides whole ('L/%L.: byte\\ %bB?'): one copied display, wrapped
    return start, at


def split_copied_tails(result: Alignment) -> int:
    """Write each pair whose sides end on the same display line as two pairs (see the module);
    returns how many pairs were split."""
    kept: list[AlignedPair] = []
    for pair in result.pairs:
        cut = copied_tail(pair)
        if cut is None:
            kept.append(pair)
            continue
        s, t = cut
        src_len, tgt_len = len(joined(pair.src)[0]), len(joined(pair.tgt)[0])
        kept.append(AlignedPair(slice_units(pair.src, 0, s), slice_units(pair.tgt, 0, t), pair.kind, pair.score))
        kept.append(AlignedPair(slice_units(pair.src, s, src_len), slice_units(pair.tgt, t, tgt_len), pair.kind, pair.score))
    split = len(kept) - len(result.pairs)
    result.pairs = kept
    return split
