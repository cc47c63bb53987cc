"""Restore the reading order of shuffled source blocks and re-join sentences cut at block ends.

Two-column PDF extraction emits text boxes out of order. Each source block is placed at the
median target position of its confidently anchored sentences (a block without anchors stays
right after its raw predecessor); then a block that ends mid-sentence is joined with the next
body block in the restored order.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from harness.align.lang import ends_sentence
from harness.align.similarity import PairSim
from harness.align.tracked import Tracked

CANDIDATES = 8


@dataclass(frozen=True)
class Block:
    text: Tracked
    kind: str


def find_anchors(
    ps: PairSim,
    n_src: int,
    n_tgt: int,
    compatible: Callable[[int, int], bool] = lambda _i, _j: True,
    min_sim: float = 0.3,
    margin: float = 0.08,
) -> dict[int, int]:
    """Source sentence -> target sentence, where one target (or target pair: translators split
    sentences) is clearly the best match; the runner-up must not overlap the winner.
    `compatible` keeps headings anchoring to headings, body text to body text."""
    anchors: dict[int, int] = {}
    for i in range(n_src):
        scored: list[tuple[float, int, int]] = []
        for j in ps.candidates(i, CANDIDATES):
            if not compatible(i, j):
                continue
            scored.append((ps.sim(i, 1, j, 1), j, 1))
            scored += [(ps.sim(i, 1, k, 2), k, 2) for k in (j - 1, j) if 0 <= k and k + 1 < n_tgt]
        if not scored:
            continue
        scored.sort(key=lambda x: (-x[0], x[1], x[2]))
        best, j, d = scored[0]
        second = max((s for s, k, dk in scored if k + dk <= j or k >= j + d), default=0.0)
        if best >= min_sim and best - second >= margin:
            anchors[i] = j
    return anchors


def monotone_anchors(anchors: dict[int, int]) -> list[tuple[int, int]]:
    """The longest chain of anchors increasing on both sides (drops stray matches)."""
    pairs = sorted(anchors.items())
    tails: list[int] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(pairs)


    for k, (_i, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos > 0 else -1
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(pairs[k])
        k = prev[k]
    return chain[::-1]


def block_order(block_of: Sequence[int], n_blocks: int, anchors: dict[int, int]) -> list[int]:
    """Block indices in restored reading order."""
    positions: list[list[int]] = [[] for _ in range(n_blocks)]
    for sentence, target in anchors.items():
        positions[block_of[sentence]].append(target)
    keys: list[float] = []
    for b in range(n_blocks):
        if positions[b]:
            keys.append(float(statistics.median(positions[b])))
        else:
            keys.append(keys[-1] if keys else -1.0)
    return sorted(range(n_blocks), key=lambda b: (keys[b], b))


def stitch(blocks: Sequence[Block]) -> list[Block]:
    """Join each body block that ends mid-sentence with the next body block."""
    out: list[Block] = []
    pending: int | None = None
    for block in blocks:
        if block.kind == "body" and pending is not None:
            head = out[pending].text
            glue = "" if head.text.endswith("-") else " "
            merged = head + Tracked(glue, (head.lines[-1],) * len(glue)) + block.text
            out[pending] = Block(merged, out[pending].kind)
            pending = None if ends_sentence(merged.text) else pending
            continue
        out.append(block)
        if block.kind == "body" and not ends_sentence(block.text.text):
            pending = len(out) - 1
    return out
