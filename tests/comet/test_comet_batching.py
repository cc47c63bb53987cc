"""Length-sorted, token-budgeted batching: the part of the speed-up that is pure arithmetic."""

from __future__ import annotations

import numpy as np

from harness.metrics.comet_scoring import batches_longest_first


def test_batches_are_longest_first_and_respect_count_and_token_budget():
    lengths = np.array([5, 100, 20, 100, 3])
    batches = [b.tolist() for b in batches_longest_first(lengths, max_count=3, max_tokens=200)]
    assert batches == [[1, 3], [2, 0, 4]]  # 2 x 100 fits 200; then up to 3 short ones


def test_a_sentence_longer_than_the_budget_still_gets_a_batch_of_its_own():
    batches = [b.tolist() for b in batches_longest_first(np.array([512, 4, 4]), max_count=8, max_tokens=100)]
    assert batches == [[0], [1, 2]]


def test_every_index_appears_exactly_once():
    lengths = np.random.default_rng(0).integers(1, 512, size=1000)
    batches = batches_longest_first(lengths, max_count=64, max_tokens=4096)
    assert sorted(np.concatenate(batches).tolist()) == list(range(1000))
    assert all(len(b) * lengths[b].max() <= 4096 or len(b) == 1 for b in batches)
