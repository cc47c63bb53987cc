"""Sentences held in place by their neighbours: order as evidence where words are thin.

A sentence the lexical scorer barely matches ("Es gibt eine Reihe von Debian betreffenden
Mailinglisten." / "There are a lot of Debian-related mailing lists.") is left out by the DP or
falls under the similarity floor, although it sits exactly where its counterpart sits: the pair
before it and the pair after it are confident and adjacent, and it is the only sentence between
them on either side. Such a sandwiched 1-1 pair is right far more often than a free-standing pair
of the same similarity, so it is judged against a lower floor (still above zero: two different
sentences that happen to sit in the same place, as where a translation follows an older version
of the original, share nothing) and its lengths must still agree.

The same holds for a left-over source sentence beside a pair whose source is far too short for
its translation: in place, the two are that translation's sentence (join_short_sources).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from harness.align.confidence import chars_factor, length_ratio, matched_elsewhere
from harness.align.dp import Bead
from harness.align.similarity import PairSim

#: Similarity a sandwiched pair needs (normal units, short units: headings, items of <= 4 words).
FLOORS = (0.15, 0.25)
#: How far the lengths may stray from the document's ratio (tighter than a free pair's 2.2).
MAX_LENGTH_FACTOR = 1.8
#: A sandwiched pair whose shorter side is one word is kept from this similarity on.
FRAGMENT_SCORE = 0.5
#: Longest run of sentences between two confident pairs that order alone may pair up.
MAX_RUN = 3


def _two_sided(bead: Bead | None) -> bool:
    return bead is not None and bead.di > 0 and bead.dj > 0


def fill_gaps(beads: Sequence[Bead], ps: PairSim, same_role: Callable[[int, int], bool]) -> list[Bead]:
    """Left-over sentences between two two-sided beads, as many on each side (at most MAX_RUN),
    become 1-1 beads in order (judged later, as any bead, but as a sandwich)."""
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        end = k
        while end < len(beads) and not _two_sided(beads[end]):
            end += 1
        run = beads[k:end]
        srcs = [b.i for b in run if b.di]
        tgts = [b.j for b in run if b.dj]
        if (
            run
            and len(srcs) == len(tgts) <= MAX_RUN
            and _two_sided(out[-1] if out else None)
            and end < len(beads)
            and all(same_role(i, j) for i, j in zip(srcs, tgts))
        ):
            out += [Bead(i, 1, j, 1, ps.sim(i, 1, j, 1)) for i, j in zip(srcs, tgts)]
            k = end
            continue
        out.append(beads[k])
        k += 1
    return out


def sandwiched(beads: Sequence[Bead], accepted: Sequence[bool]) -> list[int]:
    """For each bead, the number of its run when it belongs to a run of at most MAX_RUN rejected
    1-1 beads between two accepted two-sided beads, with nothing between; -1 otherwise.
    A run stands or falls as a whole."""
    runs = [-1] * len(beads)
    k, run = 0, 0
    while k < len(beads):
        end = k
        while end < len(beads) and not accepted[end] and beads[end].di == 1 and beads[end].dj == 1:
            end += 1
        if end > k and k > 0 and end < len(beads) and end - k <= MAX_RUN and accepted[k - 1] and accepted[end]:
            runs[k:end] = [run] * (end - k)
            run += 1
        k = max(end, k + 1)
    return runs



#: A 1-1 bead whose lengths stray more than this from the document's ratio (confidence's limit)
#: may take in a left-over source neighbour ...
SHORT_FACTOR = 2.2
#: ... when the merged bead's lengths agree well (the sandwich limit: a clear margin) ...
JOINED_FACTOR = MAX_LENGTH_FACTOR
#: ... and the merge scores at least this (confidence.MIN_SCORE) and no less than either half,
#: each half sharing at least MIN_HALF (confidence.MIN_PART_SCORE) with the translation.
JOINED_SCORE = 0.3
MIN_HALF = 0.15


def _chars(lengths: Sequence[int], start: int, count: int) -> int:
    return sum(lengths[start : start + count]) + max(0, count - 1)  # the units joined by one space


def bead_ratio(beads: Sequence[Bead], lengths: tuple[Sequence[int], Sequence[int]]) -> float:
    """confidence.length_ratio over the beads, as pipeline._collect measures it."""
    return length_ratio([(_chars(lengths[0], b.i, b.di), _chars(lengths[1], b.j, b.dj), b.score) for b in beads])


def join_short_sources(
    beads: Sequence[Bead], ps: PairSim, lengths: tuple[Sequence[int], Sequence[int]], ratio: float, joinable: Callable[[int], bool]
) -> list[Bead]:
    """A 1-1 bead whose source is far shorter than the document's ratio expects (so it would be
    set aside) next to a left-over source unit (a 1-0 bead) becomes one 2-1 bead when the two
    together are the translation's sentence: the merge fits the lengths with a clear margin
    (JOINED_FACTOR), scores JOINED_SCORE and at least as well as each half alone, each half
    shares words with the translation, and the left-over unit matches no other target sentence
    clearly better (confidence.matched_elsewhere). 'Man kann einen Eintrag wählen …' + 'Mit
    einem Rechtsklick öffnet sich ein Popup Menü.' / 'One can select a given item (left clicking
    on the line) or, when right clicking on the line, display a pop up menu.': the DP merged the
    second with a block of another place, confidence.split_weak_merge took that apart and left
    the first alone; a PDF's line end cuts 'Debian wurde im August 1993 von Ian' / 'Murdock
    gegründet, …'. `joinable(i)`: units i and i + 1 may be one passage (not two places of the
    document, not two items of a list). Only the source: a translation sentence left over next
    to a long source was, on the test sets, an item of a list the source's extraction had glued
    into one unit (the merge still lacked an item). The merged bead is judged later as any bead."""
    out = list(beads)
    k = 0
    while k < len(out):
        joined = _joined(out, k, ps, lengths, ratio, joinable)
        if joined is not None:
            out[joined[0] : joined[0] + 2] = [joined[1]]
        k += 1
    return out


def _joined(
    beads: Sequence[Bead], k: int, ps: PairSim, lengths: tuple[Sequence[int], Sequence[int]], ratio: float, joinable: Callable[[int], bool]
) -> tuple[int, Bead] | None:
    """(index of the first of the two beads, the merged bead) for bead k, or None."""
    b = beads[k]
    if b.di != 1 or b.dj != 1:
        return None
    src_chars, tgt_chars = lengths[0][b.i], lengths[1][b.j]
    if tgt_chars <= ratio * src_chars or chars_factor(src_chars, tgt_chars, ratio) <= SHORT_FACTOR:
        return None
    for n in (k - 1, k + 1):
        o = beads[n] if 0 <= n < len(beads) else None
        if o is None or (o.di, o.dj) != (1, 0) or not joinable(min(o.i, b.i)):
            continue
        merged = Bead(min(o.i, b.i), 2, b.j, 1, ps.sim(min(o.i, b.i), 2, b.j, 1))
        halves = ps.sim(o.i, 1, b.j, 1), b.score
        factor = chars_factor(_chars(lengths[0], merged.i, 2), tgt_chars, ratio)
        if (
            factor <= JOINED_FACTOR
            and merged.score >= max(JOINED_SCORE, *halves)
            and min(halves) >= MIN_HALF
            and not matched_elsewhere(ps, o.i, b.j, halves[0])
        ):
            return min(n, k), merged
    return None


_ITEM = re.compile(r"^\s*(?:[•▪◦●○■□►‣∙·*+]|[-–](?=\s))\s")  # a list bullet (blocks._BULLET, less the letter 'o')


def list_items(a: str, b: str) -> bool:
    """Both texts open with a list bullet: two items of a list, never one sentence."""
    return bool(_ITEM.match(a) and _ITEM.match(b))
