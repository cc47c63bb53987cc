"""Sentences held in place by their neighbours: order as evidence where words are thin.

A sentence the lexical scorer barely matches ("Es gibt eine Reihe von Debian betreffenden
Mailinglisten." / "There are a lot of Debian-related mailing lists.") is left out by the DP or
falls under the similarity floor, although it sits exactly where its counterpart sits: the pair
before it and the pair after it are confident and adjacent, and it is the only sentence between
them on either side. Such a sandwiched 1-1 pair is right far more often than a free-standing pair
of the same similarity, so it is judged against a lower floor (still above zero: two different
sentences that happen to sit in the same place, as where a translation follows an older version
of the original, share nothing) and its lengths must still agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
