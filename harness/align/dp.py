"""Monotonic sentence alignment by dynamic programming over beads (1-1, 1-2, 2-1, 1-0, 0-1).

Costs are per sentence covered, so merging an unrelated sentence into a bead costs more than
leaving it unaligned. For long documents only a band around the anchor path is searched.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from harness.align.similarity import PairSim

FULL_DP_CELLS = 400_000


@dataclass(frozen=True)
class CostModel:
    skip: float = 0.45  # cost of leaving one sentence unaligned
    merge: float = 0.08  # extra cost of a 1-2 / 2-1 bead
    length_weight: float = 0.35
    ratio: float = 1.0  # expected target/source length in characters


@dataclass(frozen=True)
class Bead:
    i: int
    di: int
    j: int
    dj: int
    score: float  # similarity of the two sides (0 for 1-0 / 0-1)


def _prefix_sums(values: Sequence[int]) -> list[int]:
    sums = [0]
    for v in values:
        sums.append(sums[-1] + v)
    return sums


def band_from_anchors(n: int, m: int, anchors: Sequence[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """Allowed target range per source position: the anchor path, interpolated, ± width."""
    points = [(0, 0), *sorted(anchors), (n, m)]
    path = [(i, j) for i, j in points if 0 <= i <= n and 0 <= j <= m]
    band: list[tuple[int, int]] = []
    k = 0
    for i in range(n + 1):
        while k + 1 < len(path) - 1 and path[k + 1][0] <= i:
            k += 1
        (i0, j0), (i1, j1) = path[k], path[min(k + 1, len(path) - 1)]
        centre = j0 if i1 == i0 else j0 + (j1 - j0) * (i - i0) / (i1 - i0)
        band.append((max(0, int(centre) - width), min(m, int(centre) + width + 1)))
    for i in range(1, n + 1):  # keep the band connected and monotone
        lo, hi = band[i]
        band[i] = (max(lo, band[i - 1][0]), max(hi, band[i - 1][1]))
    for i in range(n - 1, -1, -1):
        lo, hi = band[i]
        band[i] = (min(lo, band[i + 1][0]), hi)
    return band


def align(
    src_chars: Sequence[int],
    tgt_chars: Sequence[int],
    ps: PairSim,
    model: CostModel,
    band: list[tuple[int, int]] | None = None,
    groups: tuple[Sequence[object], Sequence[object]] | None = None,
) -> list[Bead]:
    """Minimum-cost monotonic bead sequence covering both sides.

    `groups` labels each unit (e.g. heading or not); a 1-2/2-1 bead never merges units of
    different labels, so a byline is not swallowed by the lead paragraph next to it.

    A long document's table has millions of cells. What a bead adds to a cell's cost does not
    depend on the path, so it is computed for every cell at once (similarities through the
    scorer's band_sims where it has one); only the choice of bead runs row by row. The sums are
    made in the order a cell-by-cell loop makes them, with math.log (np.log's last bit may
    differ), and of equally cheap beads the first in the order 1-1, 1-2, 2-1, 1-0, 0-1 wins, so
    the result is the cell-by-cell DP's (tests/align/test_dp.py compares the two).
    """
    n, m = len(src_chars), len(tgt_chars)
    src_upto, tgt_upto = _prefix_sums(src_chars), _prefix_sums(tgt_chars)  # span lengths in O(1)
    if band is None:
        band = [(0, m)] * (n + 1)
    src_groups, tgt_groups = groups or ([0] * n, [0] * m)
    skip, merge, weight, ratio = model.skip, model.merge, model.length_weight, model.ratio
    rows = [(i - 1, lo, hi, i >= 2 and src_groups[i - 2] == src_groups[i - 1]) for i, (lo, hi) in enumerate(band) if i >= 1]
    cells = _Cells(band[1:])
    tgt_merge = np.array([False, False, *(tgt_groups[t - 2] == tgt_groups[t - 1] for t in range(2, m + 1))], dtype=bool)
    one, two, pair = _band_sims(ps, rows, tgt_merge)  # per cell (i, j): sim(i-1, 1, j-1, 1), sim(i-1, 1, j-2, 2), sim(i-2, 2, j-1, 1)
    target = cells.target
    tgt_len1 = np.array([0, *(tgt_upto[t] - tgt_upto[t - 1] for t in range(1, m + 1))], dtype=np.float64)
    tgt_len2 = np.array([0, 0, *(tgt_upto[t] - tgt_upto[t - 2] for t in range(2, m + 1))], dtype=np.float64)
    ls1 = cells.per_row([src_upto[i] - src_upto[i - 1] for i in range(1, n + 1)])
    ls2 = cells.per_row([src_upto[i] - src_upto[i - 2] if i >= 2 else 0 for i in range(1, n + 1)])
    lt1, lt2 = tgt_len1[target], tgt_len2[target]
    # what each bead adds, as the scalar DP sums it: ((prev + dissimilarity) + length) [+ merge]
    add11 = ((1 - one) * 2 / 2, weight * _abs_log((lt1 + 20) / (ratio * ls1 + 20)))
    add12 = (np.where(tgt_merge[target], (1 - two) * 3 / 2, math.inf), weight * _abs_log((lt2 + 20) / (ratio * ls1 + 20)))
    add21 = ((1 - pair) * 3 / 2, weight * _abs_log((lt1 + 20) / (ratio * ls2 + 20)))
    costs: list[_Row] = [_first_row(band[0], skip)]
    picks: list[list[int]] = [[4] * (band[0][1] - band[0][0] + 1)]
    for i in range(1, n + 1):
        lo, hi = band[i]
        cell = cells.row(i - 1)
        up, up2 = costs[i - 1], (costs[i - 2] if rows[i - 1][3] else None)
        weighed = np.empty((4, hi - lo + 1))
        weighed[0] = up.window(lo - 1, hi) + add11[0][cell] + add11[1][cell]
        weighed[1] = up.window(lo - 2, hi - 1) + add12[0][cell] + add12[1][cell] + merge
        weighed[2] = (up2.window(lo - 1, hi) if up2 is not None else math.inf) + add21[0][cell] + add21[1][cell] + merge
        weighed[3] = up.window(lo, hi + 1) + skip
        choice = weighed.argmin(axis=0)  # the first of equal minima: a later bead wins only when strictly cheaper
        row, picked = weighed[choice, np.arange(hi - lo + 1)].tolist(), choice.tolist()
        for k in range(1, len(row)):  # 0-1 beads run along the row: each cell may extend the one before
            if row[k - 1] + skip < row[k]:
                row[k], picked[k] = row[k - 1] + skip, 4
        costs.append(_Row(lo, np.array(row)))
        picks.append(picked)
    if not band[n][0] <= m <= band[n][1] or costs[n].values[m - band[n][0]] == math.inf:
        raise ValueError("alignment band does not reach the end; widen it")
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = _BEADS[picks[i][j - band[i][0]]]
        score = (one, two, pair)[_BEADS.index((di, dj))][cells.at(i - 1, j)] if di and dj else 0.0
        beads.append(Bead(i - di, di, j - dj, dj, float(score)))
        i, j = i - di, j - dj
    return beads[::-1]


_BEADS = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))  # in the order a cell weighs them


class _Cells:
    """The band's cells of rows 1 .. n, numbered row after row (flat arrays hold one value each)."""

    def __init__(self, band: list[tuple[int, int]]) -> None:
        widths = np.array([hi - lo + 1 for lo, hi in band], dtype=np.intp)
        self.starts = np.concatenate([[0], np.cumsum(widths)]).astype(np.intp)
        self.widths, self.los = widths, [lo for lo, _hi in band]
        # each cell's target position j
        self.target = np.arange(self.starts[-1]) - np.repeat(self.starts[:-1] - np.array(self.los, dtype=np.intp), widths)

    def per_row(self, values: list[int]) -> np.ndarray:
        return np.repeat(np.array(values, dtype=np.float64), self.widths)

    def row(self, r: int) -> slice:
        return slice(int(self.starts[r]), int(self.starts[r + 1]))

    def at(self, r: int, j: int) -> int:
        return int(self.starts[r]) + j - self.los[r]


class _Row:
    """One row's costs (inf: unreachable) from target position lo on."""

    def __init__(self, lo: int, values: np.ndarray) -> None:
        self.lo, self.values = lo, values

    def window(self, start: int, stop: int) -> np.ndarray:
        """Costs at positions start .. stop - 1, inf outside the row."""
        a, b = start - self.lo, stop - self.lo
        if a >= 0 and b <= len(self.values):
            return self.values[a:b]
        out = np.full(stop - start, math.inf)
        lo, hi = max(a, 0), min(b, len(self.values))
        if lo < hi:
            out[lo - a : hi - a] = self.values[lo:hi]
        return out


def _first_row(lo_hi: tuple[int, int], skip: float) -> _Row:
    """Row 0: the empty start, then 0-1 beads only."""
    lo, hi = lo_hi
    row = [math.inf] * (hi - lo + 1)
    if lo == 0:
        row[0] = 0.0
    for k in range(1, len(row)):
        if row[k - 1] + skip < row[k]:
            row[k] = row[k - 1] + skip
    return _Row(lo, np.array(row))


def _abs_log(x: np.ndarray) -> np.ndarray:
    return np.abs(np.fromiter(map(math.log, x.tolist()), dtype=np.float64, count=len(x)))


def _band_sims(ps: PairSim, rows: list[tuple[int, int, int, bool]], tgt_merge: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row (s, lo, hi, merge) and j in lo .. hi: sim(s, 1, j-1, 1), sim(s, 1, j-2, 2) and,
    with merge, sim(s-1, 2, j-1, 1); 0 where a span falls outside the document. A scorer that can
    give them at once (KeySim.band_sims) does; any other is asked cell by cell, for the merges
    allowed only (`tgt_merge[j]`: targets j-2 and j-1 may share a bead), as an embedding scorer
    embeds each merged span it is asked about."""
    fast = getattr(ps, "band_sims", None)
    if fast is not None:
        return fast(rows)
    one: list[float] = []
    two: list[float] = []
    pair: list[float] = []
    for s, lo, hi, src_merge in rows:
        for j in range(lo, hi + 1):
            one.append(ps.sim(s, 1, j - 1, 1) if j >= 1 else 0.0)
            two.append(ps.sim(s, 1, j - 2, 2) if tgt_merge[j] else 0.0)
            pair.append(ps.sim(s - 1, 2, j - 1, 1) if src_merge and s >= 1 and j >= 1 else 0.0)
    return np.array(one, dtype=np.float64), np.array(two, dtype=np.float64), np.array(pair, dtype=np.float64)
