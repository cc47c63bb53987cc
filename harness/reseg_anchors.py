"""Anchors: where a long unit's re-segmentation can be split into small searches without changing its optimum.

mweralign's search is quadratic in the unit (hypothesis words x reference words): one search over a
3,300-word document takes ~0.2 s, the same document split at its anchors ~0.01 s. Why splitting keeps
the optimum:

1. The search (mweralign behind a start token, harness.reseg._search) picks cuts 0 = c_0 <= c_1 <= ... <= c_K = J of the J hypothesis words minimising
   sum_k lev(hyp[c_(k-1):c_k], ref_k) (word-level Levenshtein, unit costs). Cuts plus one alignment
   per sentence are one alignment path of the hypothesis against the concatenation R of the reference
   sentences, crossing the row p_k (after sentence k's last word) at column c_k; and any path gives
   cuts (a column where it is in row p_k) of at most its cost. So the optimum is D = lev(hyp, R).
2. If an optimal path of hyp against R passes through the node (p_k, j), then
   D = lev(hyp[:j], R[:p_k]) + lev(hyp[j:], R[p_k:]), and by 1. each term is the optimum of the search
   on that side alone (sentences 1..k on hyp[:j], k+1..K on hyp[j:]). So cutting at j after sentence k
   and searching both sides separately still reaches D; for several anchors on one path, the same
   holds chunk by chunk. No segmentation costs less than D, so the result is optimal.
   (mweralign alone never leaves the first piece empty, so it misses D when the first sentence should
   get nothing; the start token of harness.reseg lifts that, and tests check D is reached exactly.)

One optimal path comes from rapidfuzz's bit-parallel Levenshtein (milliseconds for thousands of
words). An anchor is a sentence boundary that this path crosses inside a run of matched words (the
last word of the sentence and the first of the next both match): a cut any sensible segmentation
makes too, so the pieces nearly always equal whole-unit mweralign's; ties inside chunks are still
broken by mweralign itself.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, chain


def anchors(hyp: Sequence[str], refs: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """``(k, j)`` pairs, increasing: sentences ``[:k]`` take exactly ``hyp[:j]`` in an optimal segmentation."""
    from rapidfuzz.distance import Levenshtein  # here: every run imports this module, only unit != sentence calls it

    ends = list(accumulate(len(ref) for ref in refs))[:-1]  # the row after sentence k is ends[k - 1]
    # an empty sentence puts two boundaries on one row: which side gets it is left to mweralign
    shared = {end for end, count in Counter(ends).items() if count > 1}
    rows = [(end, k) for k, end in enumerate(ends, start=1) if end not in shared]
    starts = [row for row, _ in rows]
    # tokens as small ints: exact identity (rapidfuzz would compare strings by their hashes)
    ids = {token: n for n, token in enumerate({*hyp, *chain.from_iterable(refs)})}
    flat = list(map(ids.__getitem__, chain.from_iterable(refs)))
    words = list(map(ids.__getitem__, hyp))
    found: list[tuple[int, int]] = []
    for op in Levenshtein.opcodes(flat, words):
        if op.tag != "equal":
            continue
        # boundaries strictly inside the matched run: matched words on both sides
        for row, k in rows[bisect_right(starts, op.src_start) : bisect_left(starts, op.src_end)]:
            found.append((k, op.dest_start + row - op.src_start))
    return found
