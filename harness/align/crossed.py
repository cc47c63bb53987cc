"""Crossed partners in shuffled text: a written pair that holds a left-over sentence's counterpart.

In shuffled text a block's place is a guess, and a short block of one sentence placed beside a
look-alike gets paired with it ('Basiselemente für das Seitenlayout sind:' / 'Usually page layout
items are displayed on all pages.', similar on 'page layout items'), while its own counterpart
('Basic page layout items are:') and the look-alike's ('Üblicher Weise ist das Seitenlayout und
dessen Elemente für alle Seiten gleich.') are both left over. blockmates.better_partners re-pairs
a source sentence that matches a left-over target better than its own; here neither new pair
beats the written one alone, but the two together do: the left-over source b clearly matches
the written target x best of all targets, the written source a has a left-over target y that
clearly matches a best of all sources, both new pairs reach recovery's floor and pass its
checks for pairs placed without regard to order, and the crossed assignment (a, y) + (b, x)
beats the written one plus the left-over pair (a, x) + (b, y) by SWAP_MARGIN. Order is the
evidence given up, as in recovery: the margin and floors ask that of the words.
"""

from __future__ import annotations

from harness.align import recovery
from harness.align.blockmates import KINDS, SWAP_MARGIN
from harness.align.model import AlignedPair, Alignment
from harness.align.similarity import KeySim, PairSim, Scorer


def _left(result: Alignment, side: str) -> list[int]:
    return [n for n, a in enumerate(result.unaligned) if a.side == side and a.reason.startswith("body:") and a.unit.kind in KINDS]


def _clear_best_of(ps: PairSim, i: int, among: range, transpose: bool = False) -> tuple[float, int]:
    """The best (similarity, index) of row i (a column when `transpose`) among `among`, when it
    beats the runner-up by recovery's margin; else (0, -1). With a key scorer only the units
    sharing a key are scored (the others score 0), and of those only the ones that could be the
    best or its rival (the callers ask for MIN_SCORE or more): the outcome is the same, and the
    pass no longer scores every left-over against every unit."""
    if isinstance(ps, KeySim):  # a best under MIN_SCORE is no use, a runner-up under it less the margin no rival
        row = [(s, j) for j, s in ps.row(i, transpose, recovery.MIN_SCORE - recovery.MARGIN).items() if j in among]
    else:
        row = [(ps.sim(j, 1, i, 1) if transpose else ps.sim(i, 1, j, 1), j) for j in among]
    return recovery.clear_best(row) if row else (0.0, -1)


def cross_partners(result: Alignment, scorer: Scorer, ratio: float) -> int:
    """Re-pair written 1-1 pairs (a, x) as (a, y) and (b, x) with left-over units b, y (see the
    module docstring); returns how many written pairs it changed."""
    left_src, left_tgt = _left(result, "src"), _left(result, "tgt")
    cand = [k for k, p in enumerate(result.pairs) if len(p.src) == 1 and len(p.tgt) == 1 and p.src[0].kind in KINDS and p.tgt[0].kind in KINDS]
    if not left_src or not left_tgt or not cand:
        return 0
    sources = [result.unaligned[n].unit for n in left_src] + [result.pairs[k].src[0] for k in cand]
    targets = [result.unaligned[n].unit for n in left_tgt] + [result.pairs[k].tgt[0] for k in cand]
    ps = scorer.fit([u.text for u in sources], [u.text for u in targets])
    ns, nt = len(left_src), len(left_tgt)
    every_src, every_tgt = range(len(sources)), range(len(targets))
    changes: list[tuple[int, int, int, float, float]] = []  # (candidate, left-over source, left-over target, sim(a, y), sim(b, x))
    used: set[tuple[str, int]] = set()
    for b in range(ns):
        bx, x = _clear_best_of(ps, b, every_tgt)
        if x < nt or bx < recovery.MIN_SCORE:
            continue  # b's best is a left-over target (recovery's case) or none
        c = x - nt
        a = ns + c
        ay, y = _clear_best_of(ps, a, range(nt))
        if y < 0 or ay < recovery.MIN_SCORE or _clear_best_of(ps, y, every_src, transpose=True)[1] != a:
            continue
        if ay + bx < ps.sim(a, 1, x, 1) + ps.sim(b, 1, y, 1) + SWAP_MARGIN:
            continue
        pairs = ((sources[a].text, targets[y].text, ay), (sources[b].text, targets[x].text, bx))
        if not all(recovery.out_of_order_pair(s, t, score, ratio) for s, t, score in pairs):
            continue
        if {("c", c), ("b", b), ("y", y)} & used:
            continue
        used |= {("c", c), ("b", b), ("y", y)}
        changes.append((c, b, y, ay, bx))
    if not changes:
        return 0
    new: list[AlignedPair] = []
    for c, b, y, ay, bx in changes:
        written = result.pairs[cand[c]]
        new.append(AlignedPair(written.src, (targets[y],), targets[y].kind, ay))
        new.append(AlignedPair((sources[b],), written.tgt, written.tgt[0].kind, bx))
    dropped = {cand[c] for c, *_ in changes}
    taken = {left_src[b] for _, b, *_ in changes} | {left_tgt[y] for _, _, y, *_ in changes}
    result.pairs = [p for k, p in enumerate(result.pairs) if k not in dropped]
    result.unaligned = [a for n, a in enumerate(result.unaligned) if n not in taken]
    recovery.insert_pairs(result.pairs, new)
    return len(changes)

