"""Length-sorted, token-budgeted batching: the part of the speed-up that is pure arithmetic."""

from __future__ import annotations

import numpy as np

from harness.batching import batches_longest_first


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


def test_tokenising_once_gives_the_tensors_prepare_sample_gives(checkpoints, triples):
    """Inside ``tokenised_once`` the encoder gets exactly what COMET's own ``prepare_sample`` gives,
    padding and truncation included (a text past the 512 positions, an empty one, mixed lengths in
    one batch), word-level calls still go to COMET, and the encoder is left as it was."""
    import torch
    from comet import load_from_checkpoint

    from harness.metrics.comet_scoring import tokenised_once

    encoder = load_from_checkpoint(str(checkpoints["regression"] / "checkpoints" / "model.ckpt"),
                                   local_files_only=True).encoder
    long_text = " ".join(triples.ref * 40)
    texts = [long_text, "", *triples.src, *triples.mt]
    batches = ([0, 1, 2], [3, 4, 5, 6], list(range(len(texts))))
    expected = [encoder.prepare_sample([texts[i] for i in batch]) for batch in batches]
    word_level = encoder.prepare_sample(texts[2:5], True, None)
    with tokenised_once(encoder, list(dict.fromkeys(texts))) as ids_of:
        assert len(ids_of[long_text]) == encoder.max_positions - 2 < len(encoder.tokenizer(long_text)["input_ids"])
        for batch, theirs in zip(batches, expected):
            ours = encoder.prepare_sample([texts[i] for i in batch])
            for key in ("input_ids", "attention_mask"):
                assert ours[key].dtype == theirs[key].dtype
                assert torch.equal(ours[key], theirs[key]), key
        assert encoder.prepare_sample(texts[2:5], True, None).keys() == word_level.keys()
        assert "offsets" in word_level  # the word-level output, not ours
    assert "prepare_sample" not in vars(encoder)  # COMET's own method again


def test_a_batch_that_ran_out_of_memory_is_cut_again_and_the_smaller_budget_stays():
    from harness.batching import Budget, LengthBatches

    lengths = np.array([10] * 8 + [5] * 8)
    plan = LengthBatches(lengths, Budget(max_count=8, max_tokens=80))
    seen, failed = [], False
    for batch in plan:
        if not failed:  # the first pass (8 x 10 positions) does not fit
            failed = True
            plan.shrink(batch)
            continue
        seen.append(batch.tolist())
    assert seen == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14, 15]]  # 4 x 10, then still <= 40
    assert (plan.budget.max_count, plan.budget.max_tokens) == (4, 40)


def test_one_segment_that_does_not_fit_is_a_clear_error():
    import pytest

    from harness.batching import Budget, LengthBatches, OutOfDeviceMemory

    plan = LengthBatches(np.array([512]), Budget(max_count=8, max_tokens=4096))
    with pytest.raises(OutOfDeviceMemory, match="one segment of 512 token positions"):
        for batch in plan:
            plan.shrink(batch)
