"""The DP as a plain loop over cells, one bead after another: the oracle dp.align must agree with
(dp.align computes whole rows with numpy; see test_dp.py)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from harness.align.dp import Bead, CostModel, _prefix_sums
from harness.align.similarity import PairSim


def scalar_align(
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
    """
    n, m = len(src_chars), len(tgt_chars)
    src_upto, tgt_upto = _prefix_sums(src_chars), _prefix_sums(tgt_chars)  # span lengths in O(1)
    if band is None:
        band = [(0, m)] * (n + 1)
    src_groups, tgt_groups = groups or ([0] * n, [0] * m)
    inf, log, sim = math.inf, math.log, ps.sim
    skip, merge, weight, ratio = model.skip, model.merge, model.length_weight, model.ratio
    cost: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [dict() for _ in range(n + 1)]
    cost[0][0] = 0.0
    empty: dict[int, float] = {}
    # the five beads written out in the order 1-1, 1-2, 2-1, 1-0, 0-1 (the DP's inner loop runs
    # millions of times); a later bead wins only when strictly cheaper. Each bead's cost is its
    # dissimilarity per sentence covered plus length_weight * |log((target chars + 20) / (ratio *
    # source chars + 20))|: zero where the lengths match the expected ratio
    for i in range(n + 1):
        lo, hi = band[i]
        row_cost, row_back = cost[i], back[i]
        up = cost[i - 1] if i >= 1 else empty
        up2 = cost[i - 2] if i >= 2 and src_groups[i - 2] == src_groups[i - 1] else empty
        ls1 = src_upto[i] - src_upto[i - 1] if i >= 1 else 0
        ls2 = src_upto[i] - src_upto[i - 2] if i >= 2 else 0
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, (0, 0, 0.0)
            if j >= 1:
                lt1 = tgt_upto[j] - tgt_upto[j - 1]
                prev = up.get(j - 1)
                if prev is not None:
                    s = sim(i - 1, 1, j - 1, 1)
                    c = prev + (1 - s) * 2 / 2 + weight * abs(log((lt1 + 20) / (ratio * ls1 + 20)))
                    if c < best:
                        best, arg = c, (1, 1, s)
                if j >= 2 and tgt_groups[j - 2] == tgt_groups[j - 1]:
                    prev = up.get(j - 2)
                    if prev is not None:
                        s = sim(i - 1, 1, j - 2, 2)
                        lt = tgt_upto[j] - tgt_upto[j - 2]
                        c = prev + (1 - s) * 3 / 2 + weight * abs(log((lt + 20) / (ratio * ls1 + 20))) + merge
                        if c < best:
                            best, arg = c, (1, 2, s)
                prev = up2.get(j - 1)
                if prev is not None:
                    s = sim(i - 2, 2, j - 1, 1)
                    c = prev + (1 - s) * 3 / 2 + weight * abs(log((lt1 + 20) / (ratio * ls2 + 20))) + merge
                    if c < best:
                        best, arg = c, (2, 1, s)
            prev = up.get(j)
            if prev is not None and prev + skip < best:
                best, arg = prev + skip, (1, 0, 0.0)
            prev = row_cost.get(j - 1) if j >= 1 else None
            if prev is not None and prev + skip < best:
                best, arg = prev + skip, (0, 1, 0.0)
            if best < inf:
                row_cost[j] = best
                row_back[j] = arg
    if m not in cost[n]:
        raise ValueError("alignment band does not reach the end; widen it")
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj, s = back[i][j]
        beads.append(Bead(i - di, di, j - dj, dj, s))
        i, j = i - di, j - dj
    return beads[::-1]
