"""Source and reference embeddings are reused across systems and runs, with scores identical to a fresh scoring."""

from __future__ import annotations

import pytest
import torch

from harness.metrics import comet_embeddings
from harness.metrics.comet import COMET
from harness.metrics.comet_embeddings import MemoryEmbeddings, decode, encode

OTHER_SYSTEM = ["The government showed a new budget on Tuesday.", "Colombia is NATO's partner since 2018.", "Yes!",
                "Over 200 officers joined exercises, said the minister.", "The report came out yesterday.",
                "Cooperation covers training and demining.", "Colombia is NATO's partner since 2018.", "Why?"]


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch: pytest.MonkeyPatch) -> MemoryEmbeddings:
    memory = MemoryEmbeddings(1 << 30)
    monkeypatch.setattr(comet_embeddings, "MEMORY", memory)
    monkeypatch.setattr("harness.metrics.comet.MEMORY", memory)
    return memory


def fresh_scores(model: str, triples, hyps: list[str]) -> list[float]:
    """No score cache, no embedding reuse: what the harness computes from scratch."""
    metric = COMET(model=model, gpus=0, batch_size=4, cache=False, embedding_cache_mb=0)
    return metric.score(hyps, triples.ref, triples.src).segment_scores


def test_second_system_reuses_source_and_reference_embeddings(checkpoints, triples, fresh_memory):
    model = str(checkpoints["regression"])
    first = COMET(model=model, gpus=0, batch_size=4).score(triples.mt, triples.ref, triples.src)
    distinct_fixed = len(set(triples.src) | set(triples.ref))
    assert first.details["reused_embeddings"] == 0
    calls: list[int] = []
    second_metric = COMET(model=model, gpus=0, batch_size=4)
    from harness.metrics import comet_scoring

    original = comet_scoring._embed
    try:
        comet_scoring._embed = lambda m, texts, *a: calls.append(len(texts)) or original(m, texts, *a)
        second = second_metric.score(OTHER_SYSTEM, triples.ref, triples.src)
    finally:
        comet_scoring._embed = original
    assert second.details["reused_embeddings"] == distinct_fixed
    # Only the hypotheses not already among sources/references were embedded.
    assert calls == [len(set(OTHER_SYSTEM) - set(triples.src) - set(triples.ref))]
    assert second.segment_scores == fresh_scores(model, triples, OTHER_SYSTEM)  # identical, not just close
    assert first.segment_scores == fresh_scores(model, triples, triples.mt)


def test_later_runs_reuse_them_from_the_cache_file(checkpoints, triples, fresh_memory, monkeypatch):
    model = str(checkpoints["regression"])
    COMET(model=model, gpus=0, batch_size=4).score(triples.mt, triples.ref, triples.src)
    empty = MemoryEmbeddings(1 << 30)  # a new process: nothing in memory
    monkeypatch.setattr("harness.metrics.comet.MEMORY", empty)
    again = COMET(model=model, gpus=0, batch_size=4).score(OTHER_SYSTEM, triples.ref, triples.src)
    assert again.details["reused_embeddings"] == len(set(triples.src) | set(triples.ref))
    assert again.segment_scores == fresh_scores(model, triples, OTHER_SYSTEM)
    assert empty.bytes > 0  # what came from disk is kept in memory for the next system


def test_other_batching_embeds_again(checkpoints, triples):
    """A sentence's embedding differs in the last bits with its batch's shape: no reuse across batch sizes."""
    model = str(checkpoints["regression"])
    COMET(model=model, gpus=0, batch_size=4).score(triples.mt, triples.ref, triples.src)
    other = COMET(model=model, gpus=0, batch_size=2).score(OTHER_SYSTEM, triples.ref, triples.src)
    assert other.details["reused_embeddings"] == 0


def test_joint_models_do_not_reuse_embeddings(checkpoints, triples):
    first = COMET(model=str(checkpoints["qe"]), gpus=0).score(triples.mt, None, triples.src)
    second = COMET(model=str(checkpoints["qe"]), gpus=0).score(OTHER_SYSTEM, None, triples.src)
    assert first.details["reused_embeddings"] == second.details["reused_embeddings"] == 0


def test_memory_is_bounded_least_recently_used_first() -> None:
    memory = MemoryEmbeddings(3 * 4 * 4)  # three 4-float tensors
    for name in "abc":
        memory.put(name, torch.ones(4))
    assert memory.get("a") is not None  # a is now the most recent
    memory.put("d", torch.ones(4))
    assert memory.get("b") is None and memory.get("a") is not None and memory.bytes == 48
    memory.put("huge", torch.ones(100))  # larger than the bound: not kept, nothing evicted for it
    assert memory.get("huge") is None and memory.bytes == 48


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16, torch.bfloat16])
def test_cache_values_restore_the_exact_tensor(dtype) -> None:
    tensor = torch.randn(16).to(dtype)
    back = decode(encode(tensor))
    assert back.dtype == dtype and torch.equal(back, tensor)
    assert decode({"dtype": "float32", "f32": "not base64!"}) is None
